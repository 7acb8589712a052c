package org.plenary.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.plenary.diff.SequenceDiffer.Range;
import org.plenary.text.Normaliser;
import org.plenary.text.Tokenizer;

/**
 * Word-level diff of two texts over ICU word tokens ({@link Tokenizer}). The ops, applied in order,
 * rebuild both texts: EQUAL (old side) and DELETE runs give the old text, EQUAL and INSERT runs the new
 * one. Tokens are compared by their folded key ({@link Normaliser}); the ops always carry the real text.
 *
 * <p>Steps: tokens → interned key ids → histogram diff → semantic cleanup (tiny equalities between
 * changes are absorbed, so the result reads "replaced A by B") → edges trimmed and slid to word starts.
 *
 * <pre>
 *   WordDiff.diff("بضمن استمرار", "بضمان استمرار")
 *     → [DELETE "بضمن", INSERT "بضمان", EQUAL " استمرار"]
 *   WordDiff.diff("مُجْدٍ", "مجد", DiffOptions.ignoring(Ignore.DIACRITICS))
 *     → [EQUAL "مجد" (old "مُجْدٍ")]
 * </pre>
 */
public final class WordDiff {
  private WordDiff() {}

  public static List<DiffOp> diff(String oldText, String newText) {
    return diff(oldText, newText, DiffOptions.EXACT);
  }

  public static List<DiffOp> diff(String oldText, String newText, DiffOptions options) {
    Objects.requireNonNull(oldText, "oldText");
    Objects.requireNonNull(newText, "newText");
    Objects.requireNonNull(options, "options");
    Normaliser normaliser = options.normaliser();
    Interner interned = new Interner((oldText.length() + newText.length()) / 8);
    Units a = Units.of(oldText, normaliser, options.ignoresWhitespace(), interned);
    Units b = Units.of(newText, normaliser, options.ignoresWhitespace(), interned);
    return compute(a, b, options).ops();
  }

  /** The ops of a word diff, with the words each side lost and gained (interned key ids). */
  record Computed(List<DiffOp> ops, int[] lostWords, int[] gainedWords) {}

  /** The diff of two texts already cut into units with one shared interner (the revision diff's path). */
  static Computed compute(Units a, Units b, DiffOptions options) {
    List<Range> ranges = ranges(a.source, b.source, a, b);
    if (options.cleanup()) {
      ranges = mergeTinyEqualities(ranges, a, b);
    }
    ranges = trimAndSlide(ranges, a, b);
    return new Computed(ops(a, b, ranges), wordIds(ranges, a, true), wordIds(ranges, b, false));
  }

