package org.plenary.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacter.WordBreak;
import com.ibm.icu.lang.UProperty;

/**
 * A fast path for ICU word boundaries: the Unicode word-break rules (UAX #29: WB3–WB13b) over ICU's own
 * Word_Break property values, for text whose characters all fall in the scripts a negotiation text
 * uses (Latin, Greek, Cyrillic, Arabic, general punctuation). ICU's rule-based iterator is general and
 * several times slower; any other character (Hebrew, CJK and Thai, which need dictionaries, emoji,
 * ZWJ, regional indicators) sends the text back to ICU. {@code WordBreaksTest} checks that both agree.
 */
final class WordBreaks {
  private static final int LIMIT = 0x0800;
  /** Word_Break value per code point below {@link #LIMIT} and in U+2000–U+206F; -1 where not handled. */
  private static final byte[] LOW = new byte[LIMIT];
  private static final byte[] PUNCT = new byte[0x70];
  private static final byte UNSUPPORTED = -1;

  static {
    for (int c = 0; c < LIMIT; c++) {
      LOW[c] = classify(c);
    }
    for (int c = 0; c < PUNCT.length; c++) {
      PUNCT[c] = classify(0x2000 + c);
    }
  }

  private WordBreaks() {}

  private static byte classify(int c) {
    int wb = UCharacter.getIntPropertyValue(c, UProperty.WORD_BREAK);
    return switch (wb) {
      case WordBreak.ALETTER, WordBreak.NUMERIC, WordBreak.MIDLETTER, WordBreak.MIDNUM, WordBreak.MIDNUMLET,
          WordBreak.SINGLE_QUOTE, WordBreak.EXTEND, WordBreak.FORMAT, WordBreak.WSEGSPACE, WordBreak.OTHER,
          WordBreak.EXTENDNUMLET, WordBreak.CR, WordBreak.LF, WordBreak.NEWLINE -> (byte) wb;
      // Double quotes matter only between Hebrew letters (WB7b, WB7c), which go to ICU anyway.
      case WordBreak.DOUBLE_QUOTE -> (byte) WordBreak.OTHER;
      default -> UNSUPPORTED;
    };
  }

  private static int wb(char c) {
    if (c < LIMIT) {
      return LOW[c];
    }
    if (c >= 0x2000 && c < 0x2070) {
      return PUNCT[c - 0x2000];
    }
    return UNSUPPORTED;
  }

  /**
   * Writes the end offset of each segment into {@code ends} (sized at least {@code text.length()}) and
   * returns how many there are, or -1 when the text has a character this fast path does not handle.
   */
  static int boundaries(char[] text, int[] ends) {
    int len = text.length;
    if (len == 0) {
      return 0;
    }
    int first = wb(text[0]);
    if (first == UNSUPPORTED) {
      return -1;
    }
    int n = 0;
    // prev: class of the last non-Extend/Format character (WB4), and the one before it; raw: the last one.
    int prev = first;
    int prevPrev = -1;
    int raw = first;
    for (int i = 1; i < len; i++) {
      int c = wb(text[i]);
      if (c == UNSUPPORTED) {
        return -1;
      }
      boolean join;
      if (raw == WordBreak.CR && c == WordBreak.LF) {
        join = true; // WB3
      } else if (isNewline(raw) || isNewline(c)) {
        join = false; // WB3a, WB3b
      } else if (raw == WordBreak.WSEGSPACE && c == WordBreak.WSEGSPACE) {
        join = true; // WB3d
      } else if (c == WordBreak.EXTEND || c == WordBreak.FORMAT) {
        join = true; // WB4: marks stay with what they mark
      } else {
        join = joins(prevPrev, prev, c, text, i + 1);
      }
      if (!join) {
        ends[n++] = i;
      }
      if (c != WordBreak.EXTEND && c != WordBreak.FORMAT || isNewline(prev)) {
        prevPrev = prev;
        prev = c;
      }
      raw = c;
    }
    ends[n++] = len;
    return n;
  }

  /** The class of the next character from {@code from} that is not Extend/Format, or -1 at the end. */
  private static int next(char[] text, int from) {
    for (int k = from; k < text.length; k++) {
      int c = wb(text[k]);
      if (c != WordBreak.EXTEND && c != WordBreak.FORMAT) {
        return c;
      }
    }
    return -1;
  }

  private static boolean isNewline(int c) {
    return c == WordBreak.CR || c == WordBreak.LF || c == WordBreak.NEWLINE;
  }

  private static boolean isMidLetter(int c) {
    return c == WordBreak.MIDLETTER || c == WordBreak.MIDNUMLET || c == WordBreak.SINGLE_QUOTE;
  }

  private static boolean isMidNum(int c) {
    return c == WordBreak.MIDNUM || c == WordBreak.MIDNUMLET || c == WordBreak.SINGLE_QUOTE;
  }

  /** WB5–WB13b between {@code prev} and {@code c}, with one class of context before and a look ahead. */
  private static boolean joins(int prevPrev, int prev, int c, char[] text, int afterIndex) {
    boolean prevAh = prev == WordBreak.ALETTER;
    boolean cAh = c == WordBreak.ALETTER;
    if (prevAh && cAh) {
      return true; // WB5
    }
    if (prevAh && isMidLetter(c) && next(text, afterIndex) == WordBreak.ALETTER) {
      return true; // WB6
    }
    if (prevPrev == WordBreak.ALETTER && isMidLetter(prev) && cAh) {
      return true; // WB7
    }
    if (prev == WordBreak.NUMERIC && c == WordBreak.NUMERIC) {
      return true; // WB8
    }
    if (prevAh && c == WordBreak.NUMERIC || prev == WordBreak.NUMERIC && cAh) {
      return true; // WB9, WB10
    }
    if (prevPrev == WordBreak.NUMERIC && isMidNum(prev) && c == WordBreak.NUMERIC) {
      return true; // WB11
    }
    if (prev == WordBreak.NUMERIC && isMidNum(c) && next(text, afterIndex) == WordBreak.NUMERIC) {
      return true; // WB12
    }
    if ((prevAh || prev == WordBreak.NUMERIC || prev == WordBreak.EXTENDNUMLET) && c == WordBreak.EXTENDNUMLET) {
      return true; // WB13a
    }
    return prev == WordBreak.EXTENDNUMLET && (cAh || c == WordBreak.NUMERIC); // WB13b
  }
}
