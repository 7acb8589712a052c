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
