package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.draft.Direction;

@DisplayName("Paragraph names in the compilation")
class CompilationLabelsTest {
  static String label(String number, String kind, String citation) {
    return CompilationBuilder.label(new CompilationSource.Paragraph(1, 4, number, kind, "نص", Direction.RTL, null,
        citation));
  }

  @Test
  @DisplayName("the citation, with the written number only when it adds something")
  void labels() {
    assertThat(label("3 bis.", "operative", "OP3 bis")).isEqualTo("OP3 bis");
    assertThat(label("3 bis.", "operative", "OP3 bis Alt 1")).isEqualTo("OP3 bis Alt 1");
    assertThat(label("(b)", "subparagraph", "OP2(b)")).isEqualTo("OP2(b)");
    assertThat(label("(أ)", "preambular", "PP9")).isEqualTo("PP9 (أ)");
    assertThat(label("1", "operative", "OP4")).isEqualTo("OP4 (1)");
    assertThat(label("1", "operative", "OP11")).isEqualTo("OP11 (1)");
    assertThat(label(null, "preambular", "PP3")).isEqualTo("PP3");
    assertThat(label("2.1", "report_paragraph", "2.1")).isEqualTo("2.1");
    assertThat(label(null, "text", null)).as("an unnumbered paragraph: its first words").isEqualTo("«نص»");
    assertThat(label("(ح)", "text", null)).isEqualTo("(ح)");
  }
}
