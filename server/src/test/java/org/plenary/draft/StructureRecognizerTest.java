package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The structured importer")
class StructureRecognizerTest {
  private static List<DraftParagraph> text(String s) throws ImportException {
    return DraftReader.read(s.getBytes(StandardCharsets.UTF_8), SourceFormat.TEXT).paragraphs();
  }

  private static List<DraftParagraph> markdown(String s) throws ImportException {
    return DraftReader.read(s.getBytes(StandardCharsets.UTF_8), SourceFormat.MARKDOWN).paragraphs();
  }

  private static String kinds(List<DraftParagraph> ps) {
    StringBuilder b = new StringBuilder();
    for (DraftParagraph p : ps) {
      b.append(p.kind().code()).append(p.number() == null ? "" : " " + p.number()).append(" ^").append(p.parent())
          .append('\n');
    }
    return b.toString();
  }

  @Test
  @DisplayName("numbers are read in every written form: 1, 1., 1 -, Arabic-Indic digits, bis and مكرراً")
  void numberForms() throws Exception {
    List<DraftParagraph> ps = text("""
        يقرر
        1 النص الأول؛
        2. النص الثاني؛
        3 - النص الثالث؛
        ٤ النص الرابع؛
        4 مكرراً النص المدرج؛
        4 bis inserted text;
        ٥ - النص الخامس.
        """);
    assertThat(ps).extracting(DraftParagraph::number)
        .containsExactly(null, "1", "2.", "3", "٤", "4 مكرراً", "4 bis", "٥");
    assertThat(ps).extracting(DraftParagraph::text)
        .contains("النص الأول؛", "النص الثالث؛", "النص المدرج؛", "inserted text;", "النص الخامس.");
    assertThat(ps.subList(1, ps.size())).allMatch(p -> p.kind() == ParagraphKind.OPERATIVE && p.parent() == 0);
  }

  @Test
  @DisplayName("an Arabic letter list continues in abjad order past (ي), with list dashes dropped")
  void abjadList() throws Exception {
    StringBuilder draft = new StringBuilder("إذ يذكّر\n");
    for (String letter : org.plenary.text.Numbering.ABJAD.subList(0, 12)) {
      draft.append("- (").append(letter).append(") بالقرار رقم ما؛\n");
    }
    List<DraftParagraph> ps = text(draft.toString());
    assertThat(ps).hasSize(13);
    assertThat(ps.get(10).number()).isEqualTo("(ي)");
    assertThat(ps.get(12).number()).isEqualTo("(ل)");
    assertThat(ps.subList(1, 13)).allMatch(p -> p.kind() == ParagraphKind.PREAMBULAR && p.parent() == 0
        && p.direction() == Direction.RTL);
  }

  @Test
  @DisplayName("(i) after (h) is the letter i; (i) under a lettered item is roman, and (ii) follows it")
  void romanOrLetter() throws Exception {
    StringBuilder draft = new StringBuilder("recalling\n");
    for (char c = 'a'; c <= 'i'; c++) {
      draft.append('(').append(c).append(") item;\n");
    }
    draft.append("(i) first roman;\n(ii) second roman;\n(j) next letter;\n");
    List<DraftParagraph> ps = text(draft.toString());
    assertThat(ps.get(9).number()).isEqualTo("(i)");
    assertThat(ps.get(9).kind()).isEqualTo(ParagraphKind.PREAMBULAR);
    assertThat(ps.get(10).kind()).isEqualTo(ParagraphKind.SUBPARAGRAPH);
    assertThat(ps.get(10).parent()).isEqualTo(9);
    assertThat(ps.get(11).parent()).isEqualTo(9);
    assertThat(ps.get(12).kind()).isEqualTo(ParagraphKind.PREAMBULAR);
    assertThat(ps.get(12).parent()).isZero();
  }

  @Test
  @DisplayName("lettered items under a numbered operative paragraph are its sub-paragraphs")
  void subparagraphs() throws Exception {
    List<DraftParagraph> ps = text("""
        resolves
        1 that Member States should:
        a) cooperate;
        b) report;
        2 that the Bureau should report.
        """);
    assertThat(kinds(ps)).isEqualTo("""
        heading ^-1
        operative 1 ^0
        subparagraph a) ^1
        subparagraph b) ^1
        operative 2 ^0
        """);
  }