  private static int[] wordIds(List<Range> ranges, Units u, boolean sideA) {
    int n = 0;
    for (Range r : ranges) {
      n += sideA ? r.lengthA() : r.lengthB();
    }
    int[] out = new int[n];
    int k = 0;
    for (Range r : ranges) {
      int from = sideA ? r.beginA() : r.beginB();
      int to = sideA ? r.endA() : r.endB();
      for (int i = from; i < to; i++) {
        if (u.word[i]) {
          out[k++] = u.ids[i];
        }
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  /** True when the ops say the texts are the same (under the options used). */
  public static boolean unchanged(List<DiffOp> ops) {
    for (DiffOp op : ops) {
      if (op.type() != DiffOp.Type.EQUAL) {
        return false;
      }
    }
    return true;
  }

  /**
   * The histogram diff is not symmetric (it anchors on tokens rare in the first text). Run it in a
   * canonical orientation, so that Rev.2 → Rev.1 shows exactly the mirror of Rev.1 → Rev.2.
   */
  private static List<Range> ranges(String oldText, String newText, Units a, Units b) {
    if (oldText.compareTo(newText) <= 0) {
      return HistogramDiffer.INSTANCE.diff(a.ids, b.ids);
    }
    List<Range> swapped = HistogramDiffer.INSTANCE.diff(b.ids, a.ids);
    List<Range> out = new ArrayList<>(swapped.size());
    for (Range r : swapped) {
      out.add(new Range(r.beginB(), r.endB(), r.beginA(), r.endA()));
    }
    return out;
  }

  /**
   * Absorbs an equality between two changes when it is only space and punctuation, or a single word no
   * longer than either change: "[-A-]{+B+} x [-C-]{+D+}" becomes "[-A x C-]{+B x D+}".
   */
  static List<Range> mergeTinyEqualities(List<Range> ranges, Units a, Units b) {
    List<Range> current = ranges;
    for (int pass = 0; pass < 8 && current.size() > 1; pass++) {
      List<Range> out = new ArrayList<>(current.size());
      Range prev = current.get(0);
      boolean merged = false;
      for (int i = 1; i < current.size(); i++) {
        Range next = current.get(i);
        int words = 0;
        for (int k = prev.endA(); k < next.beginA() && words < 2; k++) {
          words += a.word[k] ? 1 : 0;
        }
        // Both sides' lengths, so that the diff of B to A mirrors the diff of A to B.
        int chars = Math.max(a.chars(prev.endA(), next.beginA()), b.chars(prev.endB(), next.beginB()));
        if (words == 0 || words == 1 && chars <= Math.min(size(prev, a, b), size(next, a, b))) {
          prev = new Range(prev.beginA(), next.endA(), prev.beginB(), next.endB());
          merged = true;
        } else {
          out.add(prev);
          prev = next;
        }
      }
      out.add(prev);
      current = out;
      if (!merged) {
        break;
      }
    }
    return current;
  }

  private static int size(Range r, Units a, Units b) {
    return Math.max(a.chars(r.beginA(), r.endA()), b.chars(r.beginB(), r.endB()));
  }

  /**
   * Drops units a merged replacement kept on both sides at its edges, then slides a pure insertion or
   * deletion within its equal surroundings so that it starts with a word and ends with a space:
   * "{+والميسورة التكلفة +}" rather than "{+ والميسورة التكلفة+}".
   */
  private static List<Range> trimAndSlide(List<Range> ranges, Units a, Units b) {
    List<Range> out = new ArrayList<>(ranges.size());
    for (int i = 0; i < ranges.size(); i++) {
      Range r = ranges.get(i);
      int a0 = r.beginA(), a1 = r.endA(), b0 = r.beginB(), b1 = r.endB();
      while (a0 < a1 && b0 < b1 && a.ids[a0] == b.ids[b0]) {
        a0++;
        b0++;
      }
      while (a0 < a1 && b0 < b1 && a.ids[a1 - 1] == b.ids[b1 - 1]) {
        a1--;
        b1--;
      }
      r = new Range(a0, a1, b0, b1);
      if (r.lengthA() == 0 && r.lengthB() == 0) {
        continue;
      }
      int lowA = out.isEmpty() ? 0 : out.get(out.size() - 1).endA();
      int highA = i + 1 < ranges.size() ? ranges.get(i + 1).beginA() : a.size();
      if (r.lengthA() == 0) {
        r = slide(r, b, lowA, highA, false);
      } else if (r.lengthB() == 0) {
        r = slide(r, a, lowA, highA, true);
      }
      out.add(r);
    }
    return out;
  }

  /** Slides a one-sided change along its side {@code u} while the text stays the same; picks the best-reading spot. */
  private static Range slide(Range r, Units u, int lowA, int highA, boolean onA) {
    int begin = onA ? r.beginA() : r.beginB();
    int end = onA ? r.endA() : r.endB();
    int offset = onA ? 0 : r.beginB() - r.beginA();
    int lowU = lowA + offset;
    int highU = highA + offset;
    int left = 0;
    while (begin - left - 1 >= lowU && u.ids[begin - left - 1] == u.ids[end - left - 1]) {
      left++;
    }
    int right = 0;
    while (end + right < highU && u.ids[begin + right] == u.ids[end + right]) {
      right++;
    }
    if (left == 0 && right == 0) {
      return r;
    }
    int best = 0;
    int bestScore = score(u, begin, end);
    for (int s = -left; s <= right; s++) {
      int sc = score(u, begin + s, end + s);
      if (sc > bestScore) {
        best = s;
        bestScore = sc;
      }
    }
    return new Range(r.beginA() + best, r.endA() + best, r.beginB() + best, r.endB() + best);
  }

  private static int score(Units u, int begin, int end) {
    return (u.word[begin] ? 2 : 0) + (!u.word[end - 1] ? 1 : 0);
  }

  private static List<DiffOp> ops(Units a, Units b, List<Range> ranges) {
    Ops ops = new Ops();
    int pa = 0;
    int pb = 0;
    for (Range r : ranges) {
      equal(ops, a, b, pa, r.beginA(), pb);
      ops.add(DiffOp.Type.DELETE, a.join(r.beginA(), r.endA()), null);
      ops.add(DiffOp.Type.INSERT, b.join(r.beginB(), r.endB()), null);
      pa = r.endA();
      pb = r.endB();
    }
    equal(ops, a, b, pa, a.size(), pb);
    return ops.list;
  }

  /** Equal units, grouped in runs whose text is identical and runs that differ only under folding. */
  private static void equal(Ops ops, Units a, Units b, int fromA, int toA, int fromB) {
    if (a.textIds && b.textIds) {
      // Ids of the exact text: equal ids are equal text, one run.
      ops.add(DiffOp.Type.EQUAL, b.join(fromB, fromB + toA - fromA), null);
      return;
    }
    int k = fromA;
    while (k < toA) {
      int j = k;
      boolean same = a.sameText(k, b, fromB + k - fromA);
      while (j < toA && a.sameText(j, b, fromB + j - fromA) == same) {
        j++;
      }
      String newSide = b.join(fromB + k - fromA, fromB + j - fromA);
      ops.add(DiffOp.Type.EQUAL, newSide, same ? null : a.join(k, j));
      k = j;
    }
  }

  private static final class Ops {
    final List<DiffOp> list = new ArrayList<>();

    void add(DiffOp.Type type, String text, String oldText) {
      if (text.isEmpty()) {
        return;
      }
      if (!list.isEmpty()) {
        DiffOp last = list.get(list.size() - 1);
        if (last.type() == type && (last.oldText() == null) == (oldText == null)) {
          list.set(list.size() - 1, new DiffOp(type, last.text() + text,
              oldText == null ? null : last.oldText() + oldText));
          return;
        }
      }
      list.add(new DiffOp(type, text, oldText));
    }
  }

  /**
   * The compared units of one text: tokens, or with white space ignored, tokens with the white space
   * that follows them (so that space never takes part in the comparison).
   */
  static final class Units {
    final String source;
    final int[] starts;
    final int[] ids;
    final boolean[] word;
    /** Whether the ids are those of the units' exact text (nothing folded, no space glued). */
    final boolean textIds;

    private Units(String source, int[] starts, int[] ids, boolean[] word, boolean textIds) {
      this.source = source;
      this.starts = starts;
      this.ids = ids;
      this.word = word;
      this.textIds = textIds;
    }

    /** Whether unit {@code i} here and unit {@code j} of {@code other} are the same text, not only the same key. */
    boolean sameText(int i, Units other, int j) {
      int len = starts[i + 1] - starts[i];
      return len == other.starts[j + 1] - other.starts[j]
          && source.regionMatches(starts[i], other.source, other.starts[j], len);
    }

    static Units of(String source, Normaliser normaliser, boolean ignoreSpace, Interner interned) {
      return of(source, null, normaliser, ignoreSpace, interned);
    }

    /** Units of {@code source} whose token ends ({@link Tokenizer#boundaries}) are known, or null to find them. */
    static Units of(String source, int[] tokenEnds, Normaliser normaliser, boolean ignoreSpace, Interner interned) {
      char[] chars = source.toCharArray();
      int[] ends = tokenEnds != null ? tokenEnds : Tokenizer.boundaries(source, chars);
      int n = ends.length;
      int[] starts = new int[n + 1];
      int[] ids = new int[n];
      boolean[] word = new boolean[n];
      boolean exact = normaliser.ignored().isEmpty()
          || normaliser.ignored().size() == 1 && normaliser.ignores(Normaliser.Ignore.WHITESPACE);
      int m = 0;
      int start = 0;
      for (int i = 0; i < n; i++) {
        int end = ends[i];
        boolean space = ignoreSpace && Character.isWhitespace(chars[start]);
        if (ignoreSpace && space && m > 0) {
          // Glue the space to the unit before it; its key stays the token's alone.
        } else if (ignoreSpace && space) {
          // Leading space: a unit with the empty key, which the first real token then joins.
          starts[m] = start;
          ids[m] = interned.id("");
          m++;
        } else {
          boolean w = Tokenizer.isWord(chars, start, end);
          int id = exact ? interned.id(chars, start, end) : interned.id(normaliser.key(source.substring(start, end)));
          if (ignoreSpace && m == 1 && ids[0] == interned.id("") && !word[0]) {
            ids[0] = id;
            word[0] = w;
          } else {
            starts[m] = start;
            ids[m] = id;
            word[m] = w;
            m++;
          }
        }
        start = end;
      }
      starts[m] = source.length();
      boolean textIds = normaliser.ignored().isEmpty() && !ignoreSpace;
      if (m == n) {
        return new Units(source, starts, ids, word, textIds);
      }
      return new Units(source, java.util.Arrays.copyOf(starts, m + 1), java.util.Arrays.copyOf(ids, m),
          java.util.Arrays.copyOf(word, m), textIds);
    }

    /** Units of exact tokens whose ends, ids and word flags are known (a cached revision's). */
    static Units ofTokens(String source, int[] ends, int[] ids, boolean[] word) {
      int n = ends.length;
      int[] starts = new int[n + 1];
      for (int k = 1; k < n; k++) {
        starts[k] = ends[k - 1];
      }
      starts[n] = source.length();
      return new Units(source, starts, ids, word, true);
    }

    int size() {
      return ids.length;
    }

    /** How many units are words. */
    int wordCount() {
      int n = 0;
      for (boolean w : word) {
        n += w ? 1 : 0;
      }
      return n;
    }

    /** The source text of units {@code [from, to)}. */
    String join(int from, int to) {
      return from >= to ? "" : source.substring(starts[from], starts[to]);
    }

    int chars(int from, int to) {
      return from >= to ? 0 : starts[to] - starts[from];
    }
  }
}
