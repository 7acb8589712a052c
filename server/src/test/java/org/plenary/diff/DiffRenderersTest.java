package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.text.Normaliser.Ignore;

@DisplayName("Diff renderers")
class DiffRenderersTest {
  static final RevisionDiff.Result RES88 = RevisionDiff.compare(SampleRevisions.zero(),
      SampleRevisions.rev1Aligned(), DiffOptions.EXACT);

  @Test
  @DisplayName("plain text marks deletions [-…-] and insertions {+…+}, and renumbering as a number change")
  void plainText() {
    String text = DiffText.revision(RES88, "Zero draft", "Rev.1");
    assertThat(text).startsWith("--- Zero draft\n+++ Rev.1\n");
    assertThat(text).contains("[modified] 2 [-بضمن-]{+بضمان+} استمرار");
    assertThat(text).contains("[renumbered (ح) → (ط)] بالقرار 71");
    assertThat(text).contains("[inserted] (ح) {+بقرار الجمعية العامة");
    assertThat(text).contains("[deleted] 2 [-المشاركة بفعالية");
    assertThat(text).contains("[moved, from position");
  }

  @Test
  @DisplayName("inline HTML: <del>/<ins>, dir on every paragraph, the new number over the old one")
  void inlineHtml() {
    String html = DiffHtml.revision(RES88, "Zero draft", "Rev.1", DiffHtml.Layout.INLINE, "ar");
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
    assertThat(html).contains("<del>بضمن</del><ins>بضمان</ins>");
    assertThat(html).contains("<span class=\"num\"><del>(ح)</del><ins>(ط)</ins></span>");
    long paragraphs = html.lines().filter(l -> l.startsWith("<div class=\"para ")).count();
    long withDir = html.lines().filter(l -> l.startsWith("<div class=\"para ") && l.contains(" dir=\"rtl\"")).count();
    assertThat(paragraphs).isEqualTo(RES88.entries().size()).isEqualTo(withDir);
  }

  @Test
  @DisplayName("side-by-side HTML: old column keeps deletions, new column insertions")
  void sideBySide() {
    String html = DiffHtml.revision(RES88, "Zero draft", "Rev.1", DiffHtml.Layout.SIDE_BY_SIDE, "ar");
    assertThat(html).contains("<table class=\"side-by-side\">");
    String row = html.lines().filter(l -> l.contains("<del>بضمن</del> استمرار")).findFirst().orElseThrow();
    String[] cells = row.split("</td><td");
    assertThat(cells[0]).contains("<del>بضمن</del>").doesNotContain("<ins>");
    assertThat(cells[1]).contains("<ins>بضمان</ins>").doesNotContain("<del>");
  }

  @Test
  @DisplayName("plain text names the positions of a move only when they differ")
  void moveAtTheSamePosition() {
    // (c) moves before the long (b) while (a) is deleted: (c) was 3rd and is 2nd, (b) stays put and is 3rd.
    String longText = "a long paragraph about connectivity, digital skills and the financing of broadband networks";
    List<ParagraphText> old = List.of(new ParagraphText(1, "(a)", null, null, "first short one", "ltr"),
        new ParagraphText(2, "(b)", null, null, longText, "ltr"),
        new ParagraphText(3, "(c)", null, null, "the short one that moves", "ltr"));
    List<ParagraphText> neu = List.of(new ParagraphText(4, "(a)", null, null, "an unrelated new opening", "ltr"),
        new ParagraphText(3, "(b)", null, null, "the short one that moves", "ltr"),
        new ParagraphText(2, "(c)", null, null, longText, "ltr"));
    String text = DiffText.revision(RevisionDiff.compare(old, neu, DiffOptions.EXACT), "a", "b");
    assertThat(text).contains("[moved (c) → (b), from position 3 to 2]");

    // The long paragraph and the first short one swap ends: the one in the middle moved (past both) and is
    // still the 2nd: no "from position 2 to 2".
    List<ParagraphText> before = List.of(new ParagraphText(1, "(a)", null, null, "first short one", "ltr"),
        new ParagraphText(3, "(b)", null, null, "the short one that moves", "ltr"),
        new ParagraphText(2, "(c)", null, null, longText, "ltr"));
    List<ParagraphText> after = List.of(new ParagraphText(2, "(a)", null, null, longText, "ltr"),
        new ParagraphText(3, "(b)", null, null, "the short one that moves", "ltr"),
        new ParagraphText(1, "(c)", null, null, "first short one", "ltr"));
    String moved = DiffText.revision(RevisionDiff.compare(before, after, DiffOptions.EXACT), "a", "b");
    assertThat(moved).contains("[moved] (b) the short one that moves")
        .contains("[moved (a) → (c), from position 1 to 3]").doesNotContain("from position 2 to 2");
  }