  @Test
  @DisplayName("GA style: paragraphs carrying their own keyword are preambular or operative without headings")
  void generalAssemblyStyle() throws Exception {
    List<DraftParagraph> ps = text("""
        The General Assembly,
        Recalling its resolution 70/1 of 25 September 2015,
        Noting with concern the digital divide,
        1. Decides to convene a high-level meeting;
        2. Also requests the Secretary-General to report.
        """);
    assertThat(ps).extracting(DraftParagraph::kind).containsExactly(ParagraphKind.AUTHORITY,
        ParagraphKind.PREAMBULAR, ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE, ParagraphKind.OPERATIVE);
  }

  @Test
  @DisplayName("Arabic GA style: إن الجمعية العامة، then إذ تشير paragraphs and numbered تقرر / تطلب")
  void arabicGeneralAssembly() throws Exception {
    List<DraftParagraph> ps = text("""
        إن الجمعية العامة،
        إذ تشير إلى قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015،
        وإذ تلاحظ مع القلق استمرار الفجوة الرقمية،
        ١ - تقرر أن تعقد اجتماعاً رفيع المستوى؛
        ٢ - تطلب إلى الأمين العام أن يقدم تقريراً.
        """);
    assertThat(ps).extracting(DraftParagraph::kind).containsExactly(ParagraphKind.AUTHORITY,
        ParagraphKind.PREAMBULAR, ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE, ParagraphKind.OPERATIVE);
    assertThat(ps.get(3).number()).isEqualTo("١");
  }

  @Test
  @DisplayName("a footnote attaches to the paragraph citing it, with ¹ or [1], not to the one just before")
  void footnotes() throws Exception {
    List<DraftParagraph> ps = text("""
        recalling
        a) the first, citing a note¹;
        b) the second, citing another[2];
        c) the third;
        ¹ The first note.
        [2] The second note.
        """);
    assertThat(ps.get(4).kind()).isEqualTo(ParagraphKind.FOOTNOTE);
    assertThat(ps.get(4).parent()).isEqualTo(1);
    assertThat(ps.get(4).number()).isEqualTo("¹");
    assertThat(ps.get(5).kind()).isEqualTo(ParagraphKind.FOOTNOTE);
    assertThat(ps.get(5).parent()).isEqualTo(2);
    assertThat(ps.get(5).text()).isEqualTo("The second note.");
  }

  @Test
  @DisplayName("brackets are counted per paragraph and per draft; Alt 1 / Alt 2 and البديل are flagged")
  void bracketsAndAlternatives() throws Exception {
    ImportedDraft d = DraftReader.read("""
        يقرر
        1 [أن يطلب] إلى [المدير] تقديم تقرير؛
        2 Alt 1: [to report annually;]
        2 Alt 2: [to report every two years;]
        3 البديل 1 [تقديم تقرير سنوي]
        """.getBytes(StandardCharsets.UTF_8), SourceFormat.TEXT);
    List<DraftParagraph> ps = d.paragraphs();
    assertThat(ps.get(1).brackets()).isEqualTo(2);
    assertThat(ps).extracting(DraftParagraph::alt).containsExactly(null, null, "Alt 1", "Alt 2", "البديل 1");
    assertThat(d.bracketCount()).isEqualTo(5);
    assertThat(d.altCount()).isEqualTo(3);
  }

  @Test
  @DisplayName("report numbering: Arabic 2.1 is paragraph 2 of section 1, English 1.2 paragraph 2 of section 1")
  void reportNumbering() throws Exception {
    List<DraftParagraph> ar = text("1\tمقدمة\n1.1\tالفقرة الأولى.\n2.1\tالفقرة الثانية.\n2\tالقسم الثاني\n1.2\tنص.\n");
    assertThat(kinds(ar)).isEqualTo("""
        section 1 ^-1
        report_paragraph 1.1 ^0
        report_paragraph 2.1 ^0
        section 2 ^-1
        report_paragraph 1.2 ^3
        """);
    List<DraftParagraph> en = text("1 Introduction\n1.1 First.\n1.2 Second.\n2 Next\n2.1 Text.\n");
    assertThat(en.get(2).parent()).isZero();
    assertThat(en.get(4).parent()).isEqualTo(3);
  }

