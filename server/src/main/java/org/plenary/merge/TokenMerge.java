package org.plenary.merge;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.plenary.diff.HistogramAlgorithm;
import org.plenary.text.Tokenizer;

/**
 * Three-way merge of paragraph texts on word tokens (diff3): each side's change against the common base is a
 * java-diff-utils {@link Patch} over the base's tokens (the project's histogram diff plugged in as the
 * algorithm). Deltas of the two sides that overlap in base coordinates form a cluster; a cluster changed by one
 * side only takes that side's words, one both sides changed alike takes them once, and one they changed
 * differently is a {@link Conflict}: nothing is overwritten silently.
 *
 * <pre>
 *   TokenMerge.merge("a b c d", "a B c d", "a b c D")  → Merged("a B c D")
 *   TokenMerge.merge("a b c d", "a X c d", "a Y c d")  → Conflict([b→X], [b→Y])
 * </pre>
 *
 * Pure: no I/O.
 */
public final class TokenMerge {
  /** One side's change of base tokens {@code [start, end)}: the words removed and the words put there. */
  public record Op(int start, int end, String removed, String inserted) {}

  /** What a merge gave. */
  public sealed interface Outcome permits Merged, Conflict {}

  /** Both sides' changes in one text. */
  public record Merged(String text) implements Outcome {}

  /** The changes of each side that collide with the other's, as token ops on the base. */
  public record Conflict(List<Op> ours, List<Op> theirs) implements Outcome {}

  private TokenMerge() {}

  /** The tokens of a text, concatenating back to it exactly. */
  public static List<String> tokens(String text) {
    return Tokenizer.tokens(text);
  }

  /** The change from {@code base} to {@code changed} as a patch over tokens. */
  public static Patch<String> patch(List<String> base, List<String> changed) {
    return DiffUtils.diff(base, changed, HistogramAlgorithm.create());
  }

  /** The change from {@code base} to {@code changed} as ops (for problems, previews and redlines). */
  public static List<Op> ops(String base, String changed) {
    List<String> b = tokens(base);
    return patch(b, tokens(changed)).getDeltas().stream().map(d -> op(d)).toList();
  }

  public static Outcome merge(String base, String ours, String theirs) {
    if (ours.equals(theirs) || theirs.equals(base)) {
      return new Merged(ours);
    }
    if (ours.equals(base)) {
      return new Merged(theirs);
    }
    List<String> b = tokens(base);
    List<Edit> edits = new ArrayList<>();
    for (AbstractDelta<String> d : patch(b, tokens(ours)).getDeltas()) {
      edits.add(new Edit(true, d));
    }
    for (AbstractDelta<String> d : patch(b, tokens(theirs)).getDeltas()) {
      edits.add(new Edit(false, d));
    }
    edits.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
    StringBuilder out = new StringBuilder();
    List<Op> conflictOurs = new ArrayList<>();
    List<Op> conflictTheirs = new ArrayList<>();
    int at = 0;
    int i = 0;
    while (i < edits.size()) {
      // a cluster: edits overlapping one another, transitively
      List<Edit> cluster = new ArrayList<>();
      cluster.add(edits.get(i));
      int start = edits.get(i).start();
      int end = edits.get(i).end();
      int j = i + 1;
      while (j < edits.size() && overlaps(start, end, edits.get(j))) {
        cluster.add(edits.get(j));
        end = Math.max(end, edits.get(j).end());
        j++;
      }
      append(out, b, at, start);
      String oursText = render(b, start, end, cluster, true);
      String theirsText = render(b, start, end, cluster, false);
      boolean byOurs = cluster.stream().anyMatch(Edit::ours);
      boolean byTheirs = cluster.stream().anyMatch(e -> !e.ours());
      if (!byTheirs || oursText.equals(theirsText)) {
        out.append(oursText);
      } else if (!byOurs) {
        out.append(theirsText);
      } else {
        cluster.stream().filter(Edit::ours).forEach(e -> conflictOurs.add(op(e.delta())));
        cluster.stream().filter(e -> !e.ours()).forEach(e -> conflictTheirs.add(op(e.delta())));
      }
      at = end;
      i = j;
    }
    if (!conflictOurs.isEmpty()) {
      return new Conflict(List.copyOf(conflictOurs), List.copyOf(conflictTheirs));
    }
    append(out, b, at, b.size());
    return new Merged(out.toString());
  }

  private record Edit(boolean ours, AbstractDelta<String> delta) {
    int start() {
      return delta.getSource().getPosition();
    }

    int end() {
      return delta.getSource().getPosition() + delta.getSource().size();
    }
  }

  /**
   * Whether an edit collides with the cluster {@code [start, end)}: ranges that share a token, an insertion
   * strictly inside a changed range, or two insertions at the same place (their order would be a guess).
   */
  private static boolean overlaps(int start, int end, Edit e) {
    if (start == end && e.start() == e.end()) {
      return start == e.start();
    }
    if (start == end) {
      return e.start() < start && start < e.end();
    }
    if (e.start() == e.end()) {
      return start < e.start() && e.start() < end;
    }
    return e.start() < end && start < e.end();
  }

  /** Base tokens {@code [start, end)} with one side's edits of the cluster applied. */
  private static String render(List<String> base, int start, int end, List<Edit> cluster, boolean ours) {
    StringBuilder b = new StringBuilder();
    int at = start;
    for (Edit e : cluster) {
      if (e.ours() != ours) {
        continue;
      }
      append(b, base, at, e.start());
      e.delta().getTarget().getLines().forEach(b::append);
      at = e.end();
    }
    append(b, base, at, end);
    return b.toString();
  }

  private static void append(StringBuilder b, List<String> tokens, int from, int to) {
    for (int k = from; k < to; k++) {
      b.append(tokens.get(k));
    }
  }

  private static Op op(AbstractDelta<String> d) {
    return new Op(d.getSource().getPosition(), d.getSource().getPosition() + d.getSource().size(),
        String.join("", d.getSource().getLines()), String.join("", d.getTarget().getLines()));
  }
}
