package org.plenary.text;

import java.util.List;
import java.util.Locale;

/**
 * The numbering schemes of UN and ITU drafts: Western and Arabic-Indic digits, Latin letters, Arabic
 * letters in abjad order (أ ب ج د هـ و ز ح ط ي …), lower-case roman numerals, and the "bis / ter /
 * quater" ("مكرراً") suffixes of paragraphs inserted between two others. Values are 1-based ordinals; a
 * method returns 0 when the text is not a number in its scheme.
 */
public final class Numbering {
  /** The 28 Arabic letters in abjad order, as ITU and UN Arabic texts letter their items. */
  public static final List<String> ABJAD = List.of("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م",
      "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ");

  /** The Arabic letters in alphabetical (hija'i) order: Word's "arabicAlpha" list format. */
  public static final List<String> ARABIC_ALPHA = List.of("أ", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س",
      "ش", "ص", "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "هـ", "و", "ي");

  /** Suffixes of inserted paragraphs and their rank: "6 bis" is the 2nd paragraph numbered 6. */
  private static final List<String> LATIN_SUFFIXES = List.of("bis", "ter", "quater", "quinquies", "sexies",
      "septies", "octies", "novies", "decies");

  private Numbering() {}

  /** The ordinal of an abjad letter ("هـ" and a bare "ه" are both 5, "ا" reads as "أ"), or 0. */
  public static int abjadValue(String letter) {
    String l = letter.strip();
    if (l.equals("ه") || l.equals("هـ")) {
      return 5;
    }
    if (l.equals("ا") || l.equals("إ") || l.equals("آ")) {
      return 1;
    }
    if (l.equals("ى")) {
      return 10;
    }
    return ABJAD.indexOf(l) + 1;
  }

  /** The abjad letter of an ordinal 1…28, or null outside. */
  public static String abjad(int ordinal) {
    return ordinal >= 1 && ordinal <= ABJAD.size() ? ABJAD.get(ordinal - 1) : null;
  }

  /** The letter of an ordinal 1…28 in alphabetical (hija'i) order, or null outside. */
  public static String arabicAlpha(int ordinal) {
    return ordinal >= 1 && ordinal <= ARABIC_ALPHA.size() ? ARABIC_ALPHA.get(ordinal - 1) : null;
  }

  /** The ordinal of a single Latin letter a…z (either case), or 0. */
  public static int latinValue(String letter) {
    if (letter.length() != 1) {
      return 0;
    }
    char c = Character.toLowerCase(letter.charAt(0));
    return c >= 'a' && c <= 'z' ? c - 'a' + 1 : 0;
  }

  public static String latin(int ordinal) {
    return ordinal >= 1 && ordinal <= 26 ? String.valueOf((char) ('a' + ordinal - 1)) : null;
  }

  /** The value of a roman numeral (i, iv, xii, either case, canonical form only, up to 3999), or 0. */
  public static int romanValue(String numeral) {
    String s = numeral.toLowerCase(Locale.ROOT);
    if (s.isEmpty() || s.length() > 15) {
      return 0;
    }
    int total = 0;
    for (int i = 0; i < s.length(); i++) {
      int v = romanDigit(s.charAt(i));
      if (v == 0) {
        return 0;
      }
      int next = i + 1 < s.length() ? romanDigit(s.charAt(i + 1)) : 0;
      total += v < next ? -v : v;
    }
    return total > 0 && total < 4000 && roman(total).equals(s) ? total : 0;
  }

  /** The lower-case roman numeral of 1…3999. */
  public static String roman(int value) {
    if (value < 1 || value > 3999) {
      throw new IllegalArgumentException("roman numerals cover 1..3999, not " + value);
    }
    int[] values = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    String[] symbols = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      while (value >= values[i]) {
        b.append(symbols[i]);
        value -= values[i];
      }
    }
    return b.toString();
  }

  private static int romanDigit(char c) {
    return switch (c) {
      case 'i' -> 1;
      case 'v' -> 5;
      case 'x' -> 10;
      case 'l' -> 50;
      case 'c' -> 100;
      case 'd' -> 500;
      case 'm' -> 1000;
      default -> 0;
    };
  }

  /** True for Western (0-9), Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits. */
  public static boolean isDigit(int cp) {
    return cp >= '0' && cp <= '9' || cp >= 0x0660 && cp <= 0x0669 || cp >= 0x06F0 && cp <= 0x06F9;
  }

