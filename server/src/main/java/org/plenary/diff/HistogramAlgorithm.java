package org.plenary.diff;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.DiffAlgorithmI;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.patch.DeltaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's histogram diff ({@link HistogramDiffer}) as a java-diff-utils algorithm, so that a change can
 * be held as a {@code Patch<T>} and merged, applied and reverted with that library:
 *
 * <pre>
 *   Patch&lt;String&gt; p = DiffUtils.diff(baseTokens, newTokens, HistogramAlgorithm.create());
 * </pre>
 *
 * Elements are interned to dense ids by {@code equals}, then diffed as ints.
 */
public final class HistogramAlgorithm<T> implements DiffAlgorithmI<T> {
  private HistogramAlgorithm() {}

  public static <T> HistogramAlgorithm<T> create() {
    return new HistogramAlgorithm<>();
  }

  @Override
  public List<Change> computeDiff(List<? extends T> source, List<? extends T> target, DiffAlgorithmListener progress) {
    Map<T, Integer> ids = new HashMap<>();
    int[] a = intern(source, ids);
    int[] b = intern(target, ids);
    List<Change> out = new ArrayList<>();
    for (SequenceDiffer.Range r : HistogramDiffer.INSTANCE.diff(a, b)) {
      DeltaType type = r.lengthA() == 0 ? DeltaType.INSERT : r.lengthB() == 0 ? DeltaType.DELETE : DeltaType.CHANGE;
      out.add(new Change(type, r.beginA(), r.endA(), r.beginB(), r.endB()));
    }
    return out;
  }

  private static <T> int[] intern(List<? extends T> items, Map<T, Integer> ids) {
    int[] out = new int[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.computeIfAbsent(items.get(i), k -> ids.size());
    }
    return out;
  }
}
