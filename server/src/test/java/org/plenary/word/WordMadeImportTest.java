package org.plenary.word;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A file made by Word (the XML written exactly as Word writes it: see resources word/word-made/README.md) that
 * never came from Plenary: mapped to the English Resolution 88 sample by text similarity.
 */
@DisplayName("A Word-made file with tracked changes and comments")
class WordMadeImportTest {
  static byte[] wordMade() throws Exception {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    for (String name : List.of("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
        "word/document.xml", "word/comments.xml")) {
      try (var in = WordMadeImportTest.class.getResourceAsStream("/word/word-made/" + name)) {
        parts.put(name, in.readAllBytes());
      }
    }
    return WordSamples.zip(parts);
  }

  static WordProposals.Proposal only(WordProposals.Result r, String kind, WordProposals.Target at) {
    List<WordProposals.Proposal> found = r.proposals().stream()
        .filter(p -> p.kind().equals(kind) && p.paragraph().id() == at.id()).toList();
    assertThat(found).as(kind + " on " + at.id() + " in " + r.proposals()).hasSize(1);
    return found.get(0);
  }

  @Test
  @DisplayName("becomes its proposals: a span amendment, a question, a deletion, an insertion, a move, a comment")
  void proposals() throws Exception {
    WordSamples en = new WordSamples("en-itu-res88-zero.txt", "Resolution 88");
    WordProposals.Result r = WordProposals.read(TrackedChangesReader.read(wordMade()), en.targets);

    WordProposals.Target considering = en.with("2.9 billion people remain completely offline");
    WordProposals.Proposal amend = only(r, "amend", considering);
    assertThat(amend.anchor().exact()).isEqualTo("2.9");
    assertThat(amend.text()).isEqualTo("2.6");
    assertThat(considering.text().codePoints().skip(amend.anchor().start()).limit(3)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()).isEqualTo("2.9");
    assertThat(amend.wordsInserted()).isEqualTo(1);
    assertThat(amend.wordsDeleted()).isEqualTo(1);
    assertThat(amend.authors()).containsExactly(new WordProposals.Author("Jane Doe (UK)", "2026-12-01T10:41:00Z"));
    assertThat(amend.mapping().by()).isEqualTo("text");
    assertThat(amend.mapping().confidence()).isGreaterThan(0.9);

    WordProposals.Proposal question = only(r, "question", considering);
    assertThat(question.anchor().exact()).isEqualTo("completely offline");
    assertThat(question.text()).isEqualTo("Question: what is the source of this figure?");

    WordProposals.Target deleted = en.with("the importance of engaging all stakeholders");
    assertThat(only(r, "delete", deleted).anchor()).isNull();

    WordProposals.Target notingA = en.with("the Partner2Connect Digital Coalition (P2C), a multistakeholder");
    WordProposals.Proposal insert = only(r, "insert", notingA);
    assertThat(insert.placement()).isEqualTo("after");
    assertThat(insert.text()).isEqualTo("a bis)\tthe Global Digital Compact adopted by the Summit of the Future in"
        + " September 2024;");

    WordProposals.Target notingB = en.with("the P2C framework");
    WordProposals.Proposal moved = only(r, "amend", notingB);
    assertThat(moved.anchor().exact()).startsWith("developed through").endsWith("accelerating investments,");
    assertThat(moved.text()).isEqualTo("based on four focus areas: access, adoption, value creation and accelerating"
        + " investments, developed through a multistakeholder consultative process,");

    WordProposals.Target resolves = en.with("resolves to instruct the Secretary-General");
    WordProposals.Proposal comment = only(r, "comment", resolves);
    assertThat(comment.anchor()).as("the whole paragraph was commented").isNull();
    assertThat(comment.text()).isEqualTo("The United Kingdom supports this paragraph as drafted.");

    assertThat(r.proposals()).hasSize(6);
    assertThat(r.unmapped()).singleElement().satisfies(u -> {
      assertThat(u.reason()).contains("table");
      assertThat(u.text()).contains("Contact");
    });
    assertThat(r.formattingChanges()).isEqualTo(1);
    assertThat(r.mappedById()).isZero();
  }

  @Test
  @DisplayName("the rule for questions: a comment starting with Question, سؤال or ؟")
  void questions() {
    assertThat(WordProposals.isQuestion("Question: why?")).isTrue();
    assertThat(WordProposals.isQuestion("  question — source?")).isTrue();
    assertThat(WordProposals.isQuestion("سؤال: ما المصدر؟")).isTrue();
    assertThat(WordProposals.isQuestion("؟ ما المقصود")).isTrue();
    assertThat(WordProposals.isQuestion("Why is this here?")).isFalse();
    assertThat(WordProposals.isQuestion("نؤيد هذه الفقرة")).isFalse();
  }
}
