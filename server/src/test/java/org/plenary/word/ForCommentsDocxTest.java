package org.plenary.word;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.draft.Direction;
import org.plenary.draft.DraftParagraph;

@DisplayName("The revision for comments as DOCX")
class ForCommentsDocxTest {
  @Test
  @DisplayName("an Arabic revision: RTL paragraphs, sizes and fonts from the styles only, no italic Arabic, track changes on")
  void arabic() throws Exception {
    WordSamples ar = new WordSamples("ar-itu-res88-zero.txt", "القرار 88 (كيغالي، 2022)");
    byte[] docx = ar.docx();
    String doc = WordSamples.part(docx, "word/document.xml");
    String styles = WordSamples.part(docx, "word/styles.xml");
    assertThat(doc).doesNotContain("w:szCs").doesNotContain("<w:sz ").doesNotContain("w:iCs")
        .doesNotContain("w:rFonts");
    assertThat(styles).contains("<w:szCs w:val=\"28\"/>").contains("w:cs=\"Traditional Arabic\"")
        .contains("w:bidi=\"ar-SA\"").doesNotContain("w:iCs");
    assertThat(WordSamples.part(docx, "word/settings.xml")).contains("<w:trackRevisions/>");
    assertThat(doc).contains("<w:sectPr><w:pgSz").containsPattern("<w:bidi/></w:sectPr>");
    // every paragraph of the revision, in order, in its own bookmark; Arabic ones right-to-left
    Matcher m = Pattern.compile("<w:p><w:pPr><w:pStyle w:val=\"(\\w+)\"/>(<w:bidi/>)?</w:pPr><w:bookmarkStart w:id=\""
        + "\\d+\" w:name=\"_Plenary_p(\\d+)\"/>").matcher(doc);
    int i = 0;
    while (m.find()) {
      DraftParagraph p = ar.paragraphs.get(i);
      assertThat(Long.parseLong(m.group(3))).isEqualTo(101 + i);
      assertThat(m.group(2) != null).as("paragraph " + i + " is RTL").isEqualTo(p.direction() == Direction.RTL);
      assertThat(m.group(1)).isEqualTo(ForCommentsDocx.style(p.kind().code()));
      i++;
    }
    assertThat(i).isEqualTo(ar.paragraphs.size());
    assertThat(doc).contains("<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space=\"preserve\">التحالف الرقمي");
  }

  @Test
  @DisplayName("an English revision is left-to-right with English as the language, Arabic still complex script")
  void english() throws Exception {
    WordSamples en = new WordSamples("en-itu-res88-zero.txt", "Resolution 88");
    byte[] docx = en.docx();
    assertThat(WordSamples.part(docx, "word/styles.xml")).contains("<w:lang w:val=\"en-GB\" w:bidi=\"ar-SA\"/>");
    assertThat(WordSamples.part(docx, "word/document.xml")).doesNotContain("<w:bidi/>");
  }

  @Test
  @DisplayName("read back untouched, each paragraph maps by its bookmark to itself and nothing is proposed")
  void roundTripWithoutEdits() throws Exception {
    for (String sample : new String[] {"ar-itu-res88-zero.txt", "en-itu-res88-zero.txt"}) {
      WordSamples s = new WordSamples(sample, "Resolution 88");
      WordFile file = TrackedChangesReader.read(s.docx());
      WordProposals.Result r = WordProposals.read(file, s.targets);
      assertThat(r.proposals()).as(sample).isEmpty();
      assertThat(r.unmapped()).isEmpty();
      assertThat(r.mappedById()).isEqualTo(s.targets.size());
      // the header line and every paragraph; the number and its tab come before the text
      assertThat(file.paragraphs()).hasSize(s.targets.size() + 1);
      for (int i = 0; i < s.targets.size(); i++) {
        WordProposals.Target t = s.targets.get(i);
        String original = file.paragraphs().get(i + 1).original();
        assertThat(original.substring(WordProposals.numberCut(original, t.number()))).isEqualTo(t.text());
      }
    }
  }
}
