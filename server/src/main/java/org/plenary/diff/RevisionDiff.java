package org.plenary.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.plenary.align.ParagraphAligner;
import org.plenary.text.Normaliser;
import org.plenary.text.Tokenizer;

/**
 * What changed between two revisions, paragraph by paragraph, then word by word inside the paragraphs
 * that changed.
 *
 * <ol>
 *   <li>Paragraphs are paired, moves, splits and merges found by the one {@link ParagraphAligner} (by id,
 *       in place, by similar wording, then moves, splits and merges), on this comparison's word keys, so
 *       that ignoring diacritics or digits also pairs paragraphs that differ only in them.
 *   <li>Each pair's words are diffed; a pair whose only differences are ignored ones is unchanged.
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

  /** Changed units (both sides) from which the pairs' word diffs run in parallel: below, threads cost more. */
  static final long PARALLEL_UNITS = 20_000;

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
      // Pairs, moves, splits and merges come from the one aligner, on this comparison's word keys.
      ParagraphAligner.Alignment alignment = ParagraphAligner.align(view(from), view(to),
          (newSide, k) -> wordIds(newSide ? tu(k) : fu(k)));
      for (ParagraphAligner.Link l : alignment.links()) {
        if (l.from().isEmpty() || l.to().isEmpty()) {
          continue;
        }
        for (int i : l.from()) {
          fromTo[i] = l.to().get(0);
        }
        if (l.from().size() == 1 && l.to().size() == 1) {
          toFrom[l.to().get(0)] = l.from().get(0);
        }
      }
      WordDiff.Computed[] diffs = pairDiffs();

      List<Keyed> keyed = new ArrayList<>(to.size() + from.size() / 8);
      for (ParagraphAligner.Link l : alignment.links()) {
        switch (l.kind()) {
          case INSERTED -> {
            int j = l.to().get(0);
            ParagraphText n = to.get(j);
            keyed.add(new Keyed(2L * j, 0, new Entry(Change.INSERTED, List.of(), List.of(n.id()), null, n.number(),
                n.kind(), n.direction(), -1, j, null, n.text(), List.of(), false, 0, tu(j).wordCount())));
          }
          case DELETED -> {
            int i = l.from().get(0);
            ParagraphText o = from.get(i);
            keyed.add(new Keyed(anchorAfter(i), i, new Entry(Change.DELETED, List.of(o.id()), List.of(), o.number(),
                null, o.kind(), o.direction(), i, -1, o.text(), null, List.of(), false, fu(i).wordCount(), 0)));
          }
          case SPLIT -> keyed.add(new Keyed(2L * l.to().get(0), 0, split(l.from().get(0), l.to())));
          case MERGED -> keyed.add(new Keyed(2L * l.to().get(0), 0, merged(l.from(), l.to().get(0))));
          case UNCHANGED, MODIFIED, MOVED -> {
            int i = l.from().get(0);
            int j = l.to().get(0);
            ParagraphText o = from.get(i);
            ParagraphText n = to.get(j);
            WordDiff.Computed d = diffs[j];
            boolean textChanged = d != null && !WordDiff.unchanged(d.ops());
            boolean moved = l.kind() == ParagraphAligner.Kind.MOVED;
            Change change = moved ? (textChanged ? Change.MOVED_MODIFIED : Change.MOVED)
                : textChanged ? Change.MODIFIED : numberChanged(o, n) ? Change.RENUMBERED : Change.UNCHANGED;
            keyed.add(new Keyed(2L * j, 0, new Entry(change, List.of(o.id()), List.of(n.id()), o.number(),
                n.number(), n.kind(), n.direction(), i, j, o.text(), n.text(), d == null ? List.of() : d.ops(),
                numberChanged(o, n), d == null ? 0 : d.lostWords().length, d == null ? 0 : d.gainedWords().length)));
          }
        }
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

    private static List<ParagraphAligner.Paragraph> view(List<ParagraphText> ps) {
      List<ParagraphAligner.Paragraph> out = new ArrayList<>(ps.size());
      for (ParagraphText p : ps) {
        out.add(new ParagraphAligner.Paragraph(p.id(), p.kind(), p.text()));
      }
      return out;
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

    /** The ids of a paragraph's words (tokens with a letter or digit), in order. */
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

    /**
     * The word diff of every changed one-to-one pair. The units are cut first, in this thread (the interner is
     * not shared across threads); the diffs themselves only read them, so a long draft's pairs run in
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

    private Entry split(int i, List<Integer> parts) {
      ParagraphText o = from.get(i);
      List<Long> ids = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (int p : parts) {
        ids.add(to.get(p).id());
        text.append(text.length() == 0 ? "" : "\n").append(to.get(p).text());
      }
      String joined = text.toString();
      ParagraphText first = to.get(parts.get(0));
      TextDiff d = TextDiff.compare(o.text(), joined, options);
      return new Entry(Change.SPLIT, List.of(o.id()), ids, o.number(), first.number(), first.kind(),
          first.direction(), i, parts.get(0), o.text(), joined, d.ops(), numberChanged(o, first), d.wordsDeleted(),
          d.wordsInserted());
    }

    private Entry merged(List<Integer> parts, int j) {
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
