package org.plenary.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Plain text from delegates")
class PlainTextTest {
  @Test
  @DisplayName("an override left open is closed at the end of its line, a stray closer is removed")
  void balancesBidi() {
    assertThat(PlainText.clean("نص \u202Eمعكوس\nسطر")).isEqualTo("نص \u202Eمعكوس\u202C\nسطر");
    assertThat(PlainText.clean("a\u202Cb\u2069c")).isEqualTo("abc");
    // A PDI closes the embeddings opened inside its isolate first.
    assertThat(PlainText.clean("\u2067x\u202By\u2069z")).isEqualTo("\u2067x\u202By\u202C\u2069z");
    // A PDF does not close an embedding from outside the isolate it sits in.
    assertThat(PlainText.clean("\u202Bx\u2066y\u202Cz\u2069")).isEqualTo("\u202Bx\u2066yz\u2069\u202C");
  }

  @Test
  @DisplayName("Arabic with diacritics, ZWNJ, Arabic-Indic digits and mixed Latin passes unchanged")
  void keepsArabic() {
    String s = "مُعَدَّلٌ ١٢٣ WSIS+20 (ITU) می\u200Cخواهم";
    assertThat(PlainText.problem(s)).isNull();
    assertThat(PlainText.clean(s)).isEqualTo(s);
  }

  @Test
  @DisplayName("control and zero-width characters are named in the problem")
  void refusesControls() {
    assertThat(PlainText.problem("a\u0000b")).contains("U+0000");
    assertThat(PlainText.problem("a\u200Bb")).contains("U+200B");
    assertThat(PlainText.problem("a\r\n\tb")).isNull();
    assertThat(PlainText.clean("a\r\nb\rc")).isEqualTo("a\nb\nc");
  }

  @Property
  @Label("after cleaning, every line's bidi embeddings and isolates are balanced")
  void balancedAfterCleaning(@ForAll @Chars({'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067',
      '\u2068', '\u2069', '\n', 'a', 'ب'}) @CharRange(from = 'a', to = 'c') String s) {
    String clean = PlainText.clean(s);
    for (String line : clean.split("\n", -1)) {
      java.util.ArrayDeque<Character> stack = new java.util.ArrayDeque<>();
      for (char c : line.toCharArray()) {
        if (c >= '\u202A' && c <= '\u202E' && c != '\u202C') {
          stack.push('\u202C');
        } else if (c >= '\u2066' && c <= '\u2068') {
          stack.push('\u2069');
        } else if (c == '\u202C' || c == '\u2069') {
          assertThat(stack).isNotEmpty();
          assertThat(stack.pop()).isEqualTo(c);
        }
      }
      assertThat(stack).isEmpty();
    }
    // Cleaning only touches bidi controls and line ends.
    assertThat(clean.replaceAll("[\u202A-\u202E\u2066-\u2069]", ""))
        .isEqualTo(s.replaceAll("[\u202A-\u202E\u2066-\u2069]", ""));
  }
}
