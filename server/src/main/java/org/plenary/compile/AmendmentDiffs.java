package org.plenary.compile;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.plenary.diff.DiffOp;
import org.plenary.diff.WordDiff;

/**
 * The word diff of a proposed paragraph against the paragraph, kept by the two texts themselves: a word diff is
 * a function of its two texts only, so an entry can never be wrong, whatever changed since (nothing to
 * invalidate). A compilation is mostly made of the same amendments as the previous one, and their diffs (ICU
 * word breaks, then the histogram diff) were most of its work. Shared by every compilation on the node; bounded
 * by the characters it holds (cleared when full, as the other read caches).
 *
 * <pre>
 *   AmendmentDiffs.diff("… 2,9 مليار …", "… 2,6 مليار …")  // computed once, then from memory
 * </pre>
 */
final class AmendmentDiffs {
  /** About 64 MB of text (keys and ops, two bytes a character at most). */
  static final long MAX_CHARS = 32L << 20;

  private record Key(String paragraph, String proposed) {}

  private static final ConcurrentHashMap<Key, List<DiffOp>> DIFFS = new ConcurrentHashMap<>();
  private static final AtomicLong CHARS = new AtomicLong();

  private AmendmentDiffs() {}

  /** {@link WordDiff#diff(String, String)} of the two texts, from memory when it was computed before. */
  static List<DiffOp> diff(String paragraph, String proposed) {
    Key key = new Key(paragraph, proposed);
    List<DiffOp> ops = DIFFS.get(key);
    if (ops != null) {
      return ops;
    }
    ops = List.copyOf(WordDiff.diff(paragraph, proposed));
    long chars = 2L * (paragraph.length() + proposed.length()) + 64;
    if (CHARS.addAndGet(chars) > MAX_CHARS) {
      DIFFS.clear();
      CHARS.set(chars);
    }
    DIFFS.put(key, ops);
    return ops;
  }

  /** How many diffs are kept (tests). */
  static int size() {
    return DIFFS.size();
  }
}
