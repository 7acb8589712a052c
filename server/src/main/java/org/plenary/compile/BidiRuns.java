package org.plenary.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into runs of one direction, the way Word stores mixed text: Arabic runs are marked
 * right-to-left (complex script), Latin runs such as "(ICT)" or "WSIS+20" left-to-right. Neutral
 * characters between two runs of different direction take the paragraph's direction, and digits after a
 * Latin letter stay with it, as the Unicode bidi algorithm resolves them (rules N1, N2, W7), so
 * "(WSIS)" keeps both parentheses in the Arabic run around the Latin word.
 */
public final class BidiRuns {
  public record Run(String text, boolean rtl) {}

  private BidiRuns() {}

  public static List<Run> split(String text, boolean paragraphRtl) {
    List<Run> out = new ArrayList<>();
    if (text.isEmpty()) {
      return out;
    }
    int start = 0;
    int lastStrongEnd = 0;
    Boolean current = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      byte d = Character.getDirectionality(cp);
      Boolean strong;
      if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
        strong = Boolean.TRUE;
      } else if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT
          || d == Character.DIRECTIONALITY_EUROPEAN_NUMBER && Boolean.FALSE.equals(current)) {
        strong = Boolean.FALSE;
      } else {
        strong = null;
      }
      if (strong != null) {
        if (current == null) {
          if (strong != paragraphRtl && i > 0) {
            out.add(new Run(text.substring(0, i), paragraphRtl));
            start = i;
          }
          current = strong;
        } else if (!strong.equals(current)) {
          int cut = current == paragraphRtl ? i : lastStrongEnd;
          out.add(new Run(text.substring(start, cut), current));
          start = cut;
          current = strong;
        }
        lastStrongEnd = next;
      }
      i = next;
    }
    if (current == null) {
      out.add(new Run(text, paragraphRtl));
    } else if (current != paragraphRtl && lastStrongEnd < text.length()) {
      out.add(new Run(text.substring(start, lastStrongEnd), current));
      out.add(new Run(text.substring(lastStrongEnd), paragraphRtl));
    } else {
      out.add(new Run(text.substring(start), current));
    }
    return out;
  }
}
