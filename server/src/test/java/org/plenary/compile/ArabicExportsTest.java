package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.diff.DiffOp;
import org.plenary.draft.Direction;

/** The export defects found by rendering every format (issue 15, part 3), one test each. */
@DisplayName("Exports exact in Arabic")
class ArabicExportsTest {
  static final CompilationSource SOURCE = Res88.source();
  static final CompilationSource.Paragraph FIGURE = Res88.paragraphQuoting(SOURCE, "2,9 مليار");

  /** The sample plus: an amendment whose text starts with a Latin word, and Egypt twice with the same text. */
  static CompilationSource extended() {
    List<CompilationSource.Proposal> ps = new ArrayList<>(SOURCE.proposals());
    Instant t = Instant.parse("2026-11-21T10:00:00Z");
    ps.add(new CompilationSource.Proposal("901", FIGURE.id(), ProposalKind.AMEND, "TUN", null, List.of("MAR", "MAR"),
        "ITU " + FIGURE.text(), "", null, "submitted", t));
    ps.add(new CompilationSource.Proposal("902", FIGURE.id(), ProposalKind.AMEND, "SAU", null, List.of(),
        FIGURE.text() + " معدل", "", null, "submitted", t.plusSeconds(1)));
    ps.add(new CompilationSource.Proposal("903", FIGURE.id(), ProposalKind.AMEND, "SAU", null, List.of(),
        FIGURE.text() + " معدل", "", null, "submitted", t.plusSeconds(2)));
    return Res88.source(SOURCE.paragraphs(), ps);
  }

