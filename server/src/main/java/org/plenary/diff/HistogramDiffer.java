package org.plenary.diff;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HashedSequence;
import org.eclipse.jgit.diff.HashedSequenceComparator;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.LowLevelDiffAlgorithm;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * jgit's histogram diff (git's {@code --histogram}) over int sequences. Plain Myers is quadratic in
 * the edit distance; histogram anchors on the rarest common tokens and recurses, so a heavily edited or
 * unrelated text stays fast. Where a region has only frequent tokens jgit falls back to Myers; that
 * fallback is bounded here: a region too large for it is reported as one replacement.
 */
final class HistogramDiffer implements SequenceDiffer {
  /** Largest (lengthA + lengthB) handed to the Myers fallback: its cost is about that times the edit count. */
  static final int MYERS_LIMIT = 4_000;

  private static final LowLevelDiffAlgorithm MYERS = (LowLevelDiffAlgorithm) MyersDiff.INSTANCE;

  private static final LowLevelDiffAlgorithm BOUNDED_MYERS = new LowLevelDiffAlgorithm() {
    @Override
    public <S extends Sequence> void diffNonCommon(EditList edits, HashedSequenceComparator<S> cmp,
        HashedSequence<S> a, HashedSequence<S> b, Edit region) {
      if (region.getLengthA() + region.getLengthB() <= MYERS_LIMIT) {
        MYERS.diffNonCommon(edits, cmp, a, b, region);
      } else {
        edits.add(region);
      }
    }
  };

  static final HistogramDiffer INSTANCE = new HistogramDiffer();

  private HistogramDiffer() {}

  @Override
  public List<Range> diff(int[] a, int[] b) {
    HistogramDiff histogram = new HistogramDiff();
    histogram.setFallbackAlgorithm(BOUNDED_MYERS);
    DiffAlgorithm algorithm = histogram;
    EditList edits = algorithm.diff(IdComparator.INSTANCE, new Ids(a), new Ids(b));
    List<Range> out = new ArrayList<>(edits.size());
    for (Edit e : edits) {
      out.add(new Range(e.getBeginA(), e.getEndA(), e.getBeginB(), e.getEndB()));
    }
    return out;
  }

  private static final class Ids extends Sequence {
    final int[] ids;

    Ids(int[] ids) {
      this.ids = ids;
    }

    @Override
    public int size() {
      return ids.length;
    }
  }

  private static final class IdComparator extends SequenceComparator<Ids> {
    static final IdComparator INSTANCE = new IdComparator();

    @Override
    public boolean equals(Ids a, int ai, Ids b, int bi) {
      return a.ids[ai] == b.ids[bi];
    }

    @Override
    public int hash(Ids seq, int ptr) {
      // Spread the small interned ids so jgit's power-of-two hash tables do not cluster.
      return seq.ids[ptr] * 0x9E3779B1;
    }
  }
}
