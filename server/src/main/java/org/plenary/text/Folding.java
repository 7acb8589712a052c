package org.plenary.text;

import java.util.Locale;

/**
 * Folds text for recognising keywords and comparing paragraphs: Arabic diacritics (tashkeel) and tatweel
 * removed, alef and hamza-seat variants unified, alef maqsura read as yeh, digits made Western, lower
 * case. Only used to decide; the stored text is never folded.
 */
public final class Folding {
  private Folding() {}

  public static String fold(CharSequence text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u064B' && c <= '\u065F' || c == '\u0670' || c == '\u0640' || c >= '\u06D6' && c <= '\u06ED') {
        continue;
      }
      switch (c) {
        case 'أ', 'إ', 'آ', 'ٱ' -> b.append('ا');
        case 'ى' -> b.append('ي');
        default -> {
          int d = org.plenary.text.Numbering.digitValue(c);
          b.append(d >= 0 ? (char) ('0' + d) : c);
        }
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
