package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.draft.ParagraphAligner.Alignment;
import org.plenary.draft.ParagraphAligner.Change;
import org.plenary.draft.ParagraphAligner.Match;
import org.plenary.draft.ParagraphAligner.Prior;
import org.plenary.testing.Samples;

@DisplayName("Aligning a new revision to the previous one")
class ParagraphAlignerTest {
  private static List<DraftParagraph> read(String name) throws ImportException {
    return DraftReader.read(Samples.bytes(name), SourceFormat.TEXT).paragraphs();
  }

  private static List<Prior> prior(List<DraftParagraph> ps) {
    List<Prior> out = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      out.add(new Prior(100 + i, ps.get(i).kind(), ps.get(i).number(), ps.get(i).text()));
    }
    return out;
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
    Alignment a = ParagraphAligner.align(prior(zero), rev1);

    Match res71 = a.matches().get(indexOf(rev1, "بالقرار 71"));
    assertThat(res71.prior()).isEqualTo(indexOf(zero, "بالقرار 71"));
    assertThat(zero.get(res71.prior()).number()).isEqualTo("(ح)");
    assertThat(rev1.get(res71.index()).number()).isEqualTo("(ط)");
    assertThat(res71.change()).isEqualTo(Change.UNCHANGED);

    Match wsis = a.matches().get(indexOf(rev1, "بقرار الجمعية العامة"));
    assertThat(wsis.change()).isEqualTo(Change.INSERTED);
    assertThat(rev1.get(wsis.index()).number()).isEqualTo("(ح)");

    Match heading = a.matches().get(indexOf(rev1, "يدعو المؤسسات"));
    assertThat(heading.prior()).isEqualTo(indexOf(zero, "يدعو المؤسسات"));
    assertThat(heading.change()).isEqualTo(Change.MOVED);
    Match body = a.matches().get(indexOf(rev1, "إلى قطع تعهدات"));
    assertThat(body.prior()).isEqualTo(indexOf(zero, "إلى قطع تعهدات"));
    assertThat(body.change()).isEqualTo(Change.MOVED_MODIFIED);

    assertThat(a.deleted()).containsExactly(indexOf(zero, "المشاركة بفعالية"));

    // Typos fixed ("بضمن" → "بضمان", "يفترق" → "يفتقر") are edits of the same paragraph.
    Match typo = a.matches().get(indexOf(rev1, "بضمان استمرار"));
    assertThat(typo.prior()).isEqualTo(indexOf(zero, "بضمن استمرار"));
    assertThat(typo.change()).isEqualTo(Change.MODIFIED);
    assertThat(a.matches().get(indexOf(rev1, "أنه في حين")).change()).isEqualTo(Change.MODIFIED);

    // The remaining operative paragraph lost its number "1" but is the same paragraph.
    Match lost = a.matches().get(indexOf(rev1, "تعزيز التقدم"));
    assertThat(zero.get(lost.prior()).number()).isEqualTo("1");
    assertThat(rev1.get(lost.index()).number()).isNull();

