package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.testing.Samples;

@DisplayName("Citations: how negotiators name paragraphs")
class CitationsTest {

  /** The citations of a sample draft's checked structure, by position. */
  static List<String> citations(String sample) throws Exception {
    JsonNode structure = new ObjectMapper().readTree(Samples.bytes(sample + ".structure.json")).get("structure");
    List<Citations.Item> items = new ArrayList<>();
    for (JsonNode p : structure) {
      // the checked structure names parents by position
      items.add(new Citations.Item(p.get("position").asLong(), p.get("parent").isNull() ? null : p.get("parent").asLong(),
          p.get("kind").asText(), p.get("number").isNull() ? null : p.get("number").asText(),
          p.get("alt").isNull() ? null : p.get("alt").asText()));
    }
    return Citations.of(items);
  }

  @Test
  @DisplayName("a General Assembly draft: PP by place, OP by written number, bis, alternatives, sub-paragraphs, footnotes")
  void generalAssembly() throws Exception {
    List<String> c = citations("en-unga-resolution");
    assertThat(c.subList(0, 16)).containsExactly(null, null, null, "PP1", "PP2", "PP3", "OP1", "OP2", "OP2(a)",
        "OP2(b)", "OP2(b)(i)", "OP2(b)(ii)", "OP3", "OP3 bis Alt 1", "OP3 bis Alt 2", "OP4");
    assertThat(c.get(16)).as("the annex heading").isNull();
    assertThat(c.get(18)).as("numbered prose in the annex").isNull();
    assertThat(c.get(19)).isEqualTo("PP1 fn[1]");
  }

  @Test
  @DisplayName("an Arabic ITU resolution: items lettered afresh under each heading and numbered afresh under each operative heading still get one name each")
  void ituArabic() throws Exception {
    List<String> c = citations("ar-itu-res88-zero");
    // (أ) under three headings: PP1, PP9, PP12; the footnote cites PP2 (its paragraph (ب))
    assertThat(c.get(4)).isEqualTo("PP1");
    assertThat(c.get(5)).isEqualTo("PP2");
    assertThat(c.get(11)).isEqualTo("PP2 fn¹");
    assertThat(c.get(14)).isEqualTo("PP9");
    assertThat(c.get(18)).isEqualTo("PP12");
    // operative 1, 2, 3 under "يقرر", one unnumbered, then 1, 2 again: counted, not written
    assertThat(c.subList(21, 24)).containsExactly("OP1", "OP2", "OP3");
    assertThat(c.get(25)).isEqualTo("OP4");
    assertThat(c.subList(27, 29)).containsExactly("OP5", "OP6");
    List<String> preambular = c.stream().filter(x -> x != null && x.startsWith("PP") && !x.contains("fn")).toList();
    assertThat(preambular).as("every preambular paragraph has its own name").doesNotHaveDuplicates().hasSize(13);
  }

  @Test
  @DisplayName("the English ITU counterpart names its paragraphs the same way, sub-items included")
  void ituEnglish() throws Exception {
    List<String> c = citations("en-itu-res88-zero");
    assertThat(c.get(4)).isEqualTo("PP1");
    assertThat(c.get(8)).isEqualTo("PP2 fn[1]");
    assertThat(c.get(17)).isEqualTo("OP1");
    assertThat(c.subList(18, 20)).containsExactly("OP1(i)", "OP1(ii)");
    assertThat(c.get(20)).isEqualTo("OP2");
  }

  @Test
  @DisplayName("written numbers lose their punctuation; Arabic-Indic digits are written 0–9; a report keeps its numbers")
  void numbers() {
    assertThat(Citations.number("3 bis.")).isEqualTo("3 bis");
    assertThat(Citations.number("١٢ -")).isEqualTo("12");
    assertThat(Citations.number("۳")).isEqualTo("3");
    assertThat(Citations.number("(ح)")).isEqualTo("ح");
    assertThat(Citations.number(" ")).isNull();
    assertThat(Citations.of(List.of(new Citations.Item(10, null, "section", "1", null),
        new Citations.Item(11, 10L, "report_paragraph", "2.1", null), new Citations.Item(12, null, "operative", "١", null),
        new Citations.Item(13, 12L, "subparagraph", "- (أ)", null))))
        .containsExactly("1", "2.1", "OP1", "OP1(أ)");
  }
}
