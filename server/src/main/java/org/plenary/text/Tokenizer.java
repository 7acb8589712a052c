package org.plenary.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into word-level tokens with ICU word boundaries: Arabic words and clitics, Arabic
 * punctuation (، ؛ ؟), Latin acronyms and numbers each come out as a reader would cut them. Spaces are
 * tokens too, so concatenating the tokens gives back the text exactly.
 *
 * <p>On top of ICU, two merges keep together what negotiators read as one term, where ICU would cut it:
 * words joined by {@code + - / & .} when one side is Latin or a number ("WSIS+20", "70/1", "كوفيد-19"),
 * and a single such term in parentheses ("(ITU)", "(WSIS+20)", "(ح)"). Numbers with separators ("2,6",
 * "3.5", "٢٫٦") are already whole in ICU.
 *
 * <pre>
 *   Tokenizer.tokens("(WSIS+20)؛ 2,6 مليار")  →  ["(WSIS+20)", "؛", " ", "2,6", " ", "مليار"]
 * </pre>
 */
public final class Tokenizer {
  private static final ThreadLocal<BreakIterator> WORDS =
      ThreadLocal.withInitial(() -> BreakIterator.getWordInstance(ULocale.ROOT));

  private Tokenizer() {}

  public static List<String> tokens(String text) {
    int[] ends = boundaries(text);
    List<String> out = new ArrayList<>(ends.length);
    int start = 0;
    for (int end : ends) {
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }

  /** The end offset of each token, in order (the first token starts at 0). */
  public static int[] boundaries(String text) {
    return boundaries(text, text.toCharArray());
  }

  /** {@link #boundaries(String)} with the text's characters already at hand ({@code chars} is not changed). */
  public static int[] boundaries(String text, char[] chars) {
    if (text.isEmpty()) {
      return new int[0];
    }
    int[] ends = new int[text.length()];
    int n = WordBreaks.boundaries(chars, ends);
    if (n < 0) {
      n = icuBoundaries(text, ends);
    }
    n = mergeJoined(text, ends, n);
    n = mergeParenthesised(text, ends, n);
    return java.util.Arrays.copyOf(ends, n);
  }

  /** Word boundaries straight from ICU's rule-based iterator (the reference the fast path must match). */
  static int icuBoundaries(String text, int[] ends) {
    BreakIterator words = WORDS.get();
    words.setText(text);
    int n = 0;
    for (int end = words.next(); end != BreakIterator.DONE; end = words.next()) {
      ends[n++] = end;
    }
    return n;
  }

  /** Whether a token is a word or number (it has a letter or digit), rather than space or punctuation. */
  public static boolean isWord(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isLetterOrDigit(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code chars[start, end)} is a word or number. */
  public static boolean isWord(char[] chars, int start, int end) {
    for (int k = start; k < end; k++) {
      if (Character.isLetterOrDigit(chars[k])) {
        return true;
      }
    }
    return false;
  }

  public static boolean isSpace(String token) {
    return !token.isEmpty() && token.isBlank();
  }

  /** Merges word, joiner, word runs ("WSIS" "+" "20") when a side is Latin or a number. */
  private static int mergeJoined(String text, int[] ends, int n) {
    int out = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      // Extend across "joiner word" pairs while the joined parts qualify.
      while (j + 2 < n && isJoiner(text, ends[j], ends[j + 1]) && isWordAt(text, start(ends, j), ends[j])
          && isWordAt(text, ends[j + 1], ends[j + 2])
          && (isLatinOrNumber(text, start(ends, j), ends[j]) || isLatinOrNumber(text, ends[j + 1], ends[j + 2]))) {
        j += 2;
      }
      ends[out++] = ends[j];
      i = j + 1;
    }
    return out;
  }

  /** Merges "(" term ")" into one token when the term is a single word. */
  private static int mergeParenthesised(String text, int[] ends, int n) {
    int out = 0;
    int i = 0;
    while (i < n) {
      if (i + 2 < n && text.charAt(start(ends, i)) == '(' && ends[i] - start(ends, i) == 1
          && isWordAt(text, ends[i], ends[i + 1])
          && ends[i + 2] - ends[i + 1] == 1 && text.charAt(ends[i + 1]) == ')') {
        ends[out++] = ends[i + 2];
        i += 3;
      } else {
        ends[out++] = ends[i];
        i++;
      }
    }
    return out;
  }

  private static int start(int[] ends, int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  private static boolean isWordAt(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      if (Character.isLetterOrDigit(text.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJoiner(String text, int from, int to) {
    if (to - from != 1) {
      return false;
    }
    char c = text.charAt(from);
    return c == '+' || c == '-' || c == '/' || c == '&' || c == '.';
  }

  /** Latin letters or digits only (an acronym, a code, a number), as opposed to an Arabic word. */
  private static boolean isLatinOrNumber(String text, int from, int to) {
    for (int k = from; k < to; ) {
      int cp = text.codePointAt(k);
      k += Character.charCount(cp);
      boolean latin = cp < 0x250 && Character.isLetter(cp);
      if (!latin && !Character.isDigit(cp) && cp != ',' && cp != '.' && cp != '٫' && cp != '٬') {
        return false;
      }
    }
    return true;
  }
}
