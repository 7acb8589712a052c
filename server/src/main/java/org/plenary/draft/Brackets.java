package org.plenary.draft;

/** Counts bracketed, not yet agreed, passages: each {@code [} that opens one. */
public final class Brackets {
  private Brackets() {}

  /**
   * The number of opening square brackets, not counting footnote references such as "[1]" or "[12]".
   */
  public static int count(CharSequence text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '[' && !isFootnoteReference(text, i)) {
        n++;
      }
    }
    return n;
  }

  private static boolean isFootnoteReference(CharSequence text, int open) {
    int i = open + 1;
    int digits = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i)) && digits < 4) {
      i++;
      digits++;
    }
    return digits > 0 && i < text.length() && text.charAt(i) == ']';
  }
}
