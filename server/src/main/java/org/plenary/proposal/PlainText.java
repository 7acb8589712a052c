package org.plenary.proposal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Text typed by delegates (proposed text, rationale, comments, replies) as stored: plain text, never
 * markup. Line breaks are normalised to {@code \n}; other control characters and zero-width spaces are
 * refused; bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are balanced within each
 * line: a closer without an opener is removed and openers left open are closed at the end of the line, so
 * no text can reorder what follows it on the page.
 *
 * <pre>
 *   PlainText.clean("a\u202Eb")      → "a\u202Eb\u202C"   (override closed at the end of the line)
 *   PlainText.clean("a\u202Cb")      → "ab"                (a stray PDF removed)
 *   PlainText.problem("x\u0007")     → "must not contain the control character U+0007"
 * </pre>
 */
public final class PlainText {
  private static final int PDF = 0x202C;
  private static final int PDI = 0x2069;

  private PlainText() {}

  /** What is wrong with {@code text} as stored plain text, or null when it can be cleaned. */
  public static String problem(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isISOControl(cp) && cp != '\n' && cp != '\r' && cp != '\t') {
        return String.format("must not contain the control character U+%04X", cp);
      }
      if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF) {
        return String.format("must not contain the invisible character U+%04X", cp);
      }
      if (Character.getType(cp) == Character.UNASSIGNED || Character.getType(cp) == Character.PRIVATE_USE
          || Character.getType(cp) == Character.SURROGATE) {
        return String.format("must not contain the unassigned or private-use character U+%04X", cp);
      }
    }
    return null;
  }

  /** The text with normalised line breaks and balanced bidi controls. Call {@link #problem} first. */
  public static String clean(String text) {
    String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(normalised.length() + 4);
    // Each entry: the closer the opener needs (PDF or PDI). Bidi scopes end at a paragraph separator.
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < normalised.length(); ) {
      int cp = normalised.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        closeAll(open, out);
        out.append('\n');
      } else if (cp >= 0x202A && cp <= 0x202E && cp != PDF) {
        open.push(PDF);
        out.appendCodePoint(cp);
      } else if (cp >= 0x2066 && cp <= 0x2068) {
        open.push(PDI);
        out.appendCodePoint(cp);
      } else if (cp == PDF) {
        // A PDF closes an embedding only inside the innermost isolate (UAX #9, X7).
        if (!open.isEmpty() && open.peek() == PDF) {
          open.pop();
          out.appendCodePoint(cp);
        }
      } else if (cp == PDI) {
        // A PDI closes the innermost open isolate and every embedding opened inside it (X6a).
        if (open.contains(PDI)) {
          while (open.peek() != PDI) {
            out.appendCodePoint(open.pop());
          }
          open.pop();
          out.appendCodePoint(cp);
        }
      } else {
        out.appendCodePoint(cp);
      }
    }
    closeAll(open, out);
    return out.toString();
  }

  private static void closeAll(Deque<Integer> open, StringBuilder out) {
    while (!open.isEmpty()) {
      out.appendCodePoint(open.pop());
    }
  }

  /** Length in code points, the unit of every limit and offset. */
  public static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
