package org.plenary.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Folds text to a comparison key, for comparison only: what a reader would not count as a change
 * (tashkeel, tatweel, hamza seat, Arabic-Indic digits, …) is erased from the key, each on request.
 * The displayed text is never folded.
 *
 * <pre>
 *   Normaliser.of(EnumSet.of(Ignore.DIACRITICS, Ignore.HAMZA)).key("الإقْلِيمية")  →  "الاقليمية"
 * </pre>
 */
public final class Normaliser {
  /** What a comparison may ignore. */
  public enum Ignore {
    /** Tashkeel (fatha, damma, kasra, tanwin, shadda, sukun, dagger alef, Quranic marks), Latin accents. */
    DIACRITICS,
    /** Tatweel (kashida, U+0640), the elongation used for justification. */
    TATWEEL,
    /** Alef with hamza or madda (أ إ آ ٱ) read as ا; ؤ as و; ئ as ي. */
    HAMZA,
    /** Alef maqsura (ى) read as ya (ي). */
    ALEF_MAQSURA,
    /** Arabic-Indic and Eastern Arabic-Indic digits read as 0–9, ٫ as "," and ٬ as nothing. */
    DIGITS,
    /** Any run of white space reads as one space, and space alone is never a change. */
    WHITESPACE,
    /** Letter case (Unicode case folding). */
    CASE;

    /** The name used in URLs and on the command line: "diacritics", "alef-maqsura". */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The option for a code, also accepting a few synonyms ("tashkeel", "kashida"); null when unknown. */
    public static Ignore fromCode(String code) {
      String c = code.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      for (Ignore i : values()) {
        if (i.code().equals(c)) {
          return i;
        }
      }
      return switch (c) {
        case "tashkeel", "harakat" -> DIACRITICS;
        case "kashida" -> TATWEEL;
        case "alef", "alif" -> HAMZA;
        case "maqsura", "ya" -> ALEF_MAQSURA;
        case "space", "spaces" -> WHITESPACE;
        default -> null;
      };
    }
  }

  private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
  private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
  private static final Normaliser EXACT = new Normaliser(EnumSet.noneOf(Ignore.class));

  private final Set<Ignore> ignore;
  private final boolean diacritics;
  private final boolean tatweel;
  private final boolean hamza;
  private final boolean maqsura;
  private final boolean digits;
  private final boolean caseFold;

  private Normaliser(Set<Ignore> ignore) {
    this.ignore = Set.copyOf(ignore);
    this.diacritics = ignore.contains(Ignore.DIACRITICS);
    this.tatweel = ignore.contains(Ignore.TATWEEL);
    this.hamza = ignore.contains(Ignore.HAMZA);
    this.maqsura = ignore.contains(Ignore.ALEF_MAQSURA);
    this.digits = ignore.contains(Ignore.DIGITS);
    this.caseFold = ignore.contains(Ignore.CASE);
  }

  public static Normaliser of(Set<Ignore> ignore) {
    Objects.requireNonNull(ignore, "ignore");
    return ignore.isEmpty() ? EXACT : new Normaliser(EnumSet.copyOf(ignore));
  }

  public static Normaliser exact() {
    return EXACT;
  }

  public Set<Ignore> ignored() {
    return ignore;
  }

  public boolean ignores(Ignore option) {
    return ignore.contains(option);
  }

  /** The comparison key of one token (white space handling is the differ's business, not the key's). */
  public String key(String token) {
    if (ignore.isEmpty() || ignore.size() == 1 && ignore.contains(Ignore.WHITESPACE)) {
      return token;
    }
    String s = token;
    if (diacritics && hasNonArabicMark(s)) {
      s = stripLatinMarks(s);
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char r = fold(c);
      if (r != c || out != null) {
        if (out == null) {
          out = new StringBuilder(s.length());
          out.append(s, 0, i);
        }
        if (r != DROP) {
          out.append(r);
        }
      }
    }
    String folded = out == null ? s : out.toString();
    return caseFold ? UCharacter.foldCase(folded, true) : folded;
  }

  private static final char DROP = '\uFFFF';

  private char fold(char c) {
    if (c < 0x0600) {
      return c;
    }
    if (diacritics && isTashkeel(c)) {
      return DROP;
    }
    if (tatweel && c == '\u0640') {
      return DROP;
    }
    if (hamza) {
      switch (c) {
        case '\u0623', '\u0625', '\u0622', '\u0671' -> { return '\u0627'; }
        case '\u0624' -> { return '\u0648'; }
        case '\u0626' -> { return '\u064A'; }
        default -> { }
      }
    }
    if (maqsura && c == '\u0649') {
      return '\u064A';
    }
    if (digits) {
      if (c >= '\u0660' && c <= '\u0669') {
        return (char) ('0' + (c - '\u0660'));
      }
      if (c >= '\u06F0' && c <= '\u06F9') {
        return (char) ('0' + (c - '\u06F0'));
      }
      if (c == '\u066B') {
        return ',';
      }
      if (c == '\u066C') {
        return DROP;
      }
    }
    return c;
  }

  /** Arabic harakat, tanwin, shadda, sukun, dagger alef and Quranic annotation marks. */
  static boolean isTashkeel(char c) {
    return c >= '\u064B' && c <= '\u0652' || c >= '\u0656' && c <= '\u065F' || c == '\u0670'
        || c >= '\u06D6' && c <= '\u06DC' || c >= '\u06DF' && c <= '\u06E4' || c == '\u06E7' || c == '\u06E8'
        || c >= '\u06EA' && c <= '\u06ED' || c >= '\u0610' && c <= '\u061A';
  }

  /** A precomposed Latin (or other non-Arabic) letter with a mark, or a combining mark outside Arabic. */
  private static boolean hasNonArabicMark(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0xC0 && c < 0x0600 || c >= 0x1E00 && c < 0x2000) {
        return true;
      }
    }
    return false;
  }

  /** Decomposes, drops combining marks, recomposes; Arabic hamza and madda marks are kept (not tashkeel). */
  private static String stripLatinMarks(String s) {
    String d = NFD.normalize(s);
    StringBuilder b = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      boolean mark = Character.getType(c) == Character.NON_SPACING_MARK;
      if (!mark || c >= '\u0653' && c <= '\u0655') {
        b.append(c);
      }
    }
    return NFC.normalize(b);
  }
}