  @Test
  @DisplayName("annexes start a new part, and invisible bidi controls are dropped from the text")
  void annexAndBidiControls() throws Exception {
    List<DraftParagraph> ps = text("يقرر\n1 نص\u202E مخفي؛\nالملحق\n1 نص الملحق.\n");
    assertThat(ps.get(1).text()).isEqualTo("نص مخفي؛");
    assertThat(ps.get(2).kind()).isEqualTo(ParagraphKind.ANNEX);
    assertThat(ps.get(3).parent()).isEqualTo(2);
  }

  @Test
  @DisplayName("mixed Arabic and English text stays right-to-left; English is left-to-right")
  void direction() throws Exception {
    List<DraftParagraph> ps = text("حدث \"SDG Digital\" لعام 2024\nبشأن (WSIS+20) و(ITU)\nThe ITU (الاتحاد) text\n");
    assertThat(ps).extracting(DraftParagraph::direction).containsExactly(Direction.RTL, Direction.RTL, Direction.LTR);
  }

  @Test
  @DisplayName("Markdown: headings, list items, emphasis, footnotes and paragraphs over several lines")
  void markdownStructure() throws Exception {
    List<DraftParagraph> ps = markdown("""
        # Resolution 88

        *recalling*

        - a) the first
          item, over two lines;
        - b) the second[^1];

        **resolves**

        1. to act;

        [^1]: A note.
        """);
    assertThat(kinds(ps)).isEqualTo("""
        title ^-1
        heading ^-1
        preambular a) ^1
        preambular b) ^1
        heading ^-1
        operative 1. ^4
        footnote [1] ^3
        """);
    assertThat(ps.get(2).text()).isEqualTo("the first item, over two lines;");
    assertThat(ps.get(3).text()).isEqualTo("the second[1];");
  }

  @Test
  @DisplayName("inputs built to make parsing quadratic (unmatched emphasis, thousands of footnotes) import in one pass")
  void pathologicalInputs() throws Exception {
    assertThat(markdown("_a ".repeat(30_000))).hasSize(1);
    StringBuilder notes = new StringBuilder("resolves\n1 the text citing¹ a note;\n");
    for (int i = 0; i < 20_000; i++) {
      notes.append("¹ a footnote nobody else cites, long enough to be worth scanning ").append(i).append('\n');
    }
    List<DraftParagraph> ps = text(notes.toString());
    assertThat(ps).hasSize(20_002);
    assertThat(ps.get(20_001).parent()).isEqualTo(1);
  }

