package org.plenary.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The three-way merge's promises, on random Arabic/English paragraphs and random pairs of edits: changes in
 * different words both land, in either order; taking one back leaves the other exactly; a collision is a
 * conflict, never a silent pick; no word appears that no side wrote.
 */
@Label("Three-way token merge properties")
class TokenMergePropertiesTest {
  private static final List<String> WORDS = List.of("التوصيلية", "الهادفة", "والتحول", "الرقمي", "في", "من", "أجل",
      "2,9", "2,6", "٢٠٢٥", "(ITU)", "WSIS+20", "مليار", "شخص", "[", "]", "تعزيز", "the", "digital", "divide", "of");

  /** A paragraph of 6 to 21 distinct words, and two edits of it: each replaces (or deletes, or inserts at) a word range. */
  record Case(List<String> words, Edit a, Edit b) {}

  /** Replace words {@code [from, to)} by {@code with} (empty: delete; from == to: insert). */
  record Edit(int from, int to, List<String> with) {}

  @Provide
  Arbitrary<Case> cases() {
    // distinct words: with repeated ones a diff may align an edit to any of the copies, and the merge then
    // (rightly) reports a conflict it cannot decide; the symmetry property below also runs on such texts
    Arbitrary<List<String>> words = Arbitraries.of(WORDS).list().uniqueElements().ofMinSize(6).ofMaxSize(WORDS.size());
    return words.flatMap(w -> Combinators.combine(edit(w.size()), edit(w.size())).as((a, b) -> new Case(w, a, b)));
  }

  private static Arbitrary<Edit> edit(int n) {
    Arbitrary<Integer> from = Arbitraries.integers().between(0, n - 1);
    Arbitrary<Integer> length = Arbitraries.integers().between(0, 3);
    Arbitrary<List<String>> with = Arbitraries.of("جديد", "نص", "2,7", "(UNESCO)", "new", "text")
        .list().ofMinSize(0).ofMaxSize(3);
    return Combinators.combine(from, length, with).as((f, l, x) -> new Edit(f, Math.min(n, f + l),
        l == 0 && x.isEmpty() ? List.of("مضاف") : x));
  }

  static String text(List<String> words) {
    return String.join(" ", words);
  }

  static List<String> apply(List<String> words, Edit... edits) {
    List<Edit> sorted = new ArrayList<>(List.of(edits));
    sorted.sort((x, y) -> Integer.compare(y.from(), x.from()));
    List<String> out = new ArrayList<>(words);
    for (Edit e : sorted) {
      for (int i = e.from(); i < e.to(); i++) {
        out.remove(e.from());
      }
      out.addAll(e.from(), e.with());
    }
    return out;
  }

  /** Two edits at least one untouched word apart. */
  static boolean apart(Edit a, Edit b) {
    return a.to() < b.from() || b.to() < a.from();
  }

  @Property(tries = 400)
  @Label("edits in different words both land, in either order, and each can be taken back alone")
  void disjointEditsMerge(@ForAll("cases") Case c) {
    if (!apart(c.a(), c.b())) {
      return;
    }
    String base = text(c.words());
    String a = text(apply(c.words(), c.a()));
    String b = text(apply(c.words(), c.b()));
    String both = text(apply(c.words(), c.a(), c.b()));
    assertThat(TokenMerge.merge(base, a, b)).isEqualTo(new TokenMerge.Merged(both));
    assertThat(TokenMerge.merge(base, b, a)).isEqualTo(new TokenMerge.Merged(both));
    // taking b back out of the merged text (base' = b, theirs' = base) leaves exactly a
    assertThat(TokenMerge.merge(b, both, base)).isEqualTo(new TokenMerge.Merged(a));
    assertThat(TokenMerge.merge(a, both, base)).isEqualTo(new TokenMerge.Merged(b));
  }

  @Property(tries = 400)
  @Label("a merge is the same either way round, or a conflict either way round; it writes no word no one wrote")
  void mergeIsSymmetricAndWritesNothingNew(@ForAll("cases") Case c) {
    String base = text(c.words());
    String a = text(apply(c.words(), c.a()));
    String b = text(apply(c.words(), c.b()));
    TokenMerge.Outcome ab = TokenMerge.merge(base, a, b);
    TokenMerge.Outcome ba = TokenMerge.merge(base, b, a);
    assertThat(ab.getClass()).isEqualTo(ba.getClass());
    if (ab instanceof TokenMerge.Merged m) {
      assertThat(m).isEqualTo(ba);
      Set<String> written = new HashSet<>(TokenMerge.tokens(base));
      written.addAll(TokenMerge.tokens(a));
      written.addAll(TokenMerge.tokens(b));
      assertThat(written).containsAll(TokenMerge.tokens(m.text()));
    } else {
      TokenMerge.Conflict x = (TokenMerge.Conflict) ab;
      assertThat(x.ours()).isNotEmpty();
      assertThat(x.theirs()).isNotEmpty();
    }
  }

  @Property(tries = 200)
  @Label("two different replacements of the same words are a conflict")
  void sameWordsDifferentlyConflict(@ForAll("cases") Case c) {
    Edit a = new Edit(c.a().from(), Math.max(c.a().to(), c.a().from() + 1), List.of("ألف"));
    Edit b = new Edit(a.from(), a.to(), List.of("باء"));
    if (a.to() > c.words().size()) {
      return;
    }
    String base = text(c.words());
    assertThat(TokenMerge.merge(base, text(apply(c.words(), a)), text(apply(c.words(), b))))
        .isInstanceOf(TokenMerge.Conflict.class);
  }
}
