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
import org.plenary.align.ParagraphAligner;
import org.plenary.align.ParagraphAligner.Alignment;
import org.plenary.align.ParagraphAligner.Kind;
import org.plenary.align.ParagraphAligner.Link;
import org.plenary.align.ParagraphAligner.Paragraph;

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

  private static List<Paragraph> draft(List<String> texts) {
    return texts.stream().map(t -> new Paragraph(null, "operative", t)).toList();
  }

  private static List<Paragraph> prior(List<String> texts) {
    List<Paragraph> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(new Paragraph((long) i, "operative", texts.get(i)));
    }
    return out;
  }

  @Property(tries = 300)
  @Label("every paragraph on either side is in exactly one link, and the kinds fit the shapes")
  void partition(@ForAll("paragraphs") List<String> before, @ForAll("paragraphs") List<String> after) {
    Alignment a = ParagraphAligner.align(prior(before), draft(after));
    Set<Integer> olds = new HashSet<>();
    Set<Integer> news = new HashSet<>();
    for (Link l : a.links()) {
      l.from().forEach(i -> assertThat(olds.add(i)).isTrue());
      l.to().forEach(j -> assertThat(news.add(j)).isTrue());
      switch (l.kind()) {
        case INSERTED -> assertThat(l.from()).isEmpty();
        case DELETED -> assertThat(l.to()).isEmpty();
        case SPLIT -> assertThat(l.from()).hasSize(1);
        case MERGED -> assertThat(l.to()).hasSize(1);
        default -> {
          assertThat(l.from()).hasSize(1);
          assertThat(l.to()).hasSize(1);
        }
      }
      if (!l.from().isEmpty() && !l.to().isEmpty()) {
        assertThat(l.similarity()).isGreaterThanOrEqualTo(ParagraphAligner.THRESHOLD);
      }
    }
    assertThat(olds).hasSize(before.size());
    assertThat(news).hasSize(after.size());
  }

  @Property(tries = 200)
  @Label("a revision identical to the previous one keeps every paragraph, unchanged and in place")
  void identity(@ForAll("paragraphs") List<String> texts) {
    Alignment a = ParagraphAligner.align(prior(texts), draft(texts));
    for (Link l : a.links()) {
      assertThat(l.kind()).isEqualTo(Kind.UNCHANGED);
      assertThat(texts.get(l.from().get(0))).isEqualTo(texts.get(l.to().get(0)));
    }
  }

  @Property(tries = 200)
  @Label("paragraphs that stay in place keep their relative order")
  void inPlaceIsOrdered(@ForAll("paragraphs") List<String> before, @ForAll("paragraphs") List<String> after) {
    Alignment a = ParagraphAligner.align(prior(before), draft(after));
    int last = -1;
    for (Link l : a.links()) {
      if (l.kind() == Kind.UNCHANGED || l.kind() == Kind.MODIFIED) {
        assertThat(l.from().get(0)).isGreaterThan(last);
        last = l.from().get(0);
      }
    }
  }
}