  /** The value of a digit in any of the three scripts, or -1. */
  public static int digitValue(int cp) {
    if (cp >= '0' && cp <= '9') {
      return cp - '0';
    }
    if (cp >= 0x0660 && cp <= 0x0669) {
      return cp - 0x0660;
    }
    if (cp >= 0x06F0 && cp <= 0x06F9) {
      return cp - 0x06F0;
    }
    return -1;
  }

  /**
   * The value of a run of digits in any one script ("12", "١٢", "۱۲"), or -1 when it is not one, is
   * empty or is longer than 9 digits.
   */
  public static int parseDigits(String digits) {
    if (digits.isEmpty() || digits.length() > 9) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digitValue(digits.charAt(i));
      if (d < 0) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  /** Digits of any script turned into Western digits; other characters are kept. */
  public static String westernDigits(CharSequence text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int d = digitValue(c);
      b.append(d >= 0 ? (char) ('0' + d) : c);
    }
    return b.toString();
  }

  /** Western digits turned into Arabic-Indic ones (١٢٣), as Arabic documents may print them. */
  public static String arabicIndicDigits(CharSequence text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      b.append(c >= '0' && c <= '9' ? (char) (0x0660 + c - '0') : c);
    }
    return b.toString();
  }

  /**
   * The rank of an insertion suffix: "bis" and "مكرراً" are 2, "ter" and "مكرراً ثانياً" 3, "quater" and
   * "مكرراً ثالثاً" 4, …; 0 when the text is not such a suffix.
   */
  public static int suffixRank(String suffix) {
    String s = suffix.strip().toLowerCase(Locale.ROOT);
    int latin = LATIN_SUFFIXES.indexOf(s);
    if (latin >= 0) {
      return latin + 2;
    }
    String arabic = s.replace("\u064B", "").replace("\u0640", "").replace('ا', ' ').strip();
    // "مكرراً" without its tanween and final alef is "مكرر"; ordinals after it say which insertion it is.
    if (arabic.equals("مكرر")) {
      return 2;
    }
    if (arabic.startsWith("مكرر")) {
      String ordinal = arabic.substring(4).replace(" ", "");
      return switch (ordinal) {
        case "ثني" -> 3;
        case "ثلث" -> 4;
        case "ربع" -> 5;
        case "خمس" -> 6;
        default -> 0;
      };
    }
    return 0;
  }

  /**
   * The number of a paragraph inserted after the one numbered {@code after}: "6" → "6 bis", "6 bis" → "6 ter",
   * "(b)" → "(b bis)"; in Arabic "6" → "6 مكرراً", then "6 مكرراً ثانياً". {@code taken} are the numbers already
   * used, so inserting twice after "6" gives "6 bis" then "6 ter". Null for an unnumbered paragraph.
   */
  public static String insertedAfter(String after, java.util.Set<String> taken, boolean arabic) {
    if (after == null || after.isBlank()) {
      return null;
    }
    String s = after.strip();
    boolean parens = s.startsWith("(") && s.endsWith(")");
    String core = parens ? s.substring(1, s.length() - 1).strip() : s;
    // the core without an insertion suffix it may already carry
    int space = core.indexOf(' ');
    String stem = space > 0 && suffixRank(core.substring(space + 1)) > 0 ? core.substring(0, space) : core;
    for (int rank = 2; rank < 2 + LATIN_SUFFIXES.size(); rank++) {
      String suffix = arabic ? arabicSuffix(rank) : LATIN_SUFFIXES.get(rank - 2);
      String candidate = parens ? "(" + stem + " " + suffix + ")" : stem + " " + suffix;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static String arabicSuffix(int rank) {
    return switch (rank) {
      case 2 -> "مكرراً";
      case 3 -> "مكرراً ثانياً";
      case 4 -> "مكرراً ثالثاً";
      case 5 -> "مكرراً رابعاً";
      default -> "مكرراً خامساً";
    };
  }

  /** The superscript digit for 0-9 (¹ ² ³ …), as footnote references print. */
  public static char superscript(int digit) {
    return switch (digit) {
      case 1 -> '¹';
      case 2 -> '²';
      case 3 -> '³';
      default -> (char) (0x2070 + digit);
    };
  }

  /** The value of a superscript digit, or -1. */
  public static int superscriptValue(int cp) {
    return switch (cp) {
      case '¹' -> 1;
      case '²' -> 2;
      case '³' -> 3;
      case 0x2070 -> 0;
      default -> cp >= 0x2074 && cp <= 0x2079 ? cp - 0x2070 : -1;
    };
  }

  /** A number written in superscript digits (footnote reference 12 → "¹²"). */
  public static String superscriptNumber(int value) {
    String digits = Integer.toString(value);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      b.append(superscript(digits.charAt(i) - '0'));
    }
    return b.toString();
  }
}
