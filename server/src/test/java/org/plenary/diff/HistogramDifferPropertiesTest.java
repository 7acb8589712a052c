package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.plenary.diff.SequenceDiffer.Range;

@Label("Histogram differ properties")
class HistogramDifferPropertiesTest {
  /** Small alphabets make repeated elements (chains, frequent-only regions); larger ones rare anchors. */
  @Provide
  Arbitrary<int[]> ids() {
    return Arbitraries.integers().between(2, 300).flatMap(alphabet ->
        Arbitraries.integers().between(0, alphabet - 1).array(int[].class).ofMaxSize(400));
  }

  /** Ranges in order, inside both sides, not touching; what lies between them is equal on both sides. */
  static void assertAlignment(int[] a, int[] b, List<Range> ranges) {
    int pa = 0;
    int pb = 0;
    for (Range r : ranges) {
      assertThat(r.beginA()).isGreaterThanOrEqualTo(pa);
      assertThat(r.beginB() - pb).isEqualTo(r.beginA() - pa);
      assertThat(r.lengthA() + r.lengthB()).isPositive();
      assertThat(Arrays.copyOfRange(a, pa, r.beginA())).isEqualTo(Arrays.copyOfRange(b, pb, r.beginB()));
      pa = r.endA();
      pb = r.endB();
      assertThat(pa).isLessThanOrEqualTo(a.length);
      assertThat(pb).isLessThanOrEqualTo(b.length);
    }
    assertThat(a.length - pa).isEqualTo(b.length - pb);
    assertThat(Arrays.copyOfRange(a, pa, a.length)).isEqualTo(Arrays.copyOfRange(b, pb, b.length));
  }

  /** The new side rebuilt from the old one and the ranges. */
  static int[] apply(int[] a, int[] b, List<Range> ranges) {
    List<Integer> out = new ArrayList<>();
    int pa = 0;
    for (Range r : ranges) {
      for (int i = pa; i < r.beginA(); i++) {
        out.add(a[i]);
      }
      for (int j = r.beginB(); j < r.endB(); j++) {
        out.add(b[j]);
      }
      pa = r.endA();
    }
    for (int i = pa; i < a.length; i++) {
      out.add(a[i]);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  @Property(tries = 400)
  void rangesAlignAndRebuildTheNewSide(@ForAll("ids") int[] a, @ForAll("ids") int[] b) {
    List<Range> ranges = HistogramDiffer.INSTANCE.diff(a, b);
    assertAlignment(a, b, ranges);
    assertThat(apply(a, b, ranges)).isEqualTo(b);
  }

  @Property(tries = 200)
  void anEditedCopyKeepsWhatWasNotEdited(@ForAll("ids") int[] a, @ForAll("ids") int[] inserted) {
    int cut = a.length / 2;
    int[] b = new int[a.length + inserted.length];
    System.arraycopy(a, 0, b, 0, cut);
    System.arraycopy(inserted, 0, b, cut, inserted.length);
    System.arraycopy(a, cut, b, cut + inserted.length, a.length - cut);
    List<Range> ranges = HistogramDiffer.INSTANCE.diff(a, b);
    assertAlignment(a, b, ranges);
    int changed = ranges.stream().mapToInt(r -> r.lengthA() + r.lengthB()).sum();
    assertThat(changed).isEqualTo(inserted.length);
  }

  @Property(tries = 100)
  void aSequenceAgainstItselfHasNoChange(@ForAll("ids") int[] a) {
    assertThat(HistogramDiffer.INSTANCE.diff(a, a.clone())).isEmpty();
  }

  @Example
  void oneWordReplacedIsOneRange() {
    int[] a = {1, 0, 2, 0, 3, 0, 4};
    int[] b = {1, 0, 2, 0, 9, 0, 4};
    assertThat(HistogramDiffer.INSTANCE.diff(a, b)).containsExactly(new Range(4, 5, 4, 5));
  }

  @Example
  void aLongRepetitiveRegionStaysValid() {
    int[] a = new int[20_000];
    int[] b = new int[20_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = i % 3;
      b[i] = (i * 7) % 4;
    }
    List<Range> ranges = HistogramDiffer.INSTANCE.diff(a, b);
    assertAlignment(a, b, ranges);
    assertThat(apply(a, b, ranges)).isEqualTo(b);
  }

  @Example
  void unrelatedSequencesAreOneReplacement() {
    assertThat(HistogramDiffer.INSTANCE.diff(new int[] {1, 2, 3}, new int[] {4, 5}))
        .containsExactly(new Range(0, 3, 0, 2));
  }
}