  static String export(Format f, ConsolidatedDocument doc) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.exporter().write(doc, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static String documentXml(byte[] docx) throws Exception {
    try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals("word/document.xml")) {
          return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no word/document.xml");
  }

  static ConsolidatedDocument.Amendment amendment(ConsolidatedDocument doc, String text) {
    return doc.entries().stream().flatMap(e -> e.amendments().stream()).filter(a -> a.text().equals(text))
        .findFirst().orElseThrow();
  }

  @Test
  @DisplayName("an amendment to an Arabic paragraph stays right-to-left when its text starts with a Latin word")
  void amendmentFollowsItsParagraph() {
    ConsolidatedDocument doc = CompilationBuilder.build(extended(), CompilationOptions.DEFAULT);
    assertThat(amendment(doc, "ITU " + FIGURE.text()).direction()).isEqualTo(Direction.RTL);
  }

  @Test
  @DisplayName("Arabic lists use «،», and a delegation is named once in authors and attributions")
  void arabicListsWithoutDuplicates() {
    ConsolidatedDocument doc = CompilationBuilder.build(extended(), CompilationOptions.DEFAULT.withLanguage(Language.AR));
    ConsolidatedDocument.Amendment twice = amendment(doc, FIGURE.text() + " معدل");
    assertThat(twice.author()).doesNotContain(",").doesNotContain("،");
    assertThat(twice.attribution()).doesNotContain("؛");
    ConsolidatedDocument.Amendment cos = amendment(doc, "ITU " + FIGURE.text());
    String morocco = Res88.names().get("MAR").ar();
    assertThat(cos.attribution().split(morocco, -1)).as(cos.attribution()).hasSize(2);
    assertThat(cos.attribution()).contains("، ").doesNotContain(", ");
  }

  @Test
  @DisplayName("DOCX: no run overrides the styles' sizes, Arabic is never italic, each run has its language")
  void docxRuns() throws Exception {
    String xml = documentXml((DocxExporterTest.docx(CompilationBuilder.build(extended(),
        CompilationOptions.DEFAULT))));
    assertThat(xml).doesNotContain("w:szCs").doesNotContain("w:iCs");
    assertThat(xml).doesNotContainPattern("<w:i/><w:rtl/>");
    assertThat(xml).contains("<w:rtl/><w:lang w:bidi=\"ar-SA\"/>").contains("<w:lang w:val=\"en-GB\"/>");
    // the amendment with a Latin first word is a right-to-left paragraph
    assertThat(xml).containsPattern("<w:pStyle w:val=\"Amendment\"/><w:bidi/></w:pPr>((?!</w:p>).)*>ITU<");
  }

  @Test
  @DisplayName("a deleted number and the inserted one stay apart: «2,9 » then «2,6 », in DOCX and HTML")
  void adjacentNumbersApart() throws Exception {
    List<DiffOp> ops = CompilationBuilder.separated(List.of(new DiffOp(DiffOp.Type.EQUAL, "لا يزال "),
        new DiffOp(DiffOp.Type.DELETE, "2,9"), new DiffOp(DiffOp.Type.INSERT, "2,6"),
        new DiffOp(DiffOp.Type.EQUAL, " مليار شخص")));
    assertThat(ops).extracting(DiffOp::text).containsExactly("لا يزال ", "2,9 ", "2,6 ", "مليار شخص");
    ConsolidatedDocument doc = CompilationBuilder.build(SOURCE, CompilationOptions.DEFAULT);
    assertThat(export(Format.HTML, doc)).doesNotContain("2,9</del><ins>2,6").contains("del+ins{margin-inline-start");
    String xml = documentXml(DocxExporterTest.docx(doc));
    assertThat(xml).doesNotContainPattern("2,9</w:delText></w:r></w:del><w:ins [^>]*><w:r><w:rPr>(<[^>]*>)*</w:rPr>"
        + "<w:t xml:space=\"preserve\">2,6");
  }

  @Test
  @DisplayName("an unnumbered paragraph is named by its first words, not «¶14»")
  void readableLabels() {
    assertThat(CompilationBuilder.opening("إذ يذكّر", Direction.RTL, 13)).isEqualTo("«إذ يذكّر»");
    assertThat(CompilationBuilder.opening("recalling further its resolution 70/125,", Direction.LTR, 13))
        .isEqualTo("“recalling further its resolution…”");
    ConsolidatedDocument doc = CompilationBuilder.build(SOURCE, CompilationOptions.DEFAULT);
    assertThat(doc.entries()).allSatisfy(e -> assertThat(e.paragraph().label()).doesNotStartWith("¶"));
  }

  @Test
  @DisplayName("HTML: lang on each paragraph, and an English document does not start its fonts with an Arabic one")
  void htmlLanguage() throws Exception {
    String html = export(Format.HTML, CompilationBuilder.build(SOURCE, CompilationOptions.DEFAULT));
    assertThat(html).contains("<p class=\"draft\" dir=\"rtl\" lang=\"ar\">");
    assertThat(HtmlExporter.CSS).startsWith(":root{font-family:Arial,").contains("[lang=ar]{font-family:\"Noto Naskh");
  }

  @Test
  @DisplayName("JSON: proposal ids are numbers, as in the API")
  void jsonIds() throws Exception {
    String json = export(Format.JSON, CompilationBuilder.build(extended(), CompilationOptions.DEFAULT));
    assertThat(json).contains("\"ids\":[901]").doesNotContain("\"ids\":[\"901\"]");
  }

  @Test
  @DisplayName("Markdown: an Arabic document is wrapped in a right-to-left block, an English one is not")
  void markdownDirection() throws Exception {
    String md = export(Format.MD, CompilationBuilder.build(SOURCE, CompilationOptions.DEFAULT.withLanguage(Language.AR)));
    assertThat(md).startsWith("<div dir=\"rtl\" lang=\"ar\">\n\n# ").endsWith("\n</div>\n");
    String en = export(Format.MD, CompilationBuilder.build(SOURCE, CompilationOptions.DEFAULT.withLanguage(Language.EN)));
    assertThat(en).startsWith("# ").doesNotContain("<div dir=\"rtl\" lang=\"ar\">\n\n# ");
  }

  @Test
  @DisplayName("DOCX ?wordComments=true: comments, questions and reservations are Word comments on their span, "
      + "paragraph or amendment, besides the remarks list")
  void wordComments() throws Exception {
    CompilationOptions on = CompilationOptions.DEFAULT.withLanguage(Language.AR).withWordComments(true);
    ConsolidatedDocument doc = CompilationBuilder.build(ExportGoldenTest.fixture(), on);
    byte[] docx = DocxExporterTest.docx(doc);
    java.util.Map<String, String> parts = ExportGoldenTest.parts(docx);
    String xml = parts.get("word/document.xml");
    assertThat(parts.get("[Content_Types].xml")).contains("/word/comments.xml");
    assertThat(parts.get("word/_rels/document.xml.rels")).contains("Target=\"comments.xml\"");
    try (var poi = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(docx))) {
      // MAR's comment, PAK's question, CHN's comment, TUN's reservation, IRN's reservation on [8], TUN's remark
      assertThat(poi.getComments()).hasSize(6);
      assertThat(poi.getComments()).extracting(org.apache.poi.xwpf.usermodel.XWPFComment::getAuthor)
          .contains("باكستان", "المغرب", "إيران (جمهورية - الإسلامية)");
      assertThat(poi.getComments()).anySatisfy(c -> assertThat(c.getText()).startsWith("سؤال: ما مصدر رقم"));
    }
    for (int id = 0; id < 6; id++) {
      assertThat(xml).contains("<w:commentRangeStart w:id=\"" + id + "\"/>", "<w:commentRangeEnd w:id=\"" + id
          + "\"/>", "<w:commentReference w:id=\"" + id + "\"/>");
    }
    // the question is anchored to the words it asks about
    assertThat(xml).containsPattern("<w:commentRangeStart w:id=\"1\"/><w:r><w:rPr>(<[^>]*>)*</w:rPr>"
        + "<w:t xml:space=\"preserve\">2,9 مليار</w:t></w:r><w:commentRangeEnd w:id=\"1\"/>");
    // still listed as remarks
    assertThat(xml).contains("ما مصدر رقم 2,9 مليار");
    String off = ExportGoldenTest.parts(DocxExporterTest.docx(CompilationBuilder.build(ExportGoldenTest.fixture(),
        CompilationOptions.DEFAULT))).get("word/document.xml");
    assertThat(off).doesNotContain("commentRangeStart");
    assertThat(CompilationOptions.parse(java.util.Map.of("wordComments", List.of("true")), Language.AR)
        .wordComments()).isTrue();
  }

