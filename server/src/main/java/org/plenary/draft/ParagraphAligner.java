package org.plenary.draft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aligns the paragraphs of a new revision to those of the previous one, so that a paragraph keeps its
 * identity: unchanged text keeps its id.
 */
public final class ParagraphAligner {
  /** A paragraph of the previous revision. */
  public record Prior(long id, ParagraphKind kind, String number, String text) {}

  /** What happened to a paragraph between the revisions. */
  public enum Change {
    INSERTED, UNCHANGED, MODIFIED, MOVED, MOVED_MODIFIED;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** For the new paragraph at {@code index}: the prior paragraph it continues ({@code prior} index, or -1). */
  public record Match(int index, int prior, Change change) {}

  /** @param matches one per new paragraph, in order; @param deleted prior indexes with no successor */
  public record Alignment(List<Match> matches, List<Integer> deleted) {}

  private ParagraphAligner() {}

  public static Alignment align(List<Prior> prior, List<DraftParagraph> next) {
    Map<String, List<Integer>> byText = new HashMap<>();
    for (int i = 0; i < prior.size(); i++) {
      byText.computeIfAbsent(prior.get(i).text().strip(), k -> new ArrayList<>()).add(i);
    }
    boolean[] used = new boolean[prior.size()];
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < next.size(); i++) {
      List<Integer> candidates = byText.getOrDefault(next.get(i).text().strip(), List.of());
      int found = -1;
      for (int c : candidates) {
        if (!used[c]) {
          found = c;
          break;
        }
      }
      if (found >= 0) {
        used[found] = true;
        matches.add(new Match(i, found, Change.UNCHANGED));
      } else {
        matches.add(new Match(i, -1, Change.INSERTED));
      }
    }
    List<Integer> deleted = new ArrayList<>();
    for (int i = 0; i < prior.size(); i++) {
      if (!used[i]) {
        deleted.add(i);
      }
    }
    return new Alignment(matches, deleted);
  }
}
