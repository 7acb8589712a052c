package org.plenary.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

@Label("Fast word boundaries")
class WordBreaksTest {
  /** Arabic letters, tashkeel, tatweel, digits of three kinds, Latin, the punctuation of drafts, spaces, marks. */
  private static final String ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهوىيءأإآؤئةـًٌٍَُِّْٰ"
      + "٠١٢٣٤٥٦٧٨٩۰۱۲۳0123456789abcXYZéÅ" + ".,;:'’‘\"!?-+/&()[]{}_%*#@،؛؟٫٬¹²" + "  \t\n\r\u00A0\u2007\u202F"
      + "\u200C\u200E\u200F\u061C\u2026\u2013\u2014\u00AB\u00BB";

  @Provide
  Arbitrary<String> draftish() {
    return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(60);
  }

  private static int[] fast(String text) {
    int[] ends = new int[text.length()];
    int n = WordBreaks.boundaries(text.toCharArray(), ends);
    return n < 0 ? null : Arrays.copyOf(ends, n);
  }

  private static int[] icu(String text) {
    int[] ends = new int[text.length()];
    return Arrays.copyOf(ends, Tokenizer.icuBoundaries(text, ends));
  }

  @Property(tries = 3000)
  @Label("the fast path gives exactly ICU's word boundaries on draft-like text")
  void sameAsIcu(@ForAll("draftish") String text) {
    int[] fast = fast(text);
    assertThat(fast).as("fast path declined %s", text).isNotNull();
    assertThat(fast).as("boundaries of %s", text).isEqualTo(icu(text));
  }

  @Property(tries = 500)
  @Label("on any text the fast path either declines or agrees with ICU")
  void declinesOrAgrees(@ForAll String text) {
    int[] fast = fast(text);
    if (fast != null) {
      assertThat(fast).isEqualTo(icu(text));
    }
  }

  @Example
  @Label("Hebrew, Thai and emoji go to ICU")
  void declines() {
    assertThat(fast("שלום")).isNull();
    assertThat(fast("สวัสดี")).isNull();
    assertThat(fast("ok 👍")).isNull();
  }
}
