package org.plenary.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.plenary.text.Normaliser;
import org.plenary.text.Tokenizer;

/**
 * What changed between two revisions, paragraph by paragraph, then word by word inside the paragraphs
 * that changed.
 *
 * <ol>
 *   <li>Paragraphs are paired by their stable id. Left-over paragraphs on both sides are paired by
 *       similar wording (an importer that did not keep an id should not turn an edit into delete + insert).
 *   <li>Moves: among the pairs in new order, the heaviest increasing run of old positions (weighted by
 *       text length, so a big block stays put and the small one is the one that moved) is in place; the
 *       other pairs moved.
 *   <li>Splits and merges: a left-over new paragraph whose words are mostly what a modified paragraph
 *       lost was split off it; a left-over old paragraph whose words are mostly what a modified paragraph
 *       gained was merged into it.
 *   <li>Renumbering is not a text change: "(ح)" becoming "(ط)" with the same text is {@code renumbered}.
 * </ol>
 *
 * <pre>
 *   RevisionDiff.Result r = RevisionDiff.compare(rev1Paragraphs, rev2Paragraphs, DiffOptions.EXACT);
 *   r.entries()  →  [UNCHANGED …, MODIFIED (ops), INSERTED, RENUMBERED (ح)→(ط), MOVED, DELETED, …]
 * </pre>
 */
public final class RevisionDiff {
  /** What happened to a paragraph. */
  public enum Change {
    UNCHANGED, MODIFIED, INSERTED, DELETED, MOVED, MOVED_MODIFIED, RENUMBERED, SPLIT, MERGED;

    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
      return code;
    }

