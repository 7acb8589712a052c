package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTML, Markdown, JSON and CSV compilations")
class ExportersTest {
  private static final CompilationSource SOURCE = Res88.source();

  static String export(Format f, ConsolidatedDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.exporter().write(doc, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The sample plus a hostile proposal: markup, a formula, Markdown, a line break. */
  static CompilationSource hostile() {
    List<CompilationSource.Proposal> ps = new ArrayList<>(Res88.proposals(SOURCE.paragraphs()));
    long para = Res88.paragraphQuoting(SOURCE, "بضمن تخصيص الموارد").id();
    ps.add(new CompilationSource.Proposal("x1", para, ProposalKind.COMMENT, "USA", null, List.of(),
        "=HYPERLINK(\"http://evil.example\",\"click\") <script>alert(1)</script> **bold** | pipe\nline",
        "", null, "submitted", Res88.T0.plusSeconds(3600)));
    ps.add(new CompilationSource.Proposal("x2", para, ProposalKind.QUESTION, "FRA", null, List.of(),
        "-2+3 فقط؟", "", null, "submitted", Res88.T0.plusSeconds(3700)));
    return Res88.source(SOURCE.paragraphs(), ps);
  }

  @Test
  @DisplayName("HTML is print-ready, sets dir per paragraph, anchors each paragraph, marks changes, escapes user text")
  void html() throws IOException {
    String html = export(Format.HTML, CompilationBuilder.build(hostile(), CompilationOptions.DEFAULT));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("@page{size:A4").contains("break-after:page")
        .contains("@media print");
    long p9 = Res88.paragraphQuoting(SOURCE, "بضمن استمرار مكتب").id();
    assertThat(html).contains("<section class=\"entry\" id=\"p-" + p9 + "\">")
        .contains("<a href=\"#p-" + p9 + "\">");
    assertThat(html).contains("<p class=\"draft\" dir=\"rtl\" lang=\"ar\">")
        .contains("<del>بضمن </del><ins>بضمان </ins>");
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("lang=\"en\" dir=\"ltr\"");
    String table = export(Format.HTML, CompilationBuilder.build(SOURCE, CompilationOptions.parse(
        Map.of("layout", List.of("table")), Language.EN)));
    assertThat(table).contains("<table class=\"layout\">").contains("<tr class=\"entry\" id=\"p-" + p9 + "\">");
    String ar = export(Format.HTML, CompilationBuilder.build(SOURCE, CompilationOptions.DEFAULT.withLanguage(Language.AR)));
    assertThat(ar).contains("lang=\"ar\" dir=\"rtl\"").contains("المقترحات حسب الفقرة");
  }

  @Test
  @DisplayName("Markdown escapes user text and keeps changes as ins/del")
  void markdown() throws IOException {
    String md = export(Format.MD, CompilationBuilder.build(hostile(), CompilationOptions.DEFAULT));
    // a deleted word and the inserted one each keep the space after them: they do not run together
    assertThat(md).startsWith("# القرار 88 (كيغالي، 2022)").contains("<del>بضمن </del><ins>بضمان </ins>");
    assertThat(md).contains("&lt;script&gt;").contains("\\*\\*bold\\*\\* \\| pipe line").doesNotContain("<script>");
    assertThat(md).contains("| Paragraph | Amendments |");
  }

  @Test
  @DisplayName("JSON parses and carries paragraphs, amendments with sponsors and changes, and the summary")
  void json() throws IOException {
    String json = export(Format.JSON, CompilationBuilder.build(hostile(), CompilationOptions.DEFAULT));
    JsonNode root = new ObjectMapper().readTree(json);
    assertThat(root.at("/revision/label").asText()).isEqualTo("Zero draft");
    assertThat(root.at("/counts/amendments").asInt()).isEqualTo(10);
    JsonNode first = null;
    for (JsonNode p : root.get("paragraphs")) {
      for (JsonNode a : p.get("amendments")) {
        if (a.get("ids").get(0).asText().equals("p1")) {
          first = a;
        }
      }
    }
    assertThat(first).isNotNull();
    assertThat(first.at("/sponsors/0/delegation").asText()).isEqualTo("EGY");
    assertThat(first.at("/sponsors/0/onBehalfOf").asText()).isEqualTo("ARAB");
    assertThat(first.at("/sponsors/0/cosponsors").toString()).isEqualTo("[\"IRQ\",\"ARE\",\"SAU\"]");
    assertThat(first.at("/reactions/0/kind").asText()).isEqualTo("support");
    assertThat(first.get("changes").findValuesAsText("op")).contains("equal", "insert", "delete");
    assertThat(root.at("/summary/delegations").size()).isGreaterThan(10);
    assertThat(json).contains("\\n").contains("\\\"http://evil.example\\\"");
  }

  @Test
  @DisplayName("CSV: one row per proposal, RFC 4180 quoting, BOM, formulas neutralised")
  void csv() throws IOException {
    String csv = export(Format.CSV, CompilationBuilder.build(hostile(), CompilationOptions.DEFAULT));
    assertThat(csv).startsWith("\uFEFFseq,type,paragraph_position");
    List<List<String>> rows = parse(csv.substring(1));
    assertThat(rows.get(0)).isEqualTo(CsvExporter.COLUMNS);
    assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(CsvExporter.COLUMNS.size()));
    // 10 amendments + 2 reactions + 1 comment + 2 hostile remarks
    assertThat(rows).hasSize(1 + 15);
    int text = CsvExporter.COLUMNS.indexOf("text");
    assertThat(rows).extracting(r -> r.get(text)).contains(
        "'=HYPERLINK(\"http://evil.example\",\"click\") <script>alert(1)</script> **bold** | pipe\nline",
        "'-2+3 فقط؟");
    for (List<String> r : rows) {
      for (String cell : r) {
        assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@").doesNotStartWith("\t");
        if (cell.startsWith("-")) {
          throw new AssertionError("unneutralised cell " + cell);
        }
      }
    }
    assertThat(csv).contains("\r\n");
    int delegations = CsvExporter.COLUMNS.indexOf("delegations");
    assertThat(rows).filteredOn(r -> r.get(CsvExporter.COLUMNS.indexOf("proposal_ids")).equals("p1"))
        .singleElement().satisfies(r -> {
          assertThat(r.get(delegations)).isEqualTo("EGY");
          assertThat(r.get(CsvExporter.COLUMNS.indexOf("on_behalf_of"))).isEqualTo("ARAB");
          assertThat(r.get(CsvExporter.COLUMNS.indexOf("cosponsors"))).isEqualTo("IRQ; ARE; SAU");
          assertThat(r.get(CsvExporter.COLUMNS.indexOf("supports"))).isEqualTo("1");
        });
    assertThat(CsvExporter.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvExporter.cell("+1")).isEqualTo("'+1");
    assertThat(CsvExporter.cell("\tx")).isEqualTo("'\tx");
    assertThat(CsvExporter.cell("\rx")).isEqualTo("\"'\rx\"");
    assertThat(CsvExporter.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvExporter.cell("عادي")).isEqualTo("عادي");
  }

  @Test
  @DisplayName("the non-attributed mode leaves no delegation code or name in HTML, Markdown, JSON or CSV")
  void nonAttributed() throws IOException {
    ConsolidatedDocument doc = CompilationBuilder.build(SOURCE, CompilationOptions.parse(
        Map.of("attributed", List.of("false")), Language.EN));
    for (Format f : List.of(Format.HTML, Format.MD, Format.JSON, Format.CSV)) {
      String out = export(f, doc);
      for (String name : List.of("EGY", "Egypt", "QAT", "Qatar", "TUN", "Tunisia", "\"p1\"", "ARAB")) {
        assertThat(out.contains(name)).as("%s mentions %s", f, name).isFalse();
      }
      assertThat(out).contains("Proposal 1");
    }
  }

  /** A strict RFC 4180 reader for the test. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    return rows;
  }
}
