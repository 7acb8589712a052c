package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.text.Normaliser.Ignore;

@DisplayName("The revision diff's parallel pair diffs")
class RevisionDiffParallelTest {
  /** The Resolution 88 pair repeated {@code times}, with ids kept apart per copy: a long draft. */
  private static List<ParagraphText> repeated(List<ParagraphText> ps, int times) {
    List<ParagraphText> out = new ArrayList<>();
    for (int t = 0; t < times; t++) {
      for (ParagraphText p : ps) {
        out.add(new ParagraphText(p.id() + 10_000L * t, p.number(), p.kind(), p.parent(), p.text(), p.direction()));
      }
    }
    return out;
  }

  @Test
  @DisplayName("give exactly the result of the sequential run, whatever the options")
  void sameAsSequential() {
    List<ParagraphText> from = repeated(SampleRevisions.zero(), 30);
    List<ParagraphText> to = repeated(SampleRevisions.rev1Aligned(), 30);
    for (DiffOptions options : new DiffOptions[] {DiffOptions.EXACT, DiffOptions.ignoring(Ignore.DIACRITICS,
        Ignore.HAMZA, Ignore.WHITESPACE)}) {
      RevisionDiff.Result sequential = RevisionDiff.compare(from, to, options, Long.MAX_VALUE);
      RevisionDiff.Result parallel = RevisionDiff.compare(from, to, options, 0);
      assertThat(parallel).isEqualTo(sequential);
      assertThat(parallel.counts().get(RevisionDiff.Change.MODIFIED)).isGreaterThan(30);
      assertThat(RevisionDiff.compare(from, to, options, new TokenCache(from), new TokenCache(to)))
          .isEqualTo(sequential);
    }
  }
}