  @Test
  @DisplayName("empty, blank, non-UTF-8 and binary uploads are refused with a reason")
  void badInput() {
    assertThatThrownBy(() -> DraftReader.read(new byte[0], SourceFormat.TEXT)).isInstanceOf(ImportException.class);
    assertThatThrownBy(() -> text("  \n \n")).hasMessageContaining("no text");
    assertThatThrownBy(() -> DraftReader.read(new byte[] {(byte) 0xC3, 0x28}, SourceFormat.TEXT))
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> DraftReader.read(new byte[] {'a', 0, 'b'}, SourceFormat.TEXT))
        .hasMessageContaining("binary");
  }

  private static List<String> citations(List<DraftParagraph> ps) {
    List<Citations.Item> items = new java.util.ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      DraftParagraph p = ps.get(i);
      items.add(new Citations.Item(i, p.parent() < 0 ? null : (long) p.parent(), p.kind().code(), p.number(), p.alt()));
    }
    return Citations.of(items);
  }

  @Test
  @DisplayName("an Alt line on its own is an alternative of the paragraph before it, never a heading (issue 16)")
  void alternativeLines() throws Exception {
    List<DraftParagraph> ps = text("""
        The General Assembly,
        Recalling its resolution 70/1,
        Welcoming the national broadband plans,
        [Alt 2: Welcoming with appreciation the national broadband plans,]
        2. Requests the Secretary-General to report;
        2 bis. [Alt 1: Encourages Member States to contribute to the Fund;]
        [Alt 2: Invites Member States to consider contributing to the Fund;]
        Alt.3 Calls upon partners to support the Fund;
        Option 4 The Fund shall be open to all;
        3. Requests the Secretary-General to report at its next session.
        """);
    assertThat(kinds(ps)).isEqualTo("""
        authority ^-1
        preambular ^-1
        preambular ^-1
        preambular ^-1
        operative 2. ^-1
        operative 2 bis. ^-1
        operative ^-1
        operative ^-1
        operative ^-1
        operative 3. ^-1
        """);
    assertThat(ps).extracting(DraftParagraph::alt)
        .containsExactly(null, null, null, "Alt 2", null, "Alt 1", "Alt 2", "Alt 3", "Option 4", null);
    assertThat(citations(ps)).containsExactly(null, "PP1", "PP2", "PP2 Alt 2", "OP2", "OP2 bis Alt 1",
        "OP2 bis Alt 2", "OP2 bis Alt 3", "OP2 bis Option 4", "OP3");
  }

  @Test
  @DisplayName("an Arabic General Assembly draft's operative verbs (تهيب، تحيط علماً، تطالب، تشدد، تعرب) open the operative part")
  void arabicGeneralAssemblyVerbs() throws Exception {
    List<DraftParagraph> ps = text("""
        إن الجمعية العامة،
        وإذ تسلم بدور الاتحاد الدولي للاتصالات،
        وإذ تلاحظ مع بالغ القلق اتساع الفجوة الرقمية،
        1 - تهيب بجميع الدول دعم صندوق التنمية الرقمية؛
        2 - تحيط علماً بتقرير الأمين العام؛
        3 - تطالب بسد الفجوة الرقمية؛
        4 - تشدد على أهمية التوصيلية الهادفة؛
        5 - تعرب عن تقديرها للجان الإقليمية؛
        6 - تسلم بالحاجة إلى التمويل؛
        """);
    assertThat(ps).extracting(p -> p.kind().code()).containsExactly("authority", "preambular", "preambular",
        "operative", "operative", "operative", "operative", "operative", "operative");
    assertThat(citations(ps)).containsExactly(null, "PP1", "PP2", "OP1", "OP2", "OP3", "OP4", "OP5", "OP6");
  }

  @Test
  @DisplayName("Arabic alternatives (البديل، الخيار) are alternatives in both parts")
  void arabicAlternativeLines() throws Exception {
    List<DraftParagraph> ps = text("""
        إن الجمعية العامة،
        إذ تشير إلى قرارها 70/1،
        [البديل 1: وإذ تشدد على ضرورة التمويل،]
        [البديل 2: وإذ تؤكد على إلحاح التمويل،]
        1 - تقرر عقد اجتماع؛
        [البديل ٢: تقرر النظر في عقد اجتماع؛]
        الخيار 3: تهيب بالشركاء دعم الصندوق؛
        2 - تقرر أن تبقي المسألة قيد نظرها.
        """);
    assertThat(ps).extracting(p -> p.kind().code()).containsExactly("authority", "preambular", "preambular",
        "preambular", "operative", "operative", "operative", "operative");
    assertThat(citations(ps)).containsExactly(null, "PP1", "PP2 البديل 1", "PP2 البديل 2", "OP1", "OP1 البديل ٢",
        "OP1 الخيار 3", "OP2");
  }

  @Test
  @DisplayName("brackets anywhere, around the ending or the whole paragraph, do not make a heading")
  void bracketedEndings() throws Exception {
    List<DraftParagraph> ps = text("""
        The General Assembly,
        Noting with deep concern that 2.6 billion people remain offline, [and that the gap is widening,]
        [Recognizing the role of the Union,]
        [Noting the report,]
        1. Decides to act;
        2. [Requests a report;]
        """);
    assertThat(kinds(ps)).isEqualTo("""
        authority ^-1
        preambular ^-1
        preambular ^-1
        preambular ^-1
        operative 1. ^-1
        operative 2. ^-1
        """);
  }

  @Test
  @DisplayName("an operative paragraph after a preambular heading-like line is not that line's item")
  void otherPartClosesHeading() throws Exception {
    List<DraftParagraph> ps = text("""
        The General Assembly,
        Recalling its resolution 70/1
        1. Decides to act;
        2. Requests a report.
        """);
    assertThat(ps.get(2).parent()).isEqualTo(-1);
    assertThat(ps.get(3).parent()).isEqualTo(-1);
    assertThat(ps.get(2).kind()).isEqualTo(ParagraphKind.OPERATIVE);
  }
}
