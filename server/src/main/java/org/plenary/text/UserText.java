package org.plenary.text;

/**
 * Checks on text typed by users (titles, names, labels): no control characters and no invisible
 * formatting characters that could reorder or hide what others read.
 */
public final class UserText {
  private UserText() {}

  /** A message saying what is wrong with a single-line name, or null when it is acceptable. */
  public static String problemWithName(String value) {
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isISOControl(cp)) {
        return "must not contain control characters such as line breaks or tabs";
      }
      if (isBidiControl(cp) || isZeroWidth(cp)) {
        return String.format("must not contain the invisible character U+%04X", cp);
      }
    }
    return null;
  }

  /** Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) and marks. */
  public static boolean isBidiControl(int cp) {
    return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200E || cp == 0x200F
        || cp == 0x061C;
  }

  /** Zero-width characters other than ZWNJ/ZWJ, which Arabic and Persian spelling needs. */
  public static boolean isZeroWidth(int cp) {
    return cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
  }
}
