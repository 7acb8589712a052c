package org.plenary.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.text.Numbering;

@DisplayName("The merge core on the Arabic sample's words")
class TokenMergeTest {
  static final String P = "لا يزال 2,9 مليار شخص غير متصلين بالإنترنت تماماً في 2022، في حين يفتقر مئات الملايين";

  @Test
  @DisplayName("a figure update and a year update of one paragraph merge; two different years conflict")
  void figuresAndYears() {
    String figure = P.replace("2,9", "2,6");
    String year = P.replace("2022", "2025");
    assertThat(TokenMerge.merge(P, figure, year)).isEqualTo(new TokenMerge.Merged(P.replace("2,9", "2,6")
        .replace("2022", "2025")));
    TokenMerge.Outcome clash = TokenMerge.merge(P, year, P.replace("2022", "2024"));
    assertThat(clash).isInstanceOf(TokenMerge.Conflict.class);
    TokenMerge.Conflict c = (TokenMerge.Conflict) clash;
    assertThat(c.ours()).extracting(TokenMerge.Op::inserted).containsExactly("2025");
    assertThat(c.theirs()).extracting(TokenMerge.Op::inserted).containsExactly("2024");
    assertThat(c.ours().get(0).removed()).isEqualTo("2022");
  }

  @Test
  @DisplayName("the same change made twice is taken once")
  void sameChangeOnce() {
    String both = P.replace("2,9", "2,6");
    assertThat(TokenMerge.merge(P, both, both)).isEqualTo(new TokenMerge.Merged(both));
    String more = both.replace("2022", "2025");
    assertThat(TokenMerge.merge(P, more, both)).isEqualTo(new TokenMerge.Merged(more));
  }

  @Test
  @DisplayName("a span proposal is carried to where its words now stand; one whose words were changed needs a rebase")
  void rebase() {
    String now = "إن المؤتمر، " + P.replace("مئات", "عشرات");
    int s = P.codePointCount(0, P.indexOf("2,9"));
    Rebase.Result r = Rebase.carry(new Rebase.Proposal("amend", "2,6", new Rebase.Span("2,9", s, s + 3)), P, now);
    assertThat(r.needsRebase()).isFalse();
    assertThat(now.substring(now.offsetByCodePoints(0, r.span().start()), now.offsetByCodePoints(0, r.span().end())))
        .isEqualTo("2,9");
    Rebase.Result clash = Rebase.carry(new Rebase.Proposal("amend", "2,6", new Rebase.Span("2,9", s, s + 3)), P,
        P.replace("2,9", "2,7"));
    assertThat(clash.needsRebase()).isTrue();
    Rebase.Result whole = Rebase.carry(new Rebase.Proposal("amend", P.replace("2022", "2025"), null), P, now);
    assertThat(whole.needsRebase()).isFalse();
    assertThat(whole.text()).startsWith("إن المؤتمر، ").contains("2025", "عشرات");
  }

  @Test
  @DisplayName("a paragraph inserted after 6 is 6 bis, then 6 ter; in Arabic مكرراً; a lettered one keeps its parentheses")
  void insertedNumbers() {
    assertThat(Numbering.insertedAfter("6", Set.of("6"), false)).isEqualTo("6 bis");
    assertThat(Numbering.insertedAfter("6", Set.of("6", "6 bis"), false)).isEqualTo("6 ter");
    assertThat(Numbering.insertedAfter("6 bis", Set.of("6", "6 bis"), false)).isEqualTo("6 ter");
    assertThat(Numbering.insertedAfter("2", Set.of("2"), true)).isEqualTo("2 مكرراً");
    assertThat(Numbering.insertedAfter("2", Set.of("2", "2 مكرراً"), true)).isEqualTo("2 مكرراً ثانياً");
    assertThat(Numbering.insertedAfter("(ز)", Set.of(), true)).isEqualTo("(ز مكرراً)");
    assertThat(Numbering.insertedAfter(null, Set.of(), true)).isNull();
  }
}
