package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.align.ParagraphAligner;
import org.plenary.align.ParagraphAligner.Alignment;
import org.plenary.align.ParagraphAligner.Kind;
import org.plenary.align.ParagraphAligner.Link;
import org.plenary.align.ParagraphAligner.Paragraph;
import org.plenary.testing.Samples;

@DisplayName("Aligning a new revision to the previous one")
class ParagraphAlignerTest {
  private static List<DraftParagraph> read(String name) throws ImportException {
    return DraftReader.read(Samples.bytes(name), SourceFormat.TEXT).paragraphs();
  }

  private static List<Paragraph> prior(List<DraftParagraph> ps) {
    List<Paragraph> out = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      out.add(new Paragraph(100L + i, ps.get(i).kind().code(), ps.get(i).text()));
    }
    return out;
  }

  /** A new draft's paragraphs, without ids yet, as the import aligns them. */
  private static List<Paragraph> next(List<DraftParagraph> ps) {
    return ps.stream().map(p -> new Paragraph(null, p.kind().code(), p.text())).toList();
  }

  private static Paragraph p(ParagraphKind kind, String text) {
    return new Paragraph(null, kind.code(), text);
  }

  private static Paragraph old(long id, ParagraphKind kind, String text) {
    return new Paragraph(id, kind.code(), text);
  }

  /** The old position a new paragraph continues, or -1. */
  private static int priorOf(Alignment a, int index) {
    Link l = a.ofNew(index);
    return l.from().isEmpty() ? -1 : l.from().get(0);
  }

  private static List<Integer> deleted(Alignment a) {
    return a.links().stream().filter(l -> l.kind() == Kind.DELETED).map(l -> l.from().get(0)).toList();
  }

  private static int indexOf(List<DraftParagraph> ps, String start) {
    for (int i = 0; i < ps.size(); i++) {
      if (ps.get(i).text().startsWith(start)) {
        return i;
      }
    }
    throw new AssertionError("no paragraph starting " + start);
  }

  @Test
  @DisplayName("Res. 88 Rev.1: (ح) → (ط) keeps its id, the WSIS+20 (ح) is new, the يدعو المؤسسات block moved,"
      + " operative 2 deleted")
  void arabicRevision() throws Exception {
    List<DraftParagraph> zero = read("ar-itu-res88-zero.txt");
    List<DraftParagraph> rev1 = read("ar-itu-res88-rev1.txt");
    Alignment a = ParagraphAligner.align(prior(zero), next(rev1));

    int res71 = indexOf(rev1, "بالقرار 71");
    assertThat(priorOf(a, res71)).isEqualTo(indexOf(zero, "بالقرار 71"));
    assertThat(zero.get(priorOf(a, res71)).number()).isEqualTo("(ح)");
    assertThat(rev1.get(res71).number()).isEqualTo("(ط)");
    assertThat(a.ofNew(res71).kind()).isEqualTo(Kind.UNCHANGED);

    int wsis = indexOf(rev1, "بقرار الجمعية العامة");
    assertThat(a.ofNew(wsis).kind()).isEqualTo(Kind.INSERTED);
    assertThat(rev1.get(wsis).number()).isEqualTo("(ح)");

    int heading = indexOf(rev1, "يدعو المؤسسات");
    assertThat(priorOf(a, heading)).isEqualTo(indexOf(zero, "يدعو المؤسسات"));
    assertThat(a.ofNew(heading).kind()).isEqualTo(Kind.MOVED);
    assertThat(a.ofNew(heading).edited()).isFalse();
    int body = indexOf(rev1, "إلى قطع تعهدات");
    assertThat(priorOf(a, body)).isEqualTo(indexOf(zero, "إلى قطع تعهدات"));
    assertThat(a.ofNew(body).kind()).isEqualTo(Kind.MOVED);
    assertThat(a.ofNew(body).edited()).isTrue();

    assertThat(deleted(a)).containsExactly(indexOf(zero, "المشاركة بفعالية"));

    // Typos fixed ("بضمن" → "بضمان", "يفترق" → "يفتقر") are edits of the same paragraph.
    int typo = indexOf(rev1, "بضمان استمرار");
    assertThat(priorOf(a, typo)).isEqualTo(indexOf(zero, "بضمن استمرار"));
    assertThat(a.ofNew(typo).kind()).isEqualTo(Kind.MODIFIED);
    assertThat(a.ofNew(indexOf(rev1, "أنه في حين")).kind()).isEqualTo(Kind.MODIFIED);

    // The remaining operative paragraph lost its number "1" but is the same paragraph.
    int lost = indexOf(rev1, "تعزيز التقدم");
    assertThat(zero.get(priorOf(a, lost)).number()).isEqualTo("1");
    assertThat(rev1.get(lost).number()).isNull();

    assertThat(a.links()).filteredOn(l -> l.kind() == Kind.INSERTED).hasSize(1);
    assertThat(a.links()).noneMatch(l -> l.kind() == Kind.SPLIT || l.kind() == Kind.MERGED);
  }

  @Test
  @DisplayName("the English counterpart aligns the same way, and Alt 1 / Alt 2 are insertions")
  void englishRevision() throws Exception {
    List<DraftParagraph> zero = read("en-itu-res88-zero.txt");
    List<DraftParagraph> rev1 = read("en-itu-res88-rev1.txt");
    Alignment a = ParagraphAligner.align(prior(zero), next(rev1));
    int res71 = indexOf(rev1, "Resolution 71");
    assertThat(zero.get(priorOf(a, res71)).number()).isEqualTo("e)");
    assertThat(rev1.get(res71).number()).isEqualTo("f)");
    assertThat(a.ofNew(indexOf(rev1, "the United Nations General Assembly resolution")).kind())
        .isEqualTo(Kind.INSERTED);
    assertThat(a.ofNew(indexOf(rev1, "Alt 1")).kind()).isEqualTo(Kind.INSERTED);
    assertThat(a.ofNew(indexOf(rev1, "invites international")).kind()).isEqualTo(Kind.MOVED);
    assertThat(deleted(a)).containsExactly(indexOf(zero, "to participate actively"));
  }

  @Test
  @DisplayName("diacritics, tatweel and Arabic-Indic digits do not make a paragraph new")
  void foldedComparison() {
    List<Paragraph> prior = List.of(old(1, ParagraphKind.OPERATIVE, "يقرر أن يكلف المدير بتقديم تقرير في 2025"));
    List<Paragraph> next = List.of(p(ParagraphKind.OPERATIVE, "يُقرِّر أن يكـــلف المدير بتقديم تقرير في ٢٠٢٥"));
    Link l = ParagraphAligner.align(prior, next).ofNew(0);
    assertThat(l.from()).containsExactly(0);
    assertThat(l.kind()).isEqualTo(Kind.MODIFIED);
    assertThat(l.similarity()).isEqualTo(1.0);
  }

  @Test
  @DisplayName("a rewritten paragraph below the threshold is a deletion plus an insertion")
  void rewritten() {
    List<Paragraph> prior = List.of(old(1, ParagraphKind.OPERATIVE, "to report to the Council every year"));
    List<Paragraph> next = List.of(p(ParagraphKind.OPERATIVE, "to convene a high-level meeting in New York"));
    Alignment a = ParagraphAligner.align(prior, next);
    assertThat(a.ofNew(0).kind()).isEqualTo(Kind.INSERTED);
    assertThat(deleted(a)).containsExactly(0);
  }

  @Test
  @DisplayName("repeated identical paragraphs pair in order, and a swap moves the lesser text")
  void duplicatesAndSwap() {
    List<Paragraph> prior = List.of(
        old(1, ParagraphKind.HEADING, "recalling"),
        old(2, ParagraphKind.PREAMBULAR, "the first long paragraph about connectivity and pledges"),
        old(3, ParagraphKind.HEADING, "recalling"),
        old(4, ParagraphKind.PREAMBULAR, "x"));
    List<Paragraph> next = List.of(
        p(ParagraphKind.HEADING, "recalling"),
        p(ParagraphKind.PREAMBULAR, "x"),
        p(ParagraphKind.HEADING, "recalling"),
        p(ParagraphKind.PREAMBULAR, "the first long paragraph about connectivity and pledges"));
    Alignment a = ParagraphAligner.align(prior, next);
    assertThat(List.of(priorOf(a, 0), priorOf(a, 1), priorOf(a, 2), priorOf(a, 3))).containsExactly(0, 3, 2, 1);
    // Moving the second heading and "x" up (12 characters) explains the change with less text moved than
    // moving the long paragraph down.
    assertThat(List.of(a.ofNew(0).kind(), a.ofNew(1).kind(), a.ofNew(2).kind(), a.ofNew(3).kind()))
        .containsExactly(Kind.UNCHANGED, Kind.MOVED, Kind.MOVED, Kind.UNCHANGED);
    assertThat(deleted(a)).isEmpty();
  }

  @Test
  @DisplayName("a paragraph cut in two is a split (the first part carries it on); two joined are a merge")
  void splitAndMerge() {
    String first = "Requests the Secretary-General to submit a report on the implementation of this resolution";
    String second = "and to include in it recommendations on closing the digital divide in least developed countries";
    List<Paragraph> whole = List.of(old(1, ParagraphKind.OPERATIVE, first + ", " + second + ";"),
        old(2, ParagraphKind.OPERATIVE, "Decides to remain seized of the matter."));
    List<Paragraph> cut = List.of(p(ParagraphKind.OPERATIVE, first + ";"), p(ParagraphKind.OPERATIVE, second + ";"),
        p(ParagraphKind.OPERATIVE, "Decides to remain seized of the matter."));
    Alignment split = ParagraphAligner.align(whole, cut);
    assertThat(split.links()).extracting(Link::kind).containsExactly(Kind.SPLIT, Kind.UNCHANGED);
    assertThat(split.ofNew(1).from()).containsExactly(0);
    assertThat(split.ofNew(1).to()).containsExactly(0, 1);

    List<Paragraph> before = List.of(old(1, ParagraphKind.OPERATIVE, first + ";"),
        old(2, ParagraphKind.OPERATIVE, second + ";"), old(3, ParagraphKind.OPERATIVE, "Decides to remain seized."));
    List<Paragraph> joined = List.of(p(ParagraphKind.OPERATIVE, first + ", " + second + ";"),
        p(ParagraphKind.OPERATIVE, "Decides to remain seized."));
    Alignment merge = ParagraphAligner.align(before, joined);
    assertThat(merge.links()).extracting(Link::kind).containsExactly(Kind.MERGED, Kind.UNCHANGED);
    assertThat(merge.ofOld(1).from()).containsExactly(0, 1);
    assertThat(merge.ofOld(1).to()).containsExactly(0);
  }

  @Test
  @DisplayName("Arabic: a paragraph cut in two is a split, two preambular paragraphs joined are a merge")
  void arabicSplitAndMerge() {
    String recalls = "إذ تشير إلى قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015 المعنون تحويل عالمنا";
    String affirms = "وإذ تؤكد من جديد قرارها 70/125 بشأن الاستعراض الشامل لتنفيذ نتائج القمة العالمية لمجتمع المعلومات";
    String report = "تطلب إلى الأمين العام أن يقدم إلى الجمعية العامة في دورتها الحادية والثمانين تقريراً عن تنفيذ هذا القرار";
    String more = "وأن يضمّن التقرير توصيات بشأن سد الفجوة الرقمية في أقل البلدان نمواً";
    List<Paragraph> before = List.of(old(1, ParagraphKind.PREAMBULAR, recalls + "،"),
        old(2, ParagraphKind.PREAMBULAR, affirms + "،"), old(3, ParagraphKind.OPERATIVE, report + "، " + more + "؛"),
        old(4, ParagraphKind.OPERATIVE, "تقرر أن تبقي المسألة قيد نظرها."));
    List<Paragraph> after = List.of(p(ParagraphKind.PREAMBULAR, recalls + "، " + affirms + "،"),
        p(ParagraphKind.OPERATIVE, report + "؛"), p(ParagraphKind.OPERATIVE, "تطلب أيضاً " + more + "؛"),
        p(ParagraphKind.OPERATIVE, "تقرر أن تبقي المسألة قيد نظرها."));
    Alignment a = ParagraphAligner.align(before, after);
    assertThat(a.links()).extracting(Link::kind).containsExactly(Kind.MERGED, Kind.SPLIT, Kind.UNCHANGED);
    assertThat(a.ofNew(0).from()).containsExactly(0, 1);
    assertThat(a.ofNew(2).from()).containsExactly(2);
    assertThat(a.ofNew(2).to()).containsExactly(1, 2);
  }

  @Test
  @DisplayName("an empty previous revision makes every paragraph an insertion")
  void fromNothing() throws Exception {
    Alignment a = ParagraphAligner.align(List.of(), next(read("ar-itu-res88-zero.txt")));
    assertThat(a.links()).allMatch(l -> l.kind() == Kind.INSERTED);
  }
}
