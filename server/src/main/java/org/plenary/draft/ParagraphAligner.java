package org.plenary.draft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plenary.text.Tokenizer;

/**
 * Aligns the paragraphs of a new revision to those of the previous one, so that a paragraph keeps its
 * identity from the zero draft to the final text.
 *
 * <ul>
 *   <li>Paragraphs are compared on their text without the number (numbering is display: "(ح)" that became
 *       "(ط)" is the same paragraph), as ICU word tokens folded for comparison (diacritics, tatweel, alef
 *       variants, Arabic-Indic digits, case; punctuation and spaces ignored).
 *   <li>Similarity is the Dice coefficient of the two token multisets; pairs from {@value #THRESHOLD} up are
 *       candidates, and the best pairs are taken first (ties go to the nearer position).
 *   <li>Among the matched pairs, the largest amount of text that kept its order stays in place; the other
 *       matched paragraphs are <em>moved</em> (the explanation that moves the least text, as a reader would
 *       describe the change).
 *   <li>A new paragraph without a match is inserted; an old one without a match is deleted.
 * </ul>
 *
 * <pre>
 *   Alignment a = ParagraphAligner.align(priorParagraphs, draft.paragraphs());
 *   a.matches().get(13);   // Match[index=13, prior=12, change=UNCHANGED, similarity=1.0]
 * </pre>
 */
public final class ParagraphAligner {
  /** Least similarity for two paragraphs to be the same one edited. */
  public static final double THRESHOLD = 0.5;
  /** Tokens in more prior paragraphs than this do not nominate candidates (they still count in the score). */
  private static final int COMMON_TOKEN = 64;
  /** Candidates scored exactly per new paragraph, the ones sharing most tokens first. */
  private static final int CANDIDATES = 24;

  /** A paragraph of the previous revision. */
  public record Prior(long id, ParagraphKind kind, String number, String text) {}

  /** What happened to a paragraph between the revisions. */
  public enum Change {
    INSERTED, UNCHANGED, MODIFIED, MOVED, MOVED_MODIFIED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * For the new paragraph at {@code index}: the prior paragraph it continues ({@code prior} index, or -1),
   * what changed, and how similar the texts are (1 for equal after folding, 0 for an insertion).
   */
  public record Match(int index, int prior, Change change, double similarity) {
    public Match(int index, int prior, Change change) {
      this(index, prior, change, prior < 0 ? 0 : 1);
    }
  }

  /** @param matches one per new paragraph, in order; @param deleted prior indexes with no successor */
  public record Alignment(List<Match> matches, List<Integer> deleted) {}

  private record Pair(int next, int prior, double score, double distance) {}

  private ParagraphAligner() {}

  public static Alignment align(List<Prior> prior, List<DraftParagraph> next) {
    Map<String, Integer> dictionary = new HashMap<>();
    int[][] priorTokens = new int[prior.size()][];
    int[][] nextTokens = new int[next.size()][];
    for (int j = 0; j < prior.size(); j++) {
      priorTokens[j] = tokens(prior.get(j).text(), dictionary);
    }
    for (int i = 0; i < next.size(); i++) {
      nextTokens[i] = tokens(next.get(i).text(), dictionary);
    }
    List<Pair> pairs = candidates(prior, next, priorTokens, nextTokens, dictionary.size());
    pairs.sort(Comparator.comparingDouble(Pair::score).reversed().thenComparingDouble(Pair::distance)
        .thenComparingInt(Pair::next));

    int[] priorOf = new int[next.size()];
    double[] scoreOf = new double[next.size()];
    Arrays.fill(priorOf, -1);
    boolean[] used = new boolean[prior.size()];
    for (Pair p : pairs) {
      if (priorOf[p.next()] < 0 && !used[p.prior()]) {
        priorOf[p.next()] = p.prior();
        scoreOf[p.next()] = p.score();
        used[p.prior()] = true;
      }
    }
    boolean[] inPlace = inPlace(priorOf, next);

    List<Match> matches = new ArrayList<>(next.size());
    for (int i = 0; i < next.size(); i++) {
      int j = priorOf[i];
      if (j < 0) {
        matches.add(new Match(i, -1, Change.INSERTED, 0));
        continue;
      }
      boolean same = prior.get(j).text().strip().equals(next.get(i).text().strip());
      Change c = inPlace[i] ? (same ? Change.UNCHANGED : Change.MODIFIED) : same ? Change.MOVED : Change.MOVED_MODIFIED;
      matches.add(new Match(i, j, c, scoreOf[i]));
    }
    List<Integer> deleted = new ArrayList<>();
    for (int j = 0; j < prior.size(); j++) {
      if (!used[j]) {
        deleted.add(j);
      }
    }
    return new Alignment(matches, deleted);
  }

