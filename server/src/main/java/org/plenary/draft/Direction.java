package org.plenary.draft;

import java.util.Locale;

/** Base text direction of a paragraph. */
public enum Direction {
  RTL,
  LTR;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Direction fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /**
   * Right-to-left when the text has more right-to-left letters (Arabic, Hebrew, …) than left-to-right
   * ones, or when it starts with one (the Unicode bidi rule for a paragraph): an Arabic paragraph citing
   * "(ICT)" or an Arabic heading such as 'حدث "SDG Digital" لعام 2024' stays right-to-left.
   */
  public static Direction of(CharSequence text) {
    int rtl = 0;
    int ltr = 0;
    byte first = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      byte d = Character.getDirectionality(cp);
      if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
        rtl++;
        first = first < 0 ? d : first;
      } else if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
        ltr++;
        first = first < 0 ? d : first;
      }
    }
    return rtl > ltr || rtl > 0 && first != Character.DIRECTIONALITY_LEFT_TO_RIGHT ? RTL : LTR;
  }
}
