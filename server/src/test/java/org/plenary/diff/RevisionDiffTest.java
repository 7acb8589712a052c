package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.diff.DiffOp.Type;
import org.plenary.diff.RevisionDiff.Change;
import org.plenary.diff.RevisionDiff.Entry;
import org.plenary.text.Normaliser.Ignore;

@DisplayName("The revision diff")
class RevisionDiffTest {
  static Entry entry(RevisionDiff.Result r, String textStart) {
    return r.entries().stream()
        .filter(e -> (e.toText() != null ? e.toText() : e.fromText()).startsWith(textStart))
        .findFirst().orElseThrow(() -> new AssertionError("no entry starting with " + textStart));
  }

  static List<DiffOp> changes(Entry e) {
    return e.ops().stream().filter(op -> op.type() != Type.EQUAL).toList();
  }

  static void assertResolution88(RevisionDiff.Result r) {
    assertThat(entry(r, "القرار 88").change()).isEqualTo(Change.UNCHANGED);
    assertThat(entry(r, "بقرار الجمعية العامة").change()).isEqualTo(Change.INSERTED);
    assertThat(entry(r, "بقرار الجمعية العامة").toNumber()).isEqualTo("(ح)");

    Entry relettered = entry(r, "بالقرار 71");
    assertThat(relettered.change()).isEqualTo(Change.RENUMBERED);
    assertThat(relettered.fromNumber()).isEqualTo("(ح)");
    assertThat(relettered.toNumber()).isEqualTo("(ط)");
    assertThat(relettered.ops()).isEmpty();

    Entry typo = entry(r, "بضمان استمرار");
    assertThat(typo.change()).isEqualTo(Change.MODIFIED);
    assertThat(changes(typo)).containsExactly(new DiffOp(Type.DELETE, "بضمن"), new DiffOp(Type.INSERT, "بضمان"));

    Entry reworded = entry(r, "أهمية إشراك");
    assertThat(reworded.change()).isEqualTo(Change.MODIFIED);
    assertThat(reworded.fromNumber()).isEqualTo("(ج)");
    assertThat(changes(reworded)).extracting(DiffOp::type).containsOnly(Type.INSERT);
    assertThat(changes(reworded).get(0).text()).contains("[ولا سيما الحكومات]");

    // The invitation block to financial institutions moved to the end; the other block stayed.
    Entry movedHeading = entry(r, "يدعو المؤسسات المالية");
    assertThat(movedHeading.change()).isEqualTo(Change.MOVED);
    assertThat(movedHeading.toPosition()).isGreaterThan(movedHeading.fromPosition());
    Entry movedBody = entry(r, "إلى قطع تعهدات");
    assertThat(movedBody.change()).isEqualTo(Change.MOVED_MODIFIED);
    assertThat(entry(r, "يدعو الدول الأعضاء").change()).isEqualTo(Change.UNCHANGED);

    Entry lostNumber = entry(r, "تعزيز التقدم نحو");
    assertThat(lostNumber.change()).isEqualTo(Change.MODIFIED);
    assertThat(lostNumber.renumbered()).isTrue();
    assertThat(lostNumber.fromNumber()).isEqualTo("1");
    assertThat(lostNumber.toNumber()).isNull();

    Entry deleted = entry(r, "المشاركة بفعالية");
    assertThat(deleted.change()).isEqualTo(Change.DELETED);
    assertThat(deleted.fromNumber()).isEqualTo("2");

    assertThat(r.counts().get(Change.INSERTED)).isEqualTo(1);
    assertThat(r.counts().get(Change.DELETED)).isEqualTo(1);
    assertThat(r.counts().get(Change.RENUMBERED)).isEqualTo(1);
    assertThat(r.counts()).doesNotContainKeys(Change.SPLIT, Change.MERGED);
  }

  @Test
  @DisplayName("zero draft → Rev.1 with aligned ids: each change reported as what it is")
  void resolution88Aligned() {
    assertResolution88(RevisionDiff.compare(SampleRevisions.zero(), SampleRevisions.rev1Aligned(), DiffOptions.EXACT));
  }

  @Test
  @DisplayName("zero draft → Rev.1 with no ids in common: pairing by wording finds the same changes")
  void resolution88Unaligned() {
    assertResolution88(RevisionDiff.compare(SampleRevisions.zero(), SampleRevisions.rev1Unaligned(),
        DiffOptions.EXACT));
  }

  @Test
  @DisplayName("entries follow the new order, and a deleted paragraph stands where it was")
  void order() {
    RevisionDiff.Result r = RevisionDiff.compare(SampleRevisions.zero(), SampleRevisions.rev1Aligned(),
        DiffOptions.EXACT);
    List<Entry> entries = r.entries();
    int deleted = entries.indexOf(entry(r, "المشاركة بفعالية"));
    assertThat(entries.get(deleted - 1).toText()).startsWith("تعزيز التقدم نحو");
    int last = -1;
    for (Entry e : entries) {
      if (e.toPosition() >= 0) {
        assertThat(e.toPosition()).isGreaterThan(last);
        last = e.toPosition();
      }
    }
  }