  /** Scored pairs above the threshold, found through shared (not too common) tokens. */
  private static List<Pair> candidates(List<Prior> prior, List<DraftParagraph> next, int[][] priorTokens,
      int[][] nextTokens, int vocabulary) {
    List<List<Integer>> postings = new ArrayList<>(vocabulary);
    for (int t = 0; t < vocabulary; t++) {
      postings.add(new ArrayList<>(2));
    }
    Map<String, List<Integer>> emptyByText = new HashMap<>();
    for (int j = 0; j < prior.size(); j++) {
      int[] tokens = priorTokens[j];
      if (tokens.length == 0) {
        emptyByText.computeIfAbsent(prior.get(j).text().strip(), k -> new ArrayList<>()).add(j);
      }
      for (int k = 0; k < tokens.length; k++) {
        if (k == 0 || tokens[k] != tokens[k - 1]) {
          postings.get(tokens[k]).add(j);
        }
      }
    }
    List<Pair> pairs = new ArrayList<>();
    int[] shared = new int[prior.size()];
    List<Integer> touched = new ArrayList<>();
    for (int i = 0; i < next.size(); i++) {
      int[] tokens = nextTokens[i];
      double relative = next.size() <= 1 ? 0 : (double) i / (next.size() - 1);
      if (tokens.length == 0) {
        for (int j : emptyByText.getOrDefault(next.get(i).text().strip(), List.of())) {
          pairs.add(new Pair(i, j, 1, distance(relative, j, prior.size())));
        }
        continue;
      }
      touched.clear();
      for (int k = 0; k < tokens.length; k++) {
        if (k > 0 && tokens[k] == tokens[k - 1]) {
          continue;
        }
        List<Integer> list = postings.get(tokens[k]);
        if (list.size() > COMMON_TOKEN) {
          continue;
        }
        for (int j : list) {
          if (shared[j]++ == 0) {
            touched.add(j);
          }
        }
      }
      if (touched.isEmpty()) {
        // Only common tokens ("to", "و"): fall back to every prior paragraph of similar length.
        for (int j = 0; j < prior.size(); j++) {
          int len = priorTokens[j].length;
          if (len > 0 && len <= 2 * tokens.length && tokens.length <= 2 * len) {
            touched.add(j);
            shared[j] = 1;
          }
        }
      }
      // Most shared tokens first, then document order: one primitive sort on packed keys.
      long[] order = new long[touched.size()];
      for (int c = 0; c < order.length; c++) {
        int j = touched.get(c);
        order[c] = ((long) (Integer.MAX_VALUE - shared[j]) << 32) | j;
        shared[j] = 0;
      }
      Arrays.sort(order);
      for (int c = 0; c < Math.min(CANDIDATES, order.length); c++) {
        int j = (int) order[c];
        double score = dice(tokens, priorTokens[j]) * kindFactor(prior.get(j).kind(), next.get(i).kind());
        if (score >= THRESHOLD) {
          pairs.add(new Pair(i, j, score, distance(relative, j, prior.size())));
        }
      }
    }
    return pairs;
  }

  private static double distance(double relative, int j, int priorSize) {
    return Math.abs(relative - (priorSize <= 1 ? 0 : (double) j / (priorSize - 1)));
  }

  /** A heading that became a paragraph (or the reverse) is less likely the same paragraph. */
  private static double kindFactor(ParagraphKind a, ParagraphKind b) {
    if (a == b) {
      return 1;
    }
    boolean headingA = a == ParagraphKind.HEADING || a == ParagraphKind.SECTION || a == ParagraphKind.TITLE;
    boolean headingB = b == ParagraphKind.HEADING || b == ParagraphKind.SECTION || b == ParagraphKind.TITLE;
    return headingA == headingB ? 0.98 : 0.85;
  }

  /**
   * Which matched paragraphs stay in place: the order-preserving subset of matches with the most text
   * (a weighted longest increasing subsequence of prior indexes, in O(n log n) with a Fenwick tree).
   */
  private static boolean[] inPlace(int[] priorOf, List<DraftParagraph> next) {
    int n = priorOf.length;
    int size = 0;
    for (int j : priorOf) {
      size = Math.max(size, j + 1);
    }
    long[] treeBest = new long[size + 1];
    int[] treeAt = new int[size + 1];
    Arrays.fill(treeAt, -1);
    long[] best = new long[n];
    int[] back = new int[n];
    int end = -1;
    long endBest = 0;
    for (int i = 0; i < n; i++) {
      int j = priorOf[i];
      if (j < 0) {
        continue;
      }
      long bestBefore = 0;
      int at = -1;
      for (int k = j; k > 0; k -= k & -k) {
        if (treeBest[k] > bestBefore) {
          bestBefore = treeBest[k];
          at = treeAt[k];
        }
      }
      best[i] = bestBefore + next.get(i).text().length() + 1;
      back[i] = at;
      for (int k = j + 1; k <= size; k += k & -k) {
        if (best[i] > treeBest[k]) {
          treeBest[k] = best[i];
          treeAt[k] = i;
        }
      }
      if (best[i] > endBest) {
        endBest = best[i];
        end = i;
      }
    }
    boolean[] in = new boolean[n];
    for (int i = end; i >= 0; i = back[i]) {
      in[i] = true;
    }
    return in;
  }

  /** Folded word tokens as sorted ids; spaces and punctuation dropped. */
  static int[] tokens(String text, Map<String, Integer> dictionary) {
    List<String> words = Tokenizer.tokens(text);
    int[] ids = new int[words.size()];
    int n = 0;
    for (String w : words) {
      if (!hasLetterOrDigit(w)) {
        continue;
      }
      String folded = Folding.fold(w);
      Integer id = dictionary.get(folded);
      if (id == null) {
        id = dictionary.size();
        dictionary.put(folded, id);
      }
      ids[n++] = id;
    }
    int[] out = Arrays.copyOf(ids, n);
    Arrays.sort(out);
    return out;
  }

  private static boolean hasLetterOrDigit(String w) {
    for (int k = 0; k < w.length(); k++) {
      if (Character.isLetterOrDigit(w.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  /** Dice coefficient of two sorted multisets. */
  static double dice(int[] a, int[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1;
    }
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return 2.0 * common / (a.length + b.length);
  }
}