  @Test
  @DisplayName("HTML escapes the text: markup in a paragraph is shown, never run")
  void escapes() {
    List<ParagraphText> old = List.of(new ParagraphText(1, "<b>", null, null, "نص <script>alert(1)</script> & \"x\"", "ltr"));
    List<ParagraphText> neu = List.of(new ParagraphText(1, "<b>", null, null, "نص <img src=x onerror=alert(1)> 'y'", "ltr"));
    RevisionDiff.Result r = RevisionDiff.compare(old, neu, DiffOptions.EXACT);
    for (DiffHtml.Layout layout : DiffHtml.Layout.values()) {
      String html = DiffHtml.revision(r, "<i>a</i>", "b", layout, "ar\"");
      assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>").doesNotContain("<i>a");
      assertThat(html).contains("&lt;").contains("script&gt;").contains("&amp;").contains("&quot;x&quot;")
          .contains("&#39;y&#39;").contains("lang=\"ar&quot;\"").contains("dir=\"ltr\"");
    }
  }

  @Test
  @DisplayName("JSON entries carry change, ids, numbers, text and ops; ignored differences keep the old form")
  @SuppressWarnings("unchecked")
  void json() {
    Map<String, Object> json = DiffJson.revision(RES88);
    assertThat((Map<String, Object>) json.get("summary")).containsEntry("inserted", 1).containsEntry("deleted", 1)
        .containsEntry("renumbered", 1).containsEntry("moved", 1);
    List<Map<String, Object>> paragraphs = (List<Map<String, Object>>) json.get("paragraphs");
    Map<String, Object> renumbered = paragraphs.stream().filter(p -> "renumbered".equals(p.get("change")))
        .findFirst().orElseThrow();
    assertThat(renumbered).containsEntry("number", "(ط)").containsEntry("previousNumber", "(ح)")
        .containsEntry("renumbered", true).doesNotContainKey("ops");

    TextDiff folded = TextDiff.compare("مُجْدٍ جداً", "مجد جدا", DiffOptions.ignoring(Ignore.DIACRITICS));
    assertThat(folded.unchanged()).isTrue();
    assertThat(DiffJson.ops(folded.ops()).get(0)).containsEntry("type", "equal").containsEntry("text", "مجد")
        .containsEntry("old", "مُجْدٍ");
  }

  @Test
  @DisplayName("a proposal against its paragraph: word ops, counts and a tracked-changes fragment")
  void proposalDiff() {
    TextDiff d = TextDiff.compare("بضمن تخصيص الموارد اللازمة", "بضمان تخصيص الموارد اللازمة والكافية",
        DiffOptions.EXACT);
    assertThat(d.plain()).isEqualTo("[-بضمن-]{+بضمان+} تخصيص الموارد اللازمة{+ والكافية+}");
    assertThat(d.html()).isEqualTo("<del>بضمن</del><ins>بضمان</ins> تخصيص الموارد اللازمة<ins> والكافية</ins>");
    assertThat(d.wordsDeleted()).isEqualTo(1);
    assertThat(d.wordsInserted()).isEqualTo(2);
  }
}
