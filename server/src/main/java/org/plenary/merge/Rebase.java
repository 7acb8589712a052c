package org.plenary.merge;

import java.util.List;

/**
 * Carries a proposal made on one text of a paragraph over to a newer text of it (the next revision's), by the
 * same three-way merge the workspace uses: the old text is the base, the new text "ours", the proposal's result
 * "theirs". A proposal whose words were not touched comes out with its span moved to where those words now
 * stand (and, for a whole-paragraph amendment, with the newer text around its change); one whose very words were
 * changed is {@code needsRebase}, kept as it was for its delegation to look at. Pure.
 *
 * <pre>
 *   Rebase.carry(new Rebase.Proposal("amend", "UNESCO", new Rebase.Span("ITU", 10, 13)), oldText, newText)
 * </pre>
 */
public final class Rebase {
  /** An anchored span in code points, {@code [start, end)}, with the words it quotes. */
  public record Span(String exact, int start, int end) {}

  /** What is carried: its kind, its text (the replacement of the span, or the whole new paragraph), its span. */
  public record Proposal(String kind, String text, Span span) {}

  /** The proposal on the new text, or the old one marked {@code needsRebase}. */
  public record Result(boolean needsRebase, String text, Span span) {}

  private Rebase() {}

  public static Result carry(Proposal p, String oldText, String newText) {
    if (oldText.equals(newText)) {
      return new Result(false, p.text(), p.span());
    }
    if (p.span() != null && !fits(p.span(), oldText)) {
      return new Result(true, p.text(), p.span()); // already adrift (it needed a rebase before): it still does
    }
    boolean changesText = "amend".equals(p.kind()) || "delete".equals(p.kind()) && p.span() != null;
    if (changesText) {
      String theirs = p.span() == null ? p.text() : replace(oldText, p.span(), "delete".equals(p.kind()) ? "" : p.text());
      TokenMerge.Outcome o = TokenMerge.merge(oldText, newText, theirs);
      if (o instanceof TokenMerge.Conflict) {
        return new Result(true, p.text(), p.span());
      }
      if (p.span() == null) {
        return new Result(false, ((TokenMerge.Merged) o).text(), null);
      }
    }
    if (p.span() == null) {
      return new Result(false, p.text(), null);
    }
    Span moved = map(p.span(), oldText, newText);
    return moved == null ? new Result(true, p.text(), p.span()) : new Result(false, p.text(), moved);
  }

  /** The span's place in the new text, or null when the words it quotes were changed. */
  static Span map(Span span, String oldText, String newText) {
    int s = oldText.offsetByCodePoints(0, span.start());
    int e = oldText.offsetByCodePoints(0, span.end());
    List<String> base = TokenMerge.tokens(oldText);
    int[] starts = new int[base.size() + 1];
    for (int i = 0; i < base.size(); i++) {
      starts[i + 1] = starts[i] + base.get(i).length();
    }
    int shiftS = 0;
    int shiftE = 0;
    for (TokenMerge.Op op : TokenMerge.ops(oldText, newText)) {
      int from = starts[op.start()];
      int to = starts[op.end()];
      int delta = op.inserted().length() - op.removed().length();
      if (from < e && s < to || from == to && s < from && from < e) {
        return null; // the change touches the quoted words
      }
      if (to <= s) {
        shiftS += delta;
      }
      if (to <= e) {
        shiftE += delta;
      }
    }
    int ns = s + shiftS;
    int ne = e + shiftE;
    if (ns < 0 || ne > newText.length() || ns >= ne || !newText.substring(ns, ne).equals(oldText.substring(s, e))) {
      return null;
    }
    return new Span(span.exact(), newText.codePointCount(0, ns), newText.codePointCount(0, ne));
  }

  /** Whether the span's offsets lie in {@code text} and hold the words it quotes. */
  static boolean fits(Span span, String text) {
    int length = text.codePointCount(0, text.length());
    if (span.start() < 0 || span.end() > length || span.start() >= span.end()) {
      return false;
    }
    int s = text.offsetByCodePoints(0, span.start());
    return text.substring(s, text.offsetByCodePoints(s, span.end() - span.start())).equals(span.exact());
  }

  static String replace(String text, Span span, String replacement) {
    int s = text.offsetByCodePoints(0, span.start());
    int e = text.offsetByCodePoints(0, span.end());
    return text.substring(0, s) + replacement + text.substring(e);
  }
}
