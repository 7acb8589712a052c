package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.plenary.diff.DiffOp.Type;
import org.plenary.text.Normaliser.Ignore;
import org.plenary.text.Tokenizer;

@Label("Word diff properties")
class WordDiffPropertiesTest {
  private static final List<String> VOCABULARY = List.of("التوصيلية", "الهادفة", "والتحول", "الرقمي", "في",
      "من", "أجل", "الإقليمية", "الاقليمية", "مُجْدٍ", "مجد", "2,6", "٢٠٢٥", "2025", "(ITU)", "WSIS+20", "،", "؛",
      "[", "]", "(ح)", "و", "ITU", "itu", "الاتصـالات", "على", "علي", " ", "  ", "\n");

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> token = Arbitraries.of(VOCABULARY);
    Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "", "، ");
    return Combinators.combine(token, separator).as(String::concat).list().ofMaxSize(40)
        .map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<DiffOptions> options() {
    return Arbitraries.subsetOf(Ignore.values()).map(s -> new DiffOptions(s, true))
        .injectDuplicates(0.1).edgeCases(e -> e.add(DiffOptions.EXACT));
  }

  static String oldSide(List<DiffOp> ops) {
    return ops.stream().map(DiffOp::oldSide).reduce("", String::concat);
  }

  static String newSide(List<DiffOp> ops) {
    return ops.stream().map(DiffOp::newSide).reduce("", String::concat);
  }

  /** Applies the ops to the old text: EQUAL runs must match it, DELETEs skip it, INSERTs add. */
  static String apply(String old, List<DiffOp> ops) {
    StringBuilder out = new StringBuilder();
    int pos = 0;
    for (DiffOp op : ops) {
      switch (op.type()) {
        case EQUAL -> {
          String expected = op.oldSide();
          assertThat(old.startsWith(expected, pos)).as("EQUAL run %s at %d", expected, pos).isTrue();
          pos += expected.length();
          out.append(op.text());
        }
        case DELETE -> {
          assertThat(old.startsWith(op.text(), pos)).as("DELETE run %s at %d", op.text(), pos).isTrue();
          pos += op.text().length();
        }
        case INSERT -> out.append(op.text());
      }
    }
    assertThat(pos).isEqualTo(old.length());
    return out.toString();
  }

  static int words(List<DiffOp> ops, Type type) {
    int n = 0;
    for (DiffOp op : ops) {
      if (op.type() == type) {
        for (String t : Tokenizer.tokens(op.text())) {
          n += Tokenizer.isWord(t) ? 1 : 0;
        }
      }
    }
    return n;
  }

  @Property(tries = 400)
  @Label("applying the ops to the old text gives the new text exactly, with any options")
  void applyingOpsGivesNewText(@ForAll("texts") String a, @ForAll("texts") String b,
      @ForAll("options") DiffOptions options) {
    List<DiffOp> ops = WordDiff.diff(a, b, options);
    assertThat(apply(a, ops)).isEqualTo(b);
    assertThat(oldSide(ops)).isEqualTo(a);
    assertThat(newSide(ops)).isEqualTo(b);
    assertThat(ops).allSatisfy(op -> assertThat(op.text()).isNotEmpty());
  }

  @Property(tries = 200)
  @Label("a text diffed with itself has no change")
  void selfDiffHasNoChange(@ForAll("texts") String a, @ForAll("options") DiffOptions options) {
    List<DiffOp> ops = WordDiff.diff(a, a, options);
    assertThat(WordDiff.unchanged(ops)).isTrue();
    assertThat(ops.size()).isLessThanOrEqualTo(1);
  }

  @Property(tries = 400)
  @Label("changed-token counts agree both ways: words deleted from A to B are the words inserted from B to A")
  void countsAgreeBothWays(@ForAll("texts") String a, @ForAll("texts") String b,
      @ForAll("options") DiffOptions options) {
    List<DiffOp> forward = WordDiff.diff(a, b, options);
    List<DiffOp> backward = WordDiff.diff(b, a, options);
    assertThat(words(forward, Type.DELETE)).isEqualTo(words(backward, Type.INSERT));
    assertThat(words(forward, Type.INSERT)).isEqualTo(words(backward, Type.DELETE));
    assertThat(WordDiff.unchanged(forward)).isEqualTo(WordDiff.unchanged(backward));
  }

  @Property(tries = 200)
  @Label("the tokens of any text concatenate back to it")
  void tokensConcatenateToText(@ForAll String text) {
    assertThat(String.join("", Tokenizer.tokens(text))).isEqualTo(text);
  }
}
