package org.plenary.draft;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenary.text.Numbering;

/**
 * The number written in front of a paragraph, as the author wrote it: "1", "1.", "1 -", "٣", "6 bis",
 * "6 مكرراً", "2.1", "(a)", "a)", "(ح)", "(i)". Reading it is separate from deciding what the paragraph is.
 *
 * @param type what kind of number it is
 * @param display the number as written, without list dashes or separating spaces
 * @param first the value of the number (for a report number "2.1", the 2), the letter's ordinal, or the
 *     roman value
 * @param second for a report number the second component (the 1 of "2.1"), else 0
 * @param latin for a Latin letter marker the letters as written (to tell "(i)" the letter from "(i)" the
 *     roman one), else null
 * @param rest the paragraph's text after the number
 */
record Marker(Type type, String display, int first, int second, String latin, String rest) {
  enum Type { NONE, REPORT, NUMBER, LETTER, ROMAN, ARABIC_LETTER }

  private static final String D = "[0-9\\u0660-\\u0669\\u06F0-\\u06F9]";
  private static final String SP = "[ \\t\\u00A0]";
  private static final String SUFFIX = "(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies"
      + "|مكرر[اً]*(?:" + SP + "+(?:ثانياً|ثالثاً|رابعاً|خامساً|ثانيا|ثالثا|رابعا|خامسا))?)";
  private static final String ARABIC_LETTER = "(?:هـ|[\\u0621-\\u064A]\\u0640?)";

  private static final Pattern REPORT = Pattern.compile(
      "^(" + D + "{1,3})\\.(" + D + "{1,3})(?:\\.(" + D + "{1,3}))?\\.?(?:" + SP + "+|$)(.*)", Pattern.DOTALL);
  private static final Pattern NUMBER = Pattern.compile(
      "^((" + D + "{1,3})(?:" + SP + "*" + SUFFIX + ")?(?:" + SP + "*[.)])?)(?:" + SP + "+[-–—])?" + SP + "+(\\S.*)",
      Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern PAREN = Pattern.compile(
      "^(\\(" + SP + "*([a-zA-Z]{1,6}|" + ARABIC_LETTER + ")(?:" + SP + "+" + SUFFIX + ")?" + SP + "*\\)(?:" + SP + "*"
          + SUFFIX + ")?)" + SP + "*(\\S.*)", Pattern.DOTALL);
  private static final Pattern CLOSING = Pattern.compile(
      "^(([a-z]{1,6}|" + ARABIC_LETTER + ")\\))" + SP + "+(\\S.*)", Pattern.DOTALL);

  static Marker none(String text) {
    return new Marker(Type.NONE, null, 0, 0, null, text);
  }

  /**
   * Reads the number at the start of {@code text}. {@code previousLetter} and {@code previousRoman} are the
   * ordinals of the lettered and roman items just before it in the same list (0 when none): "(i)" after "(h)"
   * is the letter i, otherwise the roman one.
   */
  static Marker read(String text, int previousLetter, int previousRoman) {
    if (text.isEmpty()) {
      return none(text);
    }
    char c0 = text.charAt(0);
    if (Numbering.isDigit(c0)) {
      Matcher r = REPORT.matcher(text);
      if (r.matches() && !r.group(4).isEmpty()) {
        String display = text.substring(0, r.start(4)).strip();
        return new Marker(Type.REPORT, display, Numbering.parseDigits(r.group(1)),
            Numbering.parseDigits(r.group(2)), null, r.group(4));
      }
      Matcher n = NUMBER.matcher(text);
      if (n.matches()) {
        return new Marker(Type.NUMBER, n.group(1).replaceAll(SP + "+", " "), Numbering.parseDigits(n.group(2)), 0,
            null, n.group(3));
      }
      return none(text);
    }
    Matcher m = PAREN.matcher(text);
    if (!m.matches()) {
      m = CLOSING.matcher(text);
      if (!m.matches()) {
        return none(text);
      }
    }
    String display = m.group(1).replaceAll(SP + "+", " ");
    String letters = m.group(2);
    String rest = m.group(3);
    int abjad = Numbering.abjadValue(letters);
    if (abjad > 0) {
      return new Marker(Type.ARABIC_LETTER, display, abjad, 0, null, rest);
    }
    String lower = letters.toLowerCase(java.util.Locale.ROOT);
    int letter = Numbering.latinValue(lower);
    // Multi-letter roman numerals are written in lower case; "(ITU)" or "(CI)" at the start is text.
    int roman = letters.length() == 1 || letters.equals(lower) ? Numbering.romanValue(lower) : 0;
    if (letter > 0 && roman > 0) {
      boolean continuesLetters = previousLetter > 0 && letter == previousLetter + 1;
      boolean continuesRomans = roman == 1 || previousRoman > 0 && roman == previousRoman + 1;
      if (continuesLetters || !continuesRomans) {
        roman = 0;
      } else {
        letter = 0;
      }
    }
    if (letter > 0) {
      return new Marker(Type.LETTER, display, letter, 0, letters, rest);
    }
    if (roman > 0) {
      return new Marker(Type.ROMAN, display, roman, 0, letters, rest);
    }
    return none(text);
  }
}
