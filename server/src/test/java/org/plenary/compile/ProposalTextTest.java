package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Grouping keys of proposed texts")
class ProposalTextTest {
  /** The regular expression the hand-written loop replaces. */
  private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u200B]+");

  @Test
  @DisplayName("white space collapses exactly as the regular expression did, Arabic and Latin, at the edges too")
  void collapseSpaceAsTheRegex() {
    List<String> samples = List.of("", " ", "  ", "نص", "نص مقترح", "نص  مقترح", " نص\tمقترح\n", "a\u00A0\u200Bb",
        "a \u000B\f\rb ", "2,9 مليار\u2003شخص", "(أ) نص مقترح للفقرة يشمل WSIS+20 و(ITU)", "x\u200B", "\u200Bx",
        "end ", " start", "a b c", "a  b  c   ");
    for (String s : samples) {
      assertThat(ProposalText.collapseSpace(s)).as("«%s»", s).isEqualTo(SPACE.matcher(s).replaceAll(" "));
    }
    String plain = "نص مقترح";
    assertThat(ProposalText.collapseSpace(plain)).isSameAs(plain);
  }
}