  @Test
  @DisplayName("non-attributed: submission dates only, no time of day that would tie it to the attributed version")
  void nonAttributedDates() throws Exception {
    CompilationOptions anonymous = new CompilationOptions(java.util.Set.of(), java.util.Set.of(), java.util.Set.of(),
        java.util.Set.of(), null, null, false, Language.AR, true, false, true, Layout.LIST, false, true);
    ConsolidatedDocument doc = CompilationBuilder.build(ExportGoldenTest.fixture(), anonymous);
    String json = export(Format.JSON, doc);
    assertThat(java.util.regex.Pattern.compile("\"date\":\"([^\"]*)\"").matcher(json).results()
        .map(m -> m.group(1)).skip(1).toList()).isNotEmpty().allMatch(d -> d.matches("\\d{4}-\\d{2}-\\d{2}"));
    String csv = export(Format.CSV, doc);
    assertThat(csv).doesNotContainPattern("T\\d{2}:\\d{2}");
    java.util.Map<String, String> parts = ExportGoldenTest.parts(DocxExporterTest.docx(doc));
    for (String part : List.of("word/document.xml", "word/comments.xml")) {
      assertThat(java.util.regex.Pattern.compile("w:date=\"([^\"]*)\"").matcher(parts.get(part)).results()
          .map(m -> m.group(1)).toList()).isNotEmpty().allMatch(d -> d.endsWith("T00:00:00Z"));
    }
    // attributed, the exact times stay
    String attributed = export(Format.JSON, CompilationBuilder.build(ExportGoldenTest.fixture(),
        CompilationOptions.DEFAULT));
    assertThat(attributed).contains("\"date\":\"2026-11-20T09:06:00Z\"");
  }

  @Test
  @DisplayName("DOCX summary tables: every column is wide enough for its longest word, in Arabic and English")
  void summaryColumns() throws Exception {
    for (Language l : Language.values()) {
      String xml = ExportGoldenTest.parts(DocxExporterTest.docx(CompilationBuilder.build(ExportGoldenTest.fixture(),
          CompilationOptions.DEFAULT.withLanguage(l)))).get("word/document.xml");
      org.w3c.dom.Document d = DocxExporterTest.documentXml(DocxExporterTest.docx(CompilationBuilder.build(
          ExportGoldenTest.fixture(), CompilationOptions.DEFAULT.withLanguage(l))));
      var tables = d.getElementsByTagNameNS(DocxExporter.W, "tbl");
      assertThat(tables.getLength()).isGreaterThanOrEqualTo(2);
      for (int t = 0; t < tables.getLength(); t++) {
        var tbl = (org.w3c.dom.Element) tables.item(t);
        var cols = tbl.getElementsByTagNameNS(DocxExporter.W, "gridCol");
        int sum = 0;
        for (int c = 0; c < cols.getLength(); c++) {
          sum += Integer.parseInt(((org.w3c.dom.Element) cols.item(c)).getAttributeNS(DocxExporter.W, "w"));
        }
        assertThat(sum).isLessThanOrEqualTo(9638);
        var rows = tbl.getElementsByTagNameNS(DocxExporter.W, "tr");
        for (int r = 0; r < rows.getLength(); r++) {
          var cells = ((org.w3c.dom.Element) rows.item(r)).getElementsByTagNameNS(DocxExporter.W, "tc");
          for (int c = 0; c < cells.getLength(); c++) {
            int width = Integer.parseInt(((org.w3c.dom.Element) cols.item(c)).getAttributeNS(DocxExporter.W, "w"));
            for (String word : cells.item(c).getTextContent().split("\\s+")) {
              assertThat(DocxExporter.wordWidth(word)).as("%s in a column of %d", word, width)
                  .isLessThanOrEqualTo(width);
            }
          }
        }
      }
      // the old fixed 1,400-twip columns broke "Co-sponsored" and "Amendments" in two
      assertThat(xml).doesNotContain("<w:gridCol w:w=\"1400\"/>");
    }
  }
}
