package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.plenary.draft.ParagraphAligner.Alignment;
import org.plenary.draft.ParagraphAligner.Change;
import org.plenary.draft.ParagraphAligner.Match;
import org.plenary.draft.ParagraphAligner.Prior;

@Label("Alignment invariants")
class AlignerPropertiesTest {
  private static final List<String> WORDS = List.of("القرار", "الاتحاد", "التوصيلية", "الرقمي", "الدول", "الأعضاء",
      "WSIS+20", "(ITU)", "Member", "States", "connectivity", "pledges", "٢٠٢٥", "2030", "[", "]", "؛", "،", "to");

  @Provide
  Arbitrary<List<String>> paragraphs() {
    Arbitrary<String> paragraph = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(12)
        .map(w -> String.join(" ", w));
    return paragraph.list().ofMaxSize(30);
  }

  private static List<DraftParagraph> draft(List<String> texts) {
    List<DraftParagraph> out = new ArrayList<>();
    for (String t : texts) {
      out.add(new DraftParagraph(ParagraphKind.OPERATIVE, null, -1, t, Direction.of(t), Brackets.count(t)));
    }
    return out;
  }

  private static List<Prior> prior(List<String> texts) {
    List<Prior> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(new Prior(i, ParagraphKind.OPERATIVE, null, texts.get(i)));
    }
    return out;
  }

  @Property(tries = 300)
  @Label("every new paragraph has one match, each old paragraph continues at most once or is deleted")
  void partition(@ForAll("paragraphs") List<String> before, @ForAll("paragraphs") List<String> after) {
    Alignment a = ParagraphAligner.align(prior(before), draft(after));
    assertThat(a.matches()).hasSize(after.size());
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < after.size(); i++) {
      Match m = a.matches().get(i);
      assertThat(m.index()).isEqualTo(i);
      if (m.prior() >= 0) {
        assertThat(used.add(m.prior())).isTrue();
        assertThat(m.similarity()).isGreaterThanOrEqualTo(ParagraphAligner.THRESHOLD);
        assertThat(m.change()).isNotEqualTo(Change.INSERTED);
      } else {
        assertThat(m.change()).isEqualTo(Change.INSERTED);
      }
    }
    for (int d : a.deleted()) {
      assertThat(used.add(d)).isTrue();
    }
    assertThat(used).hasSize(before.size());
  }

  @Property(tries = 200)
  @Label("a revision identical to the previous one keeps every paragraph, unchanged and in place")
  void identity(@ForAll("paragraphs") List<String> texts) {
    Alignment a = ParagraphAligner.align(prior(texts), draft(texts));
    assertThat(a.deleted()).isEmpty();
    for (Match m : a.matches()) {
      assertThat(m.change()).isEqualTo(Change.UNCHANGED);
      assertThat(texts.get(m.prior())).isEqualTo(texts.get(m.index()));
    }
  }

  @Property(tries = 200)
  @Label("paragraphs that stay in place keep their relative order")
  void inPlaceIsOrdered(@ForAll("paragraphs") List<String> before, @ForAll("paragraphs") List<String> after) {
    Alignment a = ParagraphAligner.align(prior(before), draft(after));
    int last = -1;
    for (Match m : a.matches()) {
      if (m.change() == Change.UNCHANGED || m.change() == Change.MODIFIED) {
        assertThat(m.prior()).isGreaterThan(last);
        last = m.prior();
      }
    }
  }
}