    long inserted = a.matches().stream().filter(m -> m.change() == Change.INSERTED).count();
    assertThat(inserted).isEqualTo(1);
  }

  @Test
  @DisplayName("the English counterpart aligns the same way, and Alt 1 / Alt 2 are insertions")
  void englishRevision() throws Exception {
    List<DraftParagraph> zero = read("en-itu-res88-zero.txt");
    List<DraftParagraph> rev1 = read("en-itu-res88-rev1.txt");
    Alignment a = ParagraphAligner.align(prior(zero), rev1);
    Match res71 = a.matches().get(indexOf(rev1, "Resolution 71"));
    assertThat(zero.get(res71.prior()).number()).isEqualTo("e)");
    assertThat(rev1.get(res71.index()).number()).isEqualTo("f)");
    assertThat(a.matches().get(indexOf(rev1, "the United Nations General Assembly resolution")).change())
        .isEqualTo(Change.INSERTED);
    assertThat(a.matches().get(indexOf(rev1, "Alt 1")).change()).isEqualTo(Change.INSERTED);
    assertThat(a.matches().get(indexOf(rev1, "invites international")).change()).isEqualTo(Change.MOVED);
    assertThat(a.deleted()).containsExactly(indexOf(zero, "to participate actively"));
  }

  @Test
  @DisplayName("diacritics, tatweel and Arabic-Indic digits do not make a paragraph new")
  void foldedComparison() {
    List<Prior> prior = List.of(new Prior(1, ParagraphKind.OPERATIVE, "1", "يقرر أن يكلف المدير بتقديم تقرير في 2025"));
    List<DraftParagraph> next = List.of(new DraftParagraph(ParagraphKind.OPERATIVE, "١", -1,
        "يُقرِّر أن يكـــلف المدير بتقديم تقرير في ٢٠٢٥", Direction.RTL, 0));
    Match m = ParagraphAligner.align(prior, next).matches().get(0);
    assertThat(m.prior()).isZero();
    assertThat(m.change()).isEqualTo(Change.MODIFIED);
    assertThat(m.similarity()).isEqualTo(1.0);
  }

  @Test
  @DisplayName("a rewritten paragraph below the threshold is a deletion plus an insertion")
  void rewritten() {
    List<Prior> prior = List.of(new Prior(1, ParagraphKind.OPERATIVE, "1", "to report to the Council every year"));
    List<DraftParagraph> next = List.of(new DraftParagraph(ParagraphKind.OPERATIVE, "1", -1,
        "to convene a high-level meeting in New York", Direction.LTR, 0));
    Alignment a = ParagraphAligner.align(prior, next);
    assertThat(a.matches().get(0).change()).isEqualTo(Change.INSERTED);
    assertThat(a.deleted()).containsExactly(0);
  }

  @Test
  @DisplayName("repeated identical paragraphs pair in order, and a swap moves the lesser text")
  void duplicatesAndSwap() {
    List<Prior> prior = List.of(
        new Prior(1, ParagraphKind.HEADING, null, "recalling"),
        new Prior(2, ParagraphKind.PREAMBULAR, "a)", "the first long paragraph about connectivity and pledges"),
        new Prior(3, ParagraphKind.HEADING, null, "recalling"),
        new Prior(4, ParagraphKind.PREAMBULAR, "a)", "x"));
    List<DraftParagraph> next = List.of(
        new DraftParagraph(ParagraphKind.HEADING, null, -1, "recalling", Direction.LTR, 0),
        new DraftParagraph(ParagraphKind.PREAMBULAR, "a)", 0, "x", Direction.LTR, 0),
        new DraftParagraph(ParagraphKind.HEADING, null, -1, "recalling", Direction.LTR, 0),
        new DraftParagraph(ParagraphKind.PREAMBULAR, "a)", 2, "the first long paragraph about connectivity and pledges",
            Direction.LTR, 0));
    Alignment a = ParagraphAligner.align(prior, next);
    assertThat(a.matches()).extracting(Match::prior).containsExactly(0, 3, 2, 1);
    // Moving the second heading and "x" up (12 characters) explains the change with less text moved than
    // moving the long paragraph down.
    assertThat(a.matches()).extracting(Match::change)
        .containsExactly(Change.UNCHANGED, Change.MOVED, Change.MOVED, Change.UNCHANGED);
    assertThat(a.deleted()).isEmpty();
  }

  @Test
  @DisplayName("an empty previous revision makes every paragraph an insertion")
  void fromNothing() throws Exception {
    Alignment a = ParagraphAligner.align(List.of(), read("ar-itu-res88-zero.txt"));
    assertThat(a.matches()).allMatch(m -> m.change() == Change.INSERTED);
    assertThat(a.deleted()).isEmpty();
  }
}
