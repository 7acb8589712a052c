package org.plenary.diff;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.plenary.text.Tokenizer;

/**
 * The token boundaries ({@link Tokenizer#boundaries}) of a revision's paragraphs, computed the first
 * time a diff needs them and kept with the paragraphs of a published revision, so that the next diff of
 * that revision (other options, other counterpart) skips the word breaking. Safe across threads: two
 * threads may compute the same boundaries, never different ones.
 */
public final class TokenCache {
  private final List<ParagraphText> paragraphs;
  private final AtomicReferenceArray<int[]> ends;

  public TokenCache(List<ParagraphText> paragraphs) {
    this.paragraphs = paragraphs;
    this.ends = new AtomicReferenceArray<>(paragraphs.size());
  }

  /**
   * The exact text of every token of the revision as an id in one revision-local space, computed once:
   * a comparison then maps the few thousand distinct keys into its own ids instead of hashing every
   * token again.
   */
  static final class LocalIds {
    /** The distinct token texts, indexed by local id. */
    final char[][] keys;
    /** Per paragraph, the local id of each token, and whether it is a word. */
    final int[][] ids;
    final boolean[][] words;

    LocalIds(char[][] keys, int[][] ids, boolean[][] words) {
      this.keys = keys;
      this.ids = ids;
      this.words = words;
    }
  }

  private volatile LocalIds local;

  LocalIds local() {
    LocalIds l = local;
    if (l == null) {
      synchronized (this) {
        l = local;
        if (l == null) {
          l = computeLocal();
          local = l;
        }
      }
    }
    return l;
  }

  private LocalIds computeLocal() {
    long chars = 0;
    for (ParagraphText p : paragraphs) {
      chars += p.text().length();
    }
    Interner interner = new Interner((int) Math.min(1 << 20, chars / 16));
    int[][] ids = new int[paragraphs.size()][];
    boolean[][] words = new boolean[paragraphs.size()][];
    for (int i = 0; i < paragraphs.size(); i++) {
      char[] text = paragraphs.get(i).text().toCharArray();
      int[] e = ends(i);
      int[] id = new int[e.length];
      boolean[] w = new boolean[e.length];
      int start = 0;
      for (int k = 0; k < e.length; k++) {
        id[k] = interner.id(text, start, e[k]);
        w[k] = Tokenizer.isWord(text, start, e[k]);
        start = e[k];
      }
      ids[i] = id;
      words[i] = w;
    }
    return new LocalIds(interner.keysById(), ids, words);
  }

  /** The end offset of each token of paragraph {@code i}. */
  int[] ends(int i) {
    int[] e = ends.get(i);
    if (e == null) {
      e = Tokenizer.boundaries(paragraphs.get(i).text());
      ends.set(i, e);
    }
    return e;
  }
}
