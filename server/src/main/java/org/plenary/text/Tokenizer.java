package org.plenary.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into word-level tokens with ICU word boundaries: Arabic words and clitics, Arabic
 * punctuation (، ؛ ؟), Latin acronyms and numbers each come out as a reader would cut them. Spaces are
 * tokens too, so concatenating the tokens gives back the text exactly.
 */
public final class Tokenizer {
  private static final ULocale ROOT = ULocale.ROOT;

  private Tokenizer() {}

  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    if (text.isEmpty()) {
      return out;
    }
    BreakIterator words = BreakIterator.getWordInstance(ROOT);
    words.setText(text);
    int start = words.first();
    for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
      out.add(text.substring(start, end));
    }
    return out;
  }
}
