package org.plenary.diff;

import java.util.List;

/**
 * A diff of two sequences of interned token ids, as a list of changed ranges in order. Our own small
 * interface, so the algorithm behind it (our histogram diff, {@link HistogramDiffer}) stays a detail.
 */
interface SequenceDiffer {
  /** A changed range: {@code a[beginA, endA)} is replaced by {@code b[beginB, endB)}; one side may be empty. */
  record Range(int beginA, int endA, int beginB, int endB) {
    int lengthA() {
      return endA - beginA;
    }

    int lengthB() {
      return endB - beginB;
    }
  }

  List<Range> diff(int[] a, int[] b);
}
