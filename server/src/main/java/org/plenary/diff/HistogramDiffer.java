package org.plenary.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A histogram diff (the algorithm of git's {@code --histogram}) over dense int token ids, without a
 * library: no boxing, no per-element wrappers, and the tables indexed by id are reused per thread.
 *
 * <p>For a region, the ids of the old side are counted and chained by position; the new side is then
 * scanned for the longest common run through an element of the lowest count among those both sides
 * have. That run is kept as equal, and the regions before and after it are diffed the same way. A region without
 * any common element is one replacement. Elements seen more than {@link #MAX_CHAIN} times in a region
 * are not anchors; if a region has only such elements in common, the rarest of them is taken anyway,
 * within a bounded amount of work ({@link #FALLBACK_WORK}), so a repetitive text stays linear-ish.
 *
 * <p>Not minimal, like git's: the result is a valid alignment (equal runs are equal), which the word
 * diff's cleanup then makes read like a redline.
 */
final class HistogramDiffer implements SequenceDiffer {
  /** Elements occurring more often than this in a region's old side are not used as anchors (git: 64). */
  static final int MAX_CHAIN = 64;

  /** Chain steps allowed when a region has only frequent elements in common. */
  static final int FALLBACK_WORK = 200_000;

  static final HistogramDiffer INSTANCE = new HistogramDiffer();

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private HistogramDiffer() {}

  /** Per-thread tables: by id (count, first position) and by position (next position of the same id). */
  private static final class Scratch {
    int[] count = new int[0];
    int[] head = new int[0];
    int[] next = new int[0];
    int[] stack = new int[64];

    void ensure(int ids, int positions) {
      if (count.length < ids) {
        int n = Math.max(ids, count.length * 2);
        count = new int[n];
        head = new int[n];
      }
      if (next.length < positions) {
        next = new int[Math.max(positions, next.length * 2)];
      }
    }
  }

  @Override
  public List<Range> diff(int[] a, int[] b) {
    List<Range> out = new ArrayList<>();
    int beginA = 0;
    int beginB = 0;
    int endA = a.length;
    int endB = b.length;
    while (beginA < endA && beginB < endB && a[beginA] == b[beginB]) {
      beginA++;
      beginB++;
    }
    while (beginA < endA && beginB < endB && a[endA - 1] == b[endB - 1]) {
      endA--;
      endB--;
    }
    if (beginA == endA && beginB == endB) {
      return out;
    }
    if (beginA == endA || beginB == endB) {
      out.add(new Range(beginA, endA, beginB, endB));
      return out;
    }
    int maxId = -1;
    for (int i = beginA; i < endA; i++) {
      maxId = Math.max(maxId, a[i]);
    }
    Scratch s = SCRATCH.get();
    s.ensure(maxId + 1, a.length);
    run(a, b, beginA, endA, beginB, endB, maxId, s, out);
    return out;
  }

  /** Regions on an explicit stack, the left one on top, so that the ranges come out in order. */
  private static void run(int[] a, int[] b, int beginA0, int endA0, int beginB0, int endB0, int maxId,
      Scratch s, List<Range> out) {
    int[] stack = s.stack;
    int top = 0;
    stack[top++] = beginA0;
    stack[top++] = endA0;
    stack[top++] = beginB0;
    stack[top++] = endB0;
    int[] count = s.count;
    int[] head = s.head;
    int[] next = s.next;
    int[] match = new int[3];
    while (top > 0) {
      int endB = stack[--top];
      int beginB = stack[--top];
      int endA = stack[--top];
      int beginA = stack[--top];
      if (beginA == endA && beginB == endB) {
        continue;
      }
      if (beginA == endA || beginB == endB) {
        addRange(out, beginA, endA, beginB, endB);
        continue;
      }
      // Index the old side: counts and chains of positions, last to first so chains run forwards.
      for (int i = endA - 1; i >= beginA; i--) {
        int id = a[i];
        if (count[id] == 0) {
          next[i] = -1;
        } else {
          next[i] = head[id];
        }
        head[id] = i;
        count[id]++;
      }
      boolean found = anchor(a, b, beginA, endA, beginB, endB, count, head, next, MAX_CHAIN, Integer.MAX_VALUE, match);
      if (!found) {
        found = anchor(a, b, beginA, endA, beginB, endB, count, head, next, Integer.MAX_VALUE, FALLBACK_WORK, match);
      }
      for (int i = beginA; i < endA; i++) {
        count[a[i]] = 0;
      }
      if (!found) {
        addRange(out, beginA, endA, beginB, endB);
        continue;
      }
      int as = match[0];
      int bs = match[1];
      int len = match[2];
      if (top + 8 > stack.length) {
        stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        s.stack = stack;
      }
      // Right region below, left region on top.
      stack[top++] = as + len;
      stack[top++] = endA;
      stack[top++] = bs + len;
      stack[top++] = endB;
      stack[top++] = beginA;
      stack[top++] = as;
      stack[top++] = beginB;
      stack[top++] = bs;
    }
  }

  private static void addRange(List<Range> out, int beginA, int endA, int beginB, int endB) {
    if (!out.isEmpty()) {
      Range last = out.get(out.size() - 1);
      if (last.endA() == beginA && last.endB() == beginB) {
        out.set(out.size() - 1, new Range(last.beginA(), endA, last.beginB(), endB));
        return;
      }
    }
    out.add(new Range(beginA, endA, beginB, endB));
  }

  /**
   * Finds the longest common run of {@code a[beginA, endA)} and {@code b[beginB, endB)} through an
   * element of the lowest count (in the old side) among the elements both have, if that count is at most
   * {@code maxChain}; stops after {@code work} chain steps. Writes start A, start B and length to
   * {@code match}. The lowest count is found first, so frequent elements (spaces, "في", "و") are never
   * walked when a rarer one exists.
   */
  private static boolean anchor(int[] a, int[] b, int beginA, int endA, int beginB, int endB, int[] count,
      int[] head, int[] next, int maxChain, int work, int[] match) {
    int low = Integer.MAX_VALUE;
    for (int bi = beginB; bi < endB; bi++) {
      int id = b[bi];
      int c = id < count.length ? count[id] : 0;
      if (c != 0 && c < low) {
        low = c;
        if (c == 1) {
          break;
        }
      }
    }
    if (low == Integer.MAX_VALUE || low > maxChain) {
      return false;
    }
    int bestLen = 0;
    int steps = 0;
    int bi = beginB;
    while (bi < endB) {
      int id = b[bi];
      if (id >= count.length || count[id] != low) {
        bi++;
        continue;
      }
      int nextB = bi + 1;
      for (int ai = head[id]; ai >= 0; ai = next[ai]) {
        if (++steps > work) {
          break;
        }
        int as = ai;
        int bs = bi;
        int ae = ai + 1;
        int be = bi + 1;
        while (as > beginA && bs > beginB && a[as - 1] == b[bs - 1]) {
          as--;
          bs--;
        }
        while (ae < endA && be < endB && a[ae] == b[be]) {
          ae++;
          be++;
        }
        if (ae - as > bestLen) {
          bestLen = ae - as;
          match[0] = as;
          match[1] = bs;
          match[2] = ae - as;
        }
        if (nextB < be) {
          nextB = be;
        }
        // Later occurrences inside this run would only find the same run again.
        while (next[ai] >= 0 && next[ai] < ae) {
          ai = next[ai];
        }
      }
      if (steps > work) {
        break;
      }
      bi = nextB;
    }
    return bestLen > 0;
  }
}
