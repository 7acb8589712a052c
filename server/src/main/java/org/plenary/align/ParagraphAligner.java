package org.plenary.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.plenary.text.Folding;
import org.plenary.text.Tokenizer;

/**
 * The one paragraph aligner: which paragraph of a new text continues which paragraph of the old one. The
 * import uses it to keep paragraph ids across revisions, the revision diff to pair what it compares, and
 * the merge to tell what became of a proposal's paragraph.
 *
 * <ol>
 *   <li><b>By id</b>: paragraphs with the same stable id are the same paragraph.
 *   <li><b>In place</b>: left-over paragraphs between the same two paired paragraphs on both sides are paired
 *       in order (looking up to two paragraphs ahead) when similar: the common case, in linear time.
 *   <li><b>By similarity</b>: the remaining left-overs are paired best first (ties: the nearer position).
 *       Similarity is the Dice coefficient of the two sets of word keys, times a small penalty when a heading
 *       faces a paragraph; pairs from {@value #THRESHOLD} up count. Paragraphs without words (a dash, a
 *       bracket) pair only with the same text.
 *   <li><b>Moves</b>: among the pairs in new order, the heaviest increasing run of old positions (weighted by
 *       text length, so a big block stays put and the small one is the one that moved) is in place.
 *   <li><b>Splits and merges</b>: a left-over new paragraph whose words are mostly ({@value #COVERAGE}) words
 *       an edited pair lost was split off it; a left-over old paragraph whose words are mostly words an edited
 *       pair gained was merged into it.
 * </ol>
 *
 * <p>Words are compared as keys the caller chooses ({@link Words}); {@link #align(List, List)} folds them as
 * the import does (diacritics, tatweel, alef variants, Arabic-Indic digits, case; punctuation ignored). Pure:
 * values in, records out.
 *
 * <pre>
 *   Alignment a = ParagraphAligner.align(oldParagraphs, newParagraphs);
 *   a.links()  →  [Link[UNCHANGED, from=[0], to=[0], 1.0], Link[SPLIT, from=[1], to=[1, 2], 0.71], Link[INSERTED, from=[], to=[3]], …]
 *   a.ofNew(2) →  the SPLIT link; a.ofOld(4) → Link[DELETED, from=[4], to=[]]
 * </pre>
 */
public final class ParagraphAligner {
  /** Least similarity for two paragraphs to be the same one edited. */
  public static final double THRESHOLD = 0.5;
  /** Share of a left-over paragraph's words an edited pair must have lost (or gained) to be split (merged). */
  public static final double COVERAGE = 0.6;

