package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DOCX import")
class DocxReaderTest {
  private static List<DraftParagraph> read(byte[] docx) throws ImportException {
    return DraftReader.read(docx, SourceFormat.DOCX).paragraphs();
  }

  @Test
  @DisplayName("an Arabic Word resolution: Title style, bidi paragraphs, abjad and decimal Word numbering, footnote,"
      + " tracked changes accepted")
  void arabicResolution() throws Exception {
    List<DraftParagraph> ps = read(TestDocx.arabicResolution());
    assertThat(ps).extracting(DraftParagraph::kind).containsExactly(ParagraphKind.TITLE, ParagraphKind.SUBTITLE,
        ParagraphKind.AUTHORITY, ParagraphKind.HEADING, ParagraphKind.PREAMBULAR, ParagraphKind.PREAMBULAR,
        ParagraphKind.FOOTNOTE, ParagraphKind.PREAMBULAR, ParagraphKind.HEADING, ParagraphKind.OPERATIVE,
        ParagraphKind.OPERATIVE);
    assertThat(ps).extracting(DraftParagraph::number)
        .containsExactly(null, null, null, null, "(أ)", "(ب)", "¹", "(ج)", null, "1", "2");
    assertThat(ps).allMatch(p -> p.direction() == Direction.RTL);
    assertThat(ps.get(5).text()).isEqualTo("بالقرار 135 بشأن المساعدة التقنية للبلدان النامية¹؛");
    assertThat(ps.get(6).parent()).isEqualTo(5);
    assertThat(ps.get(6).text()).isEqualTo("تشمل أقل البلدان نمواً.");
    assertThat(ps.get(7).text()).isEqualTo("بالقرار 139 بشأن سد الفجوة الرقمية (WSIS+20)؛");
    assertThat(ps.get(9).parent()).isEqualTo(8);
  }

  @Test
  @DisplayName("Word's letter numbering becomes the display number a), b)")
  void letterNumbering() throws Exception {
    List<DraftParagraph> ps = read(TestDocx.englishDraft("to act;", "to report."));
    assertThat(ps).extracting(DraftParagraph::number).containsExactly(null, null, "a)", "b)", null, "1", "2");
    assertThat(ps.get(2).kind()).isEqualTo(ParagraphKind.PREAMBULAR);
  }

  @Test
  @DisplayName("multi-level Word lists restart their letters under each number; Arabic-Indic numbering keeps its start")
  void multiLevel() throws Exception {
    List<DraftParagraph> ps = read(TestDocx.multiLevel());
    assertThat(ps).extracting(DraftParagraph::number)
        .containsExactly(null, "1.", "(a)", "(b)", "2.", "(a)", "٥");
    assertThat(ps).extracting(DraftParagraph::kind).containsExactly(ParagraphKind.HEADING, ParagraphKind.OPERATIVE,
        ParagraphKind.SUBPARAGRAPH, ParagraphKind.SUBPARAGRAPH, ParagraphKind.OPERATIVE, ParagraphKind.SUBPARAGRAPH,
        ParagraphKind.OPERATIVE);
    assertThat(ps.get(5).parent()).isEqualTo(4);
    assertThat(ps.get(6).text()).isEqualTo("يطلب إلى الأمين العام تقديم تقرير؛");
  }

  @Test
  @DisplayName("Word number formats render as Word prints them")
  void formats() {
    assertThat(DocxReader.render(8, "arabicAbjad")).isEqualTo("ح");
    assertThat(DocxReader.render(3, "arabicAlpha")).isEqualTo("ت");
    assertThat(DocxReader.render(12, "hindiNumbers")).isEqualTo("١٢");
    assertThat(DocxReader.render(4, "lowerRoman")).isEqualTo("iv");
    assertThat(DocxReader.render(27, "lowerLetter")).isEqualTo("aa");
    assertThat(DocxReader.render(2, "upperLetter")).isEqualTo("B");
    assertThat(DocxReader.render(7, "decimal")).isEqualTo("7");
  }

  @Test
  @DisplayName("a zip bomb is refused before it is inflated")
  void zipBomb() {
    assertThatThrownBy(() -> read(TestDocx.zipBomb())).isInstanceOf(ImportException.class)
        .hasMessageContaining("zip bomb");
  }

  @Test
  @DisplayName("an external entity is never resolved")
  void externalEntity() {
    assertThatThrownBy(() -> read(TestDocx.externalEntity())).isInstanceOf(ImportException.class)
        .hasMessageContaining("document type declaration").hasMessageNotContaining("root:");
  }

  @Test
  @DisplayName("a .doc, a text file, a truncated DOCX and a ZIP that is no Word file are refused with a reason")
  void notDocx() {
    assertThatThrownBy(() -> read(TestDocx.ole2())).isInstanceOf(ImportException.class)
        .hasMessageContaining(".doc");
    assertThatThrownBy(() -> read("just text".getBytes(StandardCharsets.UTF_8))).isInstanceOf(ImportException.class)
        .hasMessageContaining("not a DOCX");
    byte[] docx = TestDocx.englishDraft("to act.");
    assertThatThrownBy(() -> read(Arrays.copyOf(docx, docx.length / 2))).isInstanceOf(ImportException.class);
    byte[] noDocument = TestDocx.withPart(docx, "word/document.xml", "<x/>".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> read(noDocument)).isInstanceOf(ImportException.class);
  }
}