  @Test
  @DisplayName("a revision compared with itself is identical; reversed, insertions become deletions")
  void identicalAndReversed() {
    assertThat(RevisionDiff.compare(SampleRevisions.zero(), SampleRevisions.zero(), DiffOptions.EXACT).identical())
        .isTrue();
    RevisionDiff.Result forward = RevisionDiff.compare(SampleRevisions.zero(), SampleRevisions.rev1Aligned(),
        DiffOptions.EXACT);
    RevisionDiff.Result back = RevisionDiff.compare(SampleRevisions.rev1Aligned(), SampleRevisions.zero(),
        DiffOptions.EXACT);
    assertThat(back.counts().get(Change.DELETED)).isEqualTo(forward.counts().get(Change.INSERTED));
    assertThat(back.wordsInserted()).isEqualTo(forward.wordsDeleted());
    assertThat(back.wordsDeleted()).isEqualTo(forward.wordsInserted());
  }

  static ParagraphText p(long id, String number, String text) {
    return new ParagraphText(id, number, "operative", null, text, "rtl");
  }

  @Test
  @DisplayName("a paragraph cut in two is a split; two paragraphs joined are a merge")
  void splitAndMerge() {
    String first = "بمواصلة متابعة عمل مكتب تنمية الاتصالات عملاً بالقرار 37 بشأن سد الفجوة الرقمية";
    String second = "من خلال تحفيز الجهود المشتركة الملموسة لتسريع التوصيلية وتعبئة الموارد في مجالات التركيز الأربعة";
    List<ParagraphText> whole = List.of(p(1, "1", first + "، " + second + "؛"), p(2, "2", "بضمان استمرار المكتب"));
    List<ParagraphText> cut = List.of(p(1, "1", first + "؛"), p(7, "2", second + "؛"), p(2, "3", "بضمان استمرار المكتب"));

    RevisionDiff.Result split = RevisionDiff.compare(whole, cut, DiffOptions.EXACT);
    assertThat(split.entries()).extracting(Entry::change).containsExactly(Change.SPLIT, Change.RENUMBERED);
    Entry s = split.entries().get(0);
    assertThat(s.fromIds()).containsExactly(1L);
    assertThat(s.toIds()).containsExactly(1L, 7L);
    assertThat(WordDiffPropertiesTest.apply(s.fromText(), s.ops())).isEqualTo(s.toText());

    RevisionDiff.Result merge = RevisionDiff.compare(cut, whole, DiffOptions.EXACT);
    assertThat(merge.entries()).extracting(Entry::change).containsExactly(Change.MERGED, Change.RENUMBERED);
    assertThat(merge.entries().get(0).fromIds()).containsExactly(1L, 7L);
    assertThat(merge.entries().get(0).toIds()).containsExactly(1L);
  }

  @Test
  @DisplayName("an unrelated new paragraph next to a modified one is an insertion, not a split")
  void insertionIsNotSplit() {
    List<ParagraphText> old = List.of(p(1, "1", "تعزيز التقدم نحو التوصيلية الهادفة والتحول الرقمي"));
    List<ParagraphText> neu = List.of(p(1, "1", "تعزيز التقدم نحو التوصيلية الهادفة"),
        p(2, "2", "المشاركة بفعالية في تقديم التقارير وتبادل الخبرات"));
    assertThat(RevisionDiff.compare(old, neu, DiffOptions.EXACT).entries()).extracting(Entry::change)
        .containsExactly(Change.MODIFIED, Change.INSERTED);
  }

  @Test
  @DisplayName("ignored differences in text and number are no change: (٣) with tashkeel equals (3) without")
  void ignoredDifferences() {
    List<ParagraphText> old = List.of(p(1, "(٣)", "الموارد اللازمة في حدود الميزانيّة"));
    List<ParagraphText> neu = List.of(p(1, "(3)", "الموارد اللازمة في حدود الميزانية"));
    assertThat(RevisionDiff.compare(old, neu, DiffOptions.EXACT).entries().get(0).change())
        .isEqualTo(Change.MODIFIED);
    Entry e = RevisionDiff.compare(old, neu, DiffOptions.ignoring(Ignore.DIGITS, Ignore.DIACRITICS)).entries().get(0);
    assertThat(e.change()).isEqualTo(Change.UNCHANGED);
    assertThat(e.renumbered()).isFalse();
  }

  @Test
  @DisplayName("a moved and edited paragraph is moved+modified, and the big block is the one that stays")
  void movedModified() {
    List<ParagraphText> old = List.of(p(1, null, "قصير"), p(2, null, "فقرة طويلة جداً عن التوصيلية الهادفة والتحول الرقمي"),
        p(3, null, "فقرة أخرى طويلة عن تعبئة الموارد والشراكات الجديدة"));
    List<ParagraphText> neu = List.of(p(2, null, "فقرة طويلة جداً عن التوصيلية الهادفة والتحول الرقمي"),
        p(3, null, "فقرة أخرى طويلة عن تعبئة الموارد والشراكات الجديدة"), p(1, null, "قصير جداً"));
    assertThat(RevisionDiff.compare(old, neu, DiffOptions.EXACT).entries()).extracting(Entry::change)
        .containsExactly(Change.UNCHANGED, Change.UNCHANGED, Change.MOVED_MODIFIED);
  }
}