  /** A paragraph to align: its stable id (null when it has none yet, as in a file being imported), kind, text. */
  public record Paragraph(Long id, String kind, String text) {
    public Paragraph {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * What became of a paragraph. {@code MOVED} is a pair outside the in-place run (its text may have changed
   * too: {@link Link#edited()}); {@code SPLIT} is one old paragraph continued by several new ones,
   * {@code MERGED} several old ones continued by one new one.
   */
  public enum Kind {
    UNCHANGED, MODIFIED, MOVED, SPLIT, MERGED, INSERTED, DELETED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One record of the alignment.
   *
   * @param kind what happened
   * @param from old positions, in order (one; several for a merge; none for an insertion)
   * @param to new positions, in order (one; several for a split; none for a deletion); the first of a split
   *     (or the one paragraph of a merge) is the one that carries the old paragraph on
   * @param edited whether the text differs (exactly, not after folding); false for insertions and deletions
   * @param similarity Dice similarity of the paired texts' word keys (for a split or merge: of the pair the
   *     others were attached to), 1 for identical texts, 0 for an insertion or a deletion
   */
  public record Link(Kind kind, List<Integer> from, List<Integer> to, boolean edited, double similarity) {
    public Link {
      from = List.copyOf(from);
      to = List.copyOf(to);
    }
  }

  /** All links: those with new paragraphs in new order, then the deleted ones in old order. */
  public record Alignment(List<Link> links, int fromSize, int toSize) {
    public Alignment {
      links = List.copyOf(links);
    }

    /** The link a new paragraph is part of. */
    public Link ofNew(int index) {
      for (Link l : links) {
        if (l.to().contains(index)) {
          return l;
        }
      }
      throw new IndexOutOfBoundsException(index);
    }

    /** The link an old paragraph is part of. */
    public Link ofOld(int index) {
      for (Link l : links) {
        if (l.from().contains(index)) {
          return l;
        }
      }
      throw new IndexOutOfBoundsException(index);
    }

    /** For each new paragraph, its link (one array lookup instead of a search). */
    public Link[] byNew() {
      Link[] out = new Link[toSize];
      for (Link l : links) {
        for (int j : l.to()) {
          out[j] = l;
        }
      }
      return out;
    }

    /** For each old paragraph, its link. */
    public Link[] byOld() {
      Link[] out = new Link[fromSize];
      for (Link l : links) {
        for (int i : l.from()) {
          out[i] = l;
        }
      }
      return out;
    }
  }

  /**
   * The comparison keys of a paragraph's words as non-negative ids (equal keys, equal ids across both sides),
   * in text order; tokens without a letter or digit left out. Asked at most once per paragraph, and only for
   * paragraphs the ids did not pair or whose text changed.
   */
  @FunctionalInterface
  public interface Words {
    int[] of(boolean newSide, int index);
  }

  private ParagraphAligner() {}

  /** Aligns with words folded as the import folds them. */
  public static Alignment align(List<Paragraph> from, List<Paragraph> to) {
    return align(from, to, folded(from, to));
  }

  public static Alignment align(List<Paragraph> from, List<Paragraph> to, Words words) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(words, "words");
    return new Run(from, to, words).run();
  }

  /** Word keys folded for comparison ({@link Folding}), one dictionary for both sides. */
  public static Words folded(List<Paragraph> from, List<Paragraph> to) {
    Map<String, Integer> dictionary = new HashMap<>();
    return (newSide, index) -> {
      List<String> tokens = Tokenizer.tokens((newSide ? to : from).get(index).text());
      int[] ids = new int[tokens.size()];
      int n = 0;
      for (String t : tokens) {
        if (Tokenizer.isWord(t)) {
          ids[n++] = dictionary.computeIfAbsent(Folding.fold(t), k -> dictionary.size());
        }
      }
      return Arrays.copyOf(ids, n);
    };
  }

  /** The state of one alignment. */
  private static final class Run {
    final List<Paragraph> from;
    final List<Paragraph> to;
    final Words words;
    final int[][] fromWords;
    final int[][] toWords;
    /** For each old paragraph, the index of its new counterpart, or -1; and the reverse. */
    final int[] fromTo;
    final int[] toFrom;
    final double[] similarity;
    int[] stampA = new int[0];
    int[] stampB = new int[0];
    int mark;

    Run(List<Paragraph> from, List<Paragraph> to, Words words) {
      this.from = from;
      this.to = to;
      this.words = words;
      this.fromWords = new int[from.size()][];
      this.toWords = new int[to.size()][];
      this.fromTo = new int[from.size()];
      this.toFrom = new int[to.size()];
      this.similarity = new double[to.size()];
      Arrays.fill(fromTo, -1);
      Arrays.fill(toFrom, -1);
    }

    int[] fw(int i) {
      if (fromWords[i] == null) {
        fromWords[i] = grow(words.of(false, i));
      }
      return fromWords[i];
    }

    int[] tw(int j) {
      if (toWords[j] == null) {
        toWords[j] = grow(words.of(true, j));
      }
      return toWords[j];
    }

    /** Keeps the stamp arrays as large as the largest word id seen. */
    private int[] grow(int[] ids) {
      int max = -1;
      for (int id : ids) {
        max = Math.max(max, id);
      }
      if (max >= stampA.length) {
        int size = Math.max(max + 1, stampA.length * 2);
        stampA = Arrays.copyOf(stampA, size);
        stampB = Arrays.copyOf(stampB, size);
      }
      return ids;
    }

    Alignment run() {
      pairByIds();
      pairInPlace();
      pairBySimilarity();
      pairEmpty();
      boolean[] moved = moves();
      List<List<Integer>> splitOff = new ArrayList<>(java.util.Collections.nCopies(to.size(), null));
      List<List<Integer>> mergedIn = new ArrayList<>(java.util.Collections.nCopies(to.size(), null));
      boolean[] absorbedTo = new boolean[to.size()];
      boolean[] absorbedFrom = new boolean[from.size()];
      attachSplitsAndMerges(splitOff, mergedIn, absorbedTo, absorbedFrom);

      List<Link> links = new ArrayList<>(to.size() + from.size() / 8);
      for (int j = 0; j < to.size(); j++) {
        if (absorbedTo[j]) {
          continue;
        }
        int i = toFrom[j];
        if (i < 0) {
          links.add(new Link(Kind.INSERTED, List.of(), List.of(j), false, 0));
          continue;
        }
        boolean edited = !from.get(i).text().equals(to.get(j).text());
        if (splitOff.get(j) != null) {
          links.add(new Link(Kind.SPLIT, List.of(i), sorted(j, splitOff.get(j)), true, similarity[j]));
        } else if (mergedIn.get(j) != null) {
          links.add(new Link(Kind.MERGED, sorted(i, mergedIn.get(j)), List.of(j), true, similarity[j]));
        } else {
          Kind kind = moved[j] ? Kind.MOVED : edited ? Kind.MODIFIED : Kind.UNCHANGED;
          links.add(new Link(kind, List.of(i), List.of(j), edited, similarity[j]));
        }
      }
      for (int i = 0; i < from.size(); i++) {
        if (fromTo[i] < 0 && !absorbedFrom[i]) {
          links.add(new Link(Kind.DELETED, List.of(i), List.of(), false, 0));
        }
      }
      return new Alignment(links, from.size(), to.size());
    }

    private static List<Integer> sorted(int first, List<Integer> others) {
      List<Integer> out = new ArrayList<>(others);
      out.add(first);
      out.sort(Integer::compare);
      return out;
    }

    private void pair(int i, int j, double score) {
      fromTo[i] = j;
      toFrom[j] = i;
      similarity[j] = score;
    }

    private void pairByIds() {
      Map<Long, Integer> byId = new HashMap<>(from.size() * 2);
      for (int i = 0; i < from.size(); i++) {
        Long id = from.get(i).id();
        if (id != null) {
          byId.putIfAbsent(id, i);
        }
      }
      if (byId.isEmpty()) {
        return;
      }
      for (int j = 0; j < to.size(); j++) {
        Long id = to.get(j).id();
        Integer i = id == null ? null : byId.get(id);
        if (i != null && fromTo[i] < 0) {
          boolean same = from.get(i).text().equals(to.get(j).text());
          pair(i, j, same ? 1 : -1);
        }
      }
    }

    /**
     * Left-over paragraphs between the same two paired paragraphs on both sides are paired in order (looking
     * up to two paragraphs ahead) when similar.
     */
    private void pairInPlace() {
      int i = 0;
      int j = 0;
      while (i < from.size() || j < to.size()) {
        // The next anchor: a pair whose old side lies ahead of i, at or after j.
        int ai = from.size();
        int aj = to.size();
        for (int k = j; k < to.size(); k++) {
          if (toFrom[k] >= i) {
            ai = toFrom[k];
            aj = k;
            break;
          }
        }
        int p = i;
        for (int y = j; y < aj; y++) {
          if (toFrom[y] >= 0 || tw(y).length == 0) {
            continue;
          }
          // The best of the next three old paragraphs, if no one of the next new ones fits it better.
          int best = -1;
          double bestScore = THRESHOLD;
          for (int x = p; x < Math.min(ai, p + 3); x++) {
            if (fromTo[x] < 0 && fw(x).length > 0) {
              double s = score(x, y);
              if (s >= bestScore && (best < 0 || s > bestScore)) {
                best = x;
                bestScore = s;
              }
            }
          }
          if (best < 0 || betterLater(best, y, aj, bestScore)) {
            continue;
          }
          pair(best, y, bestScore);
          p = best + 1;
        }
        i = ai + 1;
        j = aj + 1;
      }
    }

    /** Whether one of the two new left-overs after {@code y} (before {@code end}) is more like old {@code x}. */
    private boolean betterLater(int x, int y, int end, double score) {
      for (int z = y + 1; z < Math.min(end, y + 3); z++) {
        if (toFrom[z] < 0 && tw(z).length > 0 && score(x, z) > score) {
          return true;
        }
      }
      return false;
    }

    /** Dice coefficient of two paragraphs' word sets, times the kind penalty. */
    private double score(int x, int y) {
      return dice(fw(x), tw(y)) * kindFactor(from.get(x).kind(), to.get(y).kind());
    }

    private double dice(int[] a, int[] b) {
      int m = ++mark;
      int na = 0;
      for (int id : a) {
        if (stampA[id] != m) {
          stampA[id] = m;
          na++;
        }
      }
      int nb = 0;
      int shared = 0;
      for (int id : b) {
        if (stampB[id] != m) {
          stampB[id] = m;
          nb++;
          shared += stampA[id] == m ? 1 : 0;
        }
      }
      return na + nb == 0 ? 0 : 2.0 * shared / (na + nb);
    }

    /** A heading that became a paragraph (or the reverse) is less likely the same paragraph. */
    private static double kindFactor(String a, String b) {
      if (a == null || b == null || a.equals(b)) {
        return 1;
      }
      return isHeading(a) == isHeading(b) ? 0.98 : 0.85;
    }

    private static boolean isHeading(String kind) {
      return kind.equals("heading") || kind.equals("section") || kind.equals("title");
    }

    /**
     * Pairs left-over paragraphs by similarity, best first. An inverted index of the old left-overs' words
     * keeps this near-linear in the text size.
     */
    private void pairBySimilarity() {
      List<Integer> leftFrom = new ArrayList<>();
      List<Integer> leftTo = new ArrayList<>();
      for (int i = 0; i < from.size(); i++) {
        if (fromTo[i] < 0 && fw(i).length > 0) {
          leftFrom.add(i);
        }
      }
      for (int j = 0; j < to.size(); j++) {
        if (toFrom[j] < 0 && tw(j).length > 0) {
          leftTo.add(j);
        }
      }
      if (leftFrom.isEmpty() || leftTo.isEmpty()) {
        return;
      }
      int vocabulary = stampA.length;
      int[][] fromSets = new int[leftFrom.size()][];
      int[] postingSizes = new int[vocabulary];
      for (int x = 0; x < leftFrom.size(); x++) {
        fromSets[x] = wordSet(fw(leftFrom.get(x)));
        for (int w : fromSets[x]) {
          postingSizes[w]++;
        }
      }
      int[][] postings = new int[vocabulary][];
      for (int x = 0; x < leftFrom.size(); x++) {
        for (int w : fromSets[x]) {
          int[] p = postings[w];
          if (p == null) {
            p = postings[w] = new int[postingSizes[w] + 1];
          }
          p[++p[0]] = x;
        }
      }
      List<long[]> candidates = new ArrayList<>();
      int[] shared = new int[leftFrom.size()];
      int[] touched = new int[leftFrom.size()];
      for (int y = 0; y < leftTo.size(); y++) {
        int j = leftTo.get(y);
        int[] set = wordSet(tw(j));
        int touchedCount = 0;
        for (int w : set) {
          int[] p = postings[w];
          if (p != null) {
            for (int k = 1; k <= p[0]; k++) {
              if (shared[p[k]]++ == 0) {
                touched[touchedCount++] = p[k];
              }
            }
          }
        }
        for (int t = 0; t < touchedCount; t++) {
          int x = touched[t];
          double s = 2.0 * shared[x] / (fromSets[x].length + set.length)
              * kindFactor(from.get(leftFrom.get(x)).kind(), to.get(j).kind());
          shared[x] = 0;
          if (s >= THRESHOLD) {
            candidates.add(new long[] {Math.round(s * 1000), x, y, Double.doubleToLongBits(s)});
          }
        }
      }
      // Best similarity first, then the nearest positions.
      candidates.sort((p, q) -> p[0] != q[0] ? Long.compare(q[0], p[0])
          : Long.compare(Math.abs(leftFrom.get((int) p[1]) - leftTo.get((int) p[2])),
              Math.abs(leftFrom.get((int) q[1]) - leftTo.get((int) q[2]))));
      for (long[] c : candidates) {
        int i = leftFrom.get((int) c[1]);
        int j = leftTo.get((int) c[2]);
        if (fromTo[i] < 0 && toFrom[j] < 0) {
          pair(i, j, Double.longBitsToDouble(c[3]));
        }
      }
    }

    /** Left-overs without words ("…", "—") pair with the same text, in order. */
    private void pairEmpty() {
      Map<String, List<Integer>> byText = new HashMap<>();
      for (int i = 0; i < from.size(); i++) {
        if (fromTo[i] < 0 && fw(i).length == 0) {
          byText.computeIfAbsent(from.get(i).text().strip(), k -> new ArrayList<>()).add(i);
        }
      }
      if (byText.isEmpty()) {
        return;
      }
      for (int j = 0; j < to.size(); j++) {
        if (toFrom[j] < 0 && tw(j).length == 0) {
          List<Integer> same = byText.get(to.get(j).text().strip());
          if (same != null && !same.isEmpty()) {
            pair(same.remove(0), j, 1);
          }
        }
      }
    }

    /** The distinct ids of a word list. */
    private int[] wordSet(int[] ids) {
      int m = ++mark;
      int[] out = new int[ids.length];
      int n = 0;
      for (int id : ids) {
        if (stampA[id] != m) {
          stampA[id] = m;
          out[n++] = id;
        }
      }
      return Arrays.copyOf(out, n);
    }

    /**
     * Marks moved pairs (indexed by new position): those outside the heaviest increasing subsequence of old
     * positions, weights = text length. O(n log n) with a Fenwick tree of running maxima.
     */
    private boolean[] moves() {
      int n = from.size();
      long[] tree = new long[n + 1];
      int[] treeArg = new int[n + 1];
      int[] prev = new int[to.size()];
      long[] best = new long[to.size()];
      Arrays.fill(treeArg, -1);
      long top = -1;
      int topArg = -1;
      for (int j = 0; j < to.size(); j++) {
        int i = toFrom[j];
        if (i < 0) {
          continue;
        }
        long bestBefore = 0;
        int argBefore = -1;
        for (int k = i; k > 0; k -= k & -k) {
          if (tree[k] > bestBefore) {
            bestBefore = tree[k];
            argBefore = treeArg[k];
          }
        }
        long w = 1 + to.get(j).text().length() + from.get(i).text().length();
        best[j] = bestBefore + w;
        prev[j] = argBefore;
        for (int k = i + 1; k <= n; k += k & -k) {
          if (best[j] > tree[k]) {
            tree[k] = best[j];
            treeArg[k] = j;
          }
        }
        if (best[j] > top) {
          top = best[j];
          topArg = j;
        }
      }
      boolean[] moved = new boolean[to.size()];
      for (int j = 0; j < to.size(); j++) {
        moved[j] = toFrom[j] >= 0;
      }
      for (int j = topArg; j >= 0; j = prev[j]) {
        moved[j] = false;
      }
      return moved;
    }

    /**
     * Attaches left-over new paragraphs to the edited pair whose lost words they are (splits), then left-over
     * old paragraphs to the edited pair whose gained words they are (merges). Also fills in the similarity of
     * pairs made by id.
     */
    private void attachSplitsAndMerges(List<List<Integer>> splitOff, List<List<Integer>> mergedIn,
        boolean[] absorbedTo, boolean[] absorbedFrom) {
      boolean leftOver = false;
      for (int j = 0; j < to.size() && !leftOver; j++) {
        leftOver = toFrom[j] < 0;
      }
      for (int i = 0; i < from.size() && !leftOver; i++) {
        leftOver = fromTo[i] < 0;
      }
      List<Integer> edited = new ArrayList<>();
      Map<Integer, Map<Integer, Integer>> lost = new HashMap<>();
      Map<Integer, Map<Integer, Integer>> gained = new HashMap<>();
      for (int j = 0; j < to.size(); j++) {
        int i = toFrom[j];
        if (i < 0 || from.get(i).text().equals(to.get(j).text())) {
          continue;
        }
        if (similarity[j] < 0) {
          similarity[j] = fw(i).length + tw(j).length == 0 ? 1 : dice(fw(i), tw(j));
        }
        if (!leftOver) {
          continue;
        }
        int[][] lostGained = difference(fw(i), tw(j));
        Map<Integer, Integer> l = bag(lostGained[0]);
        Map<Integer, Integer> g = bag(lostGained[1]);
        if (!l.isEmpty() || !g.isEmpty()) {
          edited.add(j);
          lost.put(j, l);
          gained.put(j, g);
        }
      }
      if (edited.isEmpty()) {
        return;
      }
      for (int y = 0; y < to.size(); y++) {
        if (toFrom[y] >= 0) {
          continue;
        }
        int host = bestCover(tw(y), edited, lost, mergedIn);
        if (host >= 0) {
          if (splitOff.get(host) == null) {
            splitOff.set(host, new ArrayList<>());
          }
          splitOff.get(host).add(y);
          absorbedTo[y] = true;
        }
      }
      for (int x = 0; x < from.size(); x++) {
        if (fromTo[x] >= 0) {
          continue;
        }
        int host = bestCover(fw(x), edited, gained, splitOff);
        if (host >= 0) {
          if (mergedIn.get(host) == null) {
            mergedIn.set(host, new ArrayList<>());
          }
          mergedIn.get(host).add(x);
          absorbedFrom[x] = true;
        }
      }
    }

    private static Map<Integer, Integer> bag(int[] ids) {
      Map<Integer, Integer> bag = new HashMap<>();
      for (int id : ids) {
        bag.merge(id, 1, Integer::sum);
      }
      return bag;
    }

    /** The words {@code before} has and {@code after} lacks (lost), and the reverse (gained), as many times as they differ. */
    private static int[][] difference(int[] before, int[] after) {
      int[] a = before.clone();
      int[] b = after.clone();
      Arrays.sort(a);
      Arrays.sort(b);
      int[] lost = new int[a.length];
      int[] gained = new int[b.length];
      int nl = 0;
      int ng = 0;
      int x = 0;
      int y = 0;
      while (x < a.length || y < b.length) {
        if (y == b.length || x < a.length && a[x] < b[y]) {
          lost[nl++] = a[x++];
        } else if (x == a.length || b[y] < a[x]) {
          gained[ng++] = b[y++];
        } else {
          x++;
          y++;
        }
      }
      return new int[][] {Arrays.copyOf(lost, nl), Arrays.copyOf(gained, ng)};
    }

    /** The edited pair whose lost (or gained) words cover most of {@code needed}, if enough; else -1. */
    private static int bestCover(int[] needed, List<Integer> edited, Map<Integer, Map<Integer, Integer>> pool,
        List<List<Integer>> excluded) {
      if (needed.length == 0) {
        return -1;
      }
      int best = -1;
      double bestShare = COVERAGE;
      for (int j : edited) {
        Map<Integer, Integer> bag = pool.get(j);
        if (excluded.get(j) != null || bag.isEmpty()) {
          continue;
        }
        Map<Integer, Integer> used = new HashMap<>();
        int found = 0;
        for (int w : needed) {
          int have = bag.getOrDefault(w, 0);
          int taken = used.getOrDefault(w, 0);
          if (taken < have) {
            used.put(w, taken + 1);
            found++;
          }
        }
        double share = (double) found / needed.length;
        if (share >= bestShare) {
          best = j;
          bestShare = share;
        }
      }
      if (best >= 0) {
        // Consume the words, so two left-overs do not both claim the same lost text.
        Map<Integer, Integer> p = pool.get(best);
        for (int w : needed) {
          p.computeIfPresent(w, (k, c) -> c > 1 ? c - 1 : null);
        }
      }
      return best;
    }
  }
}