    public boolean isTextChange() {
      return this != UNCHANGED && this != RENUMBERED && this != MOVED;
    }
  }

  /**
   * One paragraph entry, in the new revision's order (deleted ones where they stood).
   *
   * @param change what happened
   * @param fromIds the old paragraphs (one; several for a merge; none for an insertion)
   * @param toIds the new paragraphs (one; several for a split; none for a deletion)
   * @param fromNumber old display number of the (first) old paragraph
   * @param toNumber new display number of the (first) new paragraph
   * @param fromPosition index of the (first) old paragraph in the old revision, or -1
   * @param toPosition index of the (first) new paragraph in the new revision, or -1
   * @param fromText old text (paragraphs of a merge joined by a line break), or null for an insertion
   * @param toText new text (paragraphs of a split joined by a line break), or null for a deletion
   * @param ops the word diff from {@code fromText} to {@code toText}; empty when the text is identical
   * @param renumbered whether the display number changed ("(ح)" → "(ط)"), compared with the same options
   * @param wordsDeleted words (tokens with a letter or digit) the old side lost
   * @param wordsInserted words the new side gained
   */
  public record Entry(Change change, List<Long> fromIds, List<Long> toIds, String fromNumber, String toNumber,
      String kind, String direction, int fromPosition, int toPosition, String fromText, String toText,
      List<DiffOp> ops, boolean renumbered, int wordsDeleted, int wordsInserted) {
    public Entry {
      fromIds = List.copyOf(fromIds);
      toIds = List.copyOf(toIds);
      ops = List.copyOf(ops);
    }

    /** The paragraph's id: the new one, or the old one for a deletion. */
    public long id() {
      return toIds.isEmpty() ? fromIds.get(0) : toIds.get(0);
    }
  }

  /** The entries, and how many of each change there are. */
  public record Result(List<Entry> entries, Map<Change, Integer> counts, int wordsDeleted, int wordsInserted) {
    public Result {
      entries = List.copyOf(entries);
      counts = Map.copyOf(counts);
    }

    /** True when nothing changed: no entry other than unchanged. */
    public boolean identical() {
      return entries.stream().allMatch(e -> e.change() == Change.UNCHANGED);
    }
  }

  /** Share of a left-over paragraph's words that must be found on the other side to pair, split or merge. */
  static final double PAIR_SIMILARITY = 0.5;
  /** Changed units (both sides) from which the pairs' word diffs run in parallel: below, threads cost more. */
  static final long PARALLEL_UNITS = 20_000;
  static final double SPLIT_MERGE_COVERAGE = 0.6;

  private RevisionDiff() {}

  public static Result compare(List<ParagraphText> from, List<ParagraphText> to, DiffOptions options) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(options, "options");
    return new Comparison(from, to, options, null, null, PARALLEL_UNITS).run();
  }

  /**
   * {@link #compare(List, List, DiffOptions)} with the token boundaries of either side kept across diffs
   * ({@code null} for none): a published revision's paragraphs are cut into words once.
   */
  public static Result compare(List<ParagraphText> from, List<ParagraphText> to, DiffOptions options,
      TokenCache fromTokens, TokenCache toTokens) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(options, "options");
    return new Comparison(from, to, options, fromTokens, toTokens, PARALLEL_UNITS).run();
  }

  /** {@link #compare(List, List, DiffOptions)} with the pairs' word diffs in parallel from {@code parallelUnits} units on. */
  static Result compare(List<ParagraphText> from, List<ParagraphText> to, DiffOptions options, long parallelUnits) {
    return new Comparison(from, to, options, null, null, parallelUnits).run();
  }

  static int countWords(String text) {
    if (text == null) {
      return 0;
    }
    int n = 0;
    for (String t : Tokenizer.tokens(text)) {
      if (Tokenizer.isWord(t)) {
        n++;
      }
    }
    return n;
  }

  /** The state of one comparison. */
  private static final class Comparison {
    final List<ParagraphText> from;
    final List<ParagraphText> to;
    final DiffOptions options;
    final Normaliser normaliser;
    /**
     * Paragraphs cut into units, once and only when needed (a paragraph identical to its counterpart
     * never is), with one interner for the whole comparison.
     */
    final WordDiff.Units[] fromUnits;
    final WordDiff.Units[] toUnits;
    final Interner interned;
    /** For each old paragraph, the index of its new counterpart, or -1; and the reverse. */
    final int[] fromTo;
    final int[] toFrom;

    final TokenCache fromTokens;
    final TokenCache toTokens;
    final boolean ignoreSpace;
    final long parallelUnits;

    Comparison(List<ParagraphText> from, List<ParagraphText> to, DiffOptions options, TokenCache fromTokens,
        TokenCache toTokens, long parallelUnits) {
      this.parallelUnits = parallelUnits;
      this.fromTokens = fromTokens;
      this.toTokens = toTokens;
      this.ignoreSpace = options.ignoresWhitespace();
      this.from = from;
      this.to = to;
      this.options = options;
      this.normaliser = options.normaliser();
      long chars = 0;
      for (ParagraphText p : from) {
        chars += p.text().length();
      }
      for (ParagraphText p : to) {
        chars += p.text().length();
      }
      this.interned = new Interner((int) Math.min(1 << 22, chars / 8));
      this.fromUnits = new WordDiff.Units[from.size()];
      this.toUnits = new WordDiff.Units[to.size()];
      this.fromTo = new int[from.size()];
      this.toFrom = new int[to.size()];
      Arrays.fill(fromTo, -1);
      Arrays.fill(toFrom, -1);
    }

    /** Exact comparison of two cached revisions: their revision-local token ids, mapped into this comparison's. */
    private boolean localIds() {
      return fromTokens != null && toTokens != null && normaliser.ignored().isEmpty() && !ignoreSpace;
    }

    private int[] fromMap;
    private int[] toMap;

    private int[] map(TokenCache.LocalIds l) {
      int[] map = new int[l.keys.length];
      for (int k = 0; k < map.length; k++) {
        map[k] = interned.id(l.keys[k], 0, l.keys[k].length);
      }
      return map;
    }

    private static WordDiff.Units mapped(String text, int[] ends, TokenCache.LocalIds l, int i, int[] map) {
      int[] local = l.ids[i];
      int[] ids = new int[local.length];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = map[local[k]];
      }
      return WordDiff.Units.ofTokens(text, ends, ids, l.words[i]);
    }

    private WordDiff.Units fu(int i) {
      if (fromUnits[i] == null && localIds()) {
        TokenCache.LocalIds l = fromTokens.local();
        if (fromMap == null) {
          fromMap = map(l);
        }
        fromUnits[i] = mapped(from.get(i).text(), fromTokens.ends(i), l, i, fromMap);
      }
      if (fromUnits[i] == null) {
        String text = from.get(i).text();
        fromUnits[i] = WordDiff.Units.of(text, fromTokens == null ? Tokenizer.boundaries(text) : fromTokens.ends(i),
            normaliser, ignoreSpace, interned);
      }
      return fromUnits[i];
    }

    private WordDiff.Units tu(int j) {
      if (toUnits[j] == null && localIds()) {
        TokenCache.LocalIds l = toTokens.local();
        if (toMap == null) {
          toMap = map(l);
        }
        toUnits[j] = mapped(to.get(j).text(), toTokens.ends(j), l, j, toMap);
      }
      if (toUnits[j] == null) {
        String text = to.get(j).text();
        toUnits[j] = WordDiff.Units.of(text, toTokens == null ? Tokenizer.boundaries(text) : toTokens.ends(j),
            normaliser, ignoreSpace, interned);
      }
      return toUnits[j];
    }

    Result run() {
      pairByIds();
      pairBySimilarity();
      boolean[] moved = moves();
      // Word diffs of the pairs; splits and merges attach left-overs to modified pairs.
      WordDiff.Computed[] diffs = pairDiffs();
      List<List<Integer>> splitOff = new ArrayList<>(java.util.Collections.nCopies(to.size(), null));
      List<List<Integer>> mergedIn = new ArrayList<>(java.util.Collections.nCopies(to.size(), null));
      boolean[] absorbedTo = new boolean[to.size()];
      boolean[] absorbedFrom = new boolean[from.size()];
      attachSplitsAndMerges(diffs, splitOff, mergedIn, absorbedTo, absorbedFrom);

      List<Keyed> keyed = new ArrayList<>(to.size() + from.size() / 8);
      for (int j = 0; j < to.size(); j++) {
        if (absorbedTo[j]) {
          continue;
        }
        int i = toFrom[j];
        ParagraphText n = to.get(j);
        if (i < 0) {
          keyed.add(new Keyed(2L * j, 0, new Entry(Change.INSERTED, List.of(), List.of(n.id()), null, n.number(),
              n.kind(), n.direction(), -1, j, null, n.text(), List.of(), false, 0, tu(j).wordCount())));
          continue;
        }
        ParagraphText o = from.get(i);
        if (splitOff.get(j) != null) {
          keyed.add(new Keyed(2L * j, 0, split(i, j, splitOff.get(j))));
        } else if (mergedIn.get(j) != null) {
          keyed.add(new Keyed(2L * j, 0, merged(i, j, mergedIn.get(j))));
        } else {
          WordDiff.Computed d = diffs[j];
          boolean textChanged = d != null && !WordDiff.unchanged(d.ops());
          Change change = moved[j] ? (textChanged ? Change.MOVED_MODIFIED : Change.MOVED)
              : textChanged ? Change.MODIFIED : numberChanged(o, n) ? Change.RENUMBERED : Change.UNCHANGED;
          keyed.add(new Keyed(2L * j, 0, new Entry(change, List.of(o.id()), List.of(n.id()), o.number(), n.number(),
              n.kind(), n.direction(), i, j, o.text(), n.text(), d == null ? List.of() : d.ops(), numberChanged(o, n),
              d == null ? 0 : d.lostWords().length, d == null ? 0 : d.gainedWords().length)));
        }
      }
      for (int i = 0; i < from.size(); i++) {
        if (fromTo[i] >= 0 || absorbedFrom[i]) {
          continue;
        }
        ParagraphText o = from.get(i);
        keyed.add(new Keyed(anchorAfter(i), i, new Entry(Change.DELETED, List.of(o.id()), List.of(), o.number(),
            null, o.kind(), o.direction(), i, -1, o.text(), null, List.of(), false, fu(i).wordCount(), 0)));
      }
      keyed.sort((x, y) -> x.primary != y.primary ? Long.compare(x.primary, y.primary)
          : Integer.compare(x.secondary, y.secondary));
      List<Entry> entries = new ArrayList<>(keyed.size());
      Map<Change, Integer> counts = new EnumMap<>(Change.class);
      int del = 0;
      int ins = 0;
      for (Keyed k : keyed) {
        entries.add(k.entry);
        counts.merge(k.entry.change(), 1, Integer::sum);
        del += k.entry.wordsDeleted();
        ins += k.entry.wordsInserted();
      }
      return new Result(entries, counts, del, ins);
    }

    private record Keyed(long primary, int secondary, Entry entry) {}

    /** A deleted paragraph stands after the new place of the nearest old paragraph before it that survived. */
    private long anchorAfter(int i) {
      for (int k = i - 1; k >= 0; k--) {
        if (fromTo[k] >= 0) {
          return 2L * fromTo[k] + 1;
        }
      }
      return -1;
    }

    private boolean numberChanged(ParagraphText o, ParagraphText n) {
      if (Objects.equals(o.number(), n.number())) {
        return false;
      }
      if (o.number() == null || n.number() == null) {
        return true;
      }
      return !normaliser.key(o.number().strip()).equals(normaliser.key(n.number().strip()));
    }

    private void pairByIds() {
      Map<Long, Integer> byId = new HashMap<>(from.size() * 2);
      for (int i = 0; i < from.size(); i++) {
        byId.putIfAbsent(from.get(i).id(), i);
      }
      for (int j = 0; j < to.size(); j++) {
        Integer i = byId.get(to.get(j).id());
        if (i != null && fromTo[i] < 0) {
          fromTo[i] = j;
          toFrom[j] = i;
        }
      }
    }

    /**
     * Pairs left-over paragraphs by the Dice coefficient of their word sets (folded keys), best first.
     * An inverted index keeps this near-linear in the text size.
     */
    private void pairBySimilarity() {
      pairInPlace();
      List<Integer> leftFrom = new ArrayList<>();
      List<Integer> leftTo = new ArrayList<>();
      for (int i = 0; i < from.size(); i++) {
        if (fromTo[i] < 0 && fu(i).wordCount() > 0) {
          leftFrom.add(i);
        }
      }
      for (int j = 0; j < to.size(); j++) {
        if (toFrom[j] < 0 && tu(j).wordCount() > 0) {
          leftTo.add(j);
        }
      }
      if (leftFrom.isEmpty() || leftTo.isEmpty()) {
        return;
      }
      int[] stamp = new int[interned.size()];
      int[][] fromSets = new int[leftFrom.size()][];
      int[] postingSizes = new int[interned.size()];
      for (int x = 0; x < leftFrom.size(); x++) {
        fromSets[x] = wordSet(fu(leftFrom.get(x)), stamp, x + 1);
        for (int w : fromSets[x]) {
          postingSizes[w]++;
        }
      }
      int[][] postings = new int[interned.size()][];
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
        int[] set = wordSet(tu(leftTo.get(y)), stamp, leftFrom.size() + 1 + y);
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
          double dice = 2.0 * shared[x] / (fromSets[x].length + set.length);
          shared[x] = 0;
          if (dice >= PAIR_SIMILARITY) {
            candidates.add(new long[] {Math.round(dice * 1000), x, y});
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
          fromTo[i] = j;
          toFrom[j] = i;
        }
      }
    }

    /**
     * The common case first, in linear time: left-over paragraphs between the same two paired
     * paragraphs on both sides are paired in order (looking up to two paragraphs ahead) when similar.
     */
    private void pairInPlace() {
      // Units of every left-over paragraph first: the stamps below are sized by the interner.
      for (int x = 0; x < from.size(); x++) {
        if (fromTo[x] < 0) {
          fu(x);
        }
      }
      for (int y = 0; y < to.size(); y++) {
        if (toFrom[y] < 0) {
          tu(y);
        }
      }
      int[] stampA = new int[interned.size()];
      int[] stampB = new int[interned.size()];
      int mark = 0;
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
          if (toFrom[y] >= 0) {
            continue;
          }
          for (int x = p; x < Math.min(ai, p + 3); x++) {
            if (fromTo[x] < 0 && dice(fu(x), tu(y), stampA, stampB, ++mark) >= PAIR_SIMILARITY) {
              fromTo[x] = y;
              toFrom[y] = x;
              p = x + 1;
              break;
            }
          }
        }
        i = ai + 1;
        j = aj + 1;
      }
    }

    /** Dice coefficient of two paragraphs' word sets; the stamps mark ids seen in this call. */
    private double dice(WordDiff.Units a, WordDiff.Units b, int[] stampA, int[] stampB, int mark) {
      int na = 0;
      for (int k = 0; k < a.size(); k++) {
        int id = a.ids[k];
        if (a.word[k] && stampA[id] != mark) {
          stampA[id] = mark;
          na++;
        }
      }
      int nb = 0;
      int shared = 0;
      for (int k = 0; k < b.size(); k++) {
        int id = b.ids[k];
        if (b.word[k] && stampB[id] != mark) {
          stampB[id] = mark;
          nb++;
          shared += stampA[id] == mark ? 1 : 0;
        }
      }
      return na + nb == 0 ? 0 : 2.0 * shared / (na + nb);
    }

    /** The distinct word ids of a paragraph; {@code stamp} marks ids seen with a mark unique to this call. */
    private static int[] wordSet(WordDiff.Units u, int[] stamp, int mark) {
      int[] out = new int[u.size()];
      int n = 0;
      for (int i = 0; i < u.size(); i++) {
        int id = u.ids[i];
        if (u.word[i] && stamp[id] != mark) {
          stamp[id] = mark;
          out[n++] = id;
        }
      }
      return Arrays.copyOf(out, n);
    }

    /**
     * Marks moved pairs (indexed by new position): those outside the heaviest increasing subsequence of
     * old positions, weights = text length. O(n log n) with a Fenwick tree of running maxima.
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
        // Best chain ending at an old position < i.
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
     * The word diff of every changed pair. The units are cut first, in this thread (the interner is not
     * shared across threads); the diffs themselves only read them, so a long draft's pairs run in
     * parallel, each into its own slot: the result does not depend on the order they finish in.
     */
    private WordDiff.Computed[] pairDiffs() {
      WordDiff.Computed[] diffs = new WordDiff.Computed[to.size()];
      int[] changed = new int[to.size()];
      int n = 0;
      long units = 0;
      for (int j = 0; j < to.size(); j++) {
        int i = toFrom[j];
        if (i >= 0 && !from.get(i).text().equals(to.get(j).text())) {
          units += fu(i).size() + tu(j).size();
          changed[n++] = j;
        }
      }
      java.util.stream.IntStream pairs = Arrays.stream(changed, 0, n);
      if (units >= parallelUnits && n > 1) {
        pairs = pairs.parallel();
      }
      pairs.forEach(j -> diffs[j] = WordDiff.compute(fromUnits[toFrom[j]], toUnits[j], options));
      return diffs;
    }

    private void attachSplitsAndMerges(WordDiff.Computed[] diffs, List<List<Integer>> splitOff,
        List<List<Integer>> mergedIn, boolean[] absorbedTo, boolean[] absorbedFrom) {
      List<Integer> modified = new ArrayList<>();
      for (int j = 0; j < to.size(); j++) {
        if (diffs[j] != null && (diffs[j].lostWords().length > 0 || diffs[j].gainedWords().length > 0)) {
          modified.add(j);
        }
      }
      if (modified.isEmpty()) {
        return;
      }
      Map<Integer, Map<Integer, Integer>> lost = new HashMap<>();
      Map<Integer, Map<Integer, Integer>> gained = new HashMap<>();
      for (int j : modified) {
        lost.put(j, bag(diffs[j].lostWords()));
        gained.put(j, bag(diffs[j].gainedWords()));
      }
      for (int y = 0; y < to.size(); y++) {
        if (toFrom[y] >= 0) {
          continue;
        }
        int host = bestCover(wordIds(tu(y)), modified, lost, mergedIn);
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
        int host = bestCover(wordIds(fu(x)), modified, gained, splitOff);
        if (host >= 0) {
          if (mergedIn.get(host) == null) {
            mergedIn.set(host, new ArrayList<>());
          }
          mergedIn.get(host).add(x);
          absorbedFrom[x] = true;
        }
      }
    }

    private static int[] wordIds(WordDiff.Units u) {
      int[] out = new int[u.size()];
      int n = 0;
      for (int i = 0; i < u.size(); i++) {
        if (u.word[i]) {
          out[n++] = u.ids[i];
        }
      }
      return Arrays.copyOf(out, n);
    }

    private static Map<Integer, Integer> bag(int[] ids) {
      Map<Integer, Integer> bag = new HashMap<>();
      for (int id : ids) {
        bag.merge(id, 1, Integer::sum);
      }
      return bag;
    }

    /** The modified pair whose lost (or gained) words cover most of {@code needed}, if enough; else -1. */
    private static int bestCover(int[] needed, List<Integer> modified, Map<Integer, Map<Integer, Integer>> pool,
        List<List<Integer>> excluded) {
      if (needed.length == 0) {
        return -1;
      }
      int best = -1;
      double bestShare = SPLIT_MERGE_COVERAGE;
      for (int j : modified) {
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

    private Entry split(int i, int j, List<Integer> others) {
      List<Integer> parts = new ArrayList<>(others);
      parts.add(j);
      parts.sort(Integer::compare);
      ParagraphText o = from.get(i);
      ParagraphText n = to.get(j);
      List<Long> ids = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (int p : parts) {
        ids.add(to.get(p).id());
        text.append(text.length() == 0 ? "" : "\n").append(to.get(p).text());
      }
      String joined = text.toString();
      ParagraphText first = to.get(parts.get(0));
      TextDiff d = TextDiff.compare(o.text(), joined, options);
      return new Entry(Change.SPLIT, List.of(o.id()), ids, o.number(), first.number(), n.kind(), n.direction(), i,
          parts.get(0), o.text(), joined, d.ops(), numberChanged(o, first), d.wordsDeleted(), d.wordsInserted());
    }

    private Entry merged(int i, int j, List<Integer> others) {
      List<Integer> parts = new ArrayList<>(others);
      parts.add(i);
      parts.sort(Integer::compare);
      ParagraphText n = to.get(j);
      List<Long> ids = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (int p : parts) {
        ids.add(from.get(p).id());
        text.append(text.length() == 0 ? "" : "\n").append(from.get(p).text());
      }
      String joined = text.toString();
      ParagraphText first = from.get(parts.get(0));
      TextDiff d = TextDiff.compare(joined, n.text(), options);
      return new Entry(Change.MERGED, ids, List.of(n.id()), first.number(), n.number(), n.kind(), n.direction(),
          parts.get(0), j, joined, n.text(), d.ops(), numberChanged(first, n), d.wordsDeleted(), d.wordsInserted());
    }
  }
}
