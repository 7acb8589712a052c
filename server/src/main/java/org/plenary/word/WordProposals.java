package org.plenary.word;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.plenary.align.ParagraphAligner;
import org.plenary.draft.ParagraphKind;
import org.plenary.text.Tokenizer;
import org.plenary.word.WordFile.Change;
import org.plenary.word.WordFile.CommentMark;
import org.plenary.word.WordFile.Piece;

/**
 * Turns a delegation's Word file into proposals on a revision: the pure core of the Word import.
 *
 * <ol>
 *   <li><b>Paragraphs as they were.</b> The file's paragraphs are grouped as they stood before the changes:
 *       a paragraph whose mark was inserted continues into the next one (Word marks the paragraph before a
 *       new one, LibreOffice the new one itself; both come out the same).
 *   <li><b>Mapping.</b> A paragraph carrying a {@code _Plenary_p<id>} bookmark (the file came from
 *       {@code GET …/docx}) is that paragraph, confidence 1. The others are aligned by text similarity with
 *       {@link ParagraphAligner}, the aligner of the revision import; the confidence is its similarity
 *       (Dice coefficient of the folded words, at least {@link ParagraphAligner#THRESHOLD}).
 *   <li><b>Proposals.</b> Per paragraph: all of its text deleted → {@code delete}; changes inside → one
 *       {@code amend} covering the passage from the first change to the last, widened to whole words, with a
 *       {@code TextQuoteSelector} anchor (the span's text, its context and code-point offsets), or of the whole
 *       paragraph when that passage is all of it; only deletions in the passage → {@code delete} of that span.
 *       A new paragraph (all its text inserted) → {@code insert} after the nearest paragraph before it (before
 *       the first one when it leads the document).
 *   <li><b>Comments.</b> Each Word comment → a {@code comment} on the paragraph, anchored to the commented span
 *       when the span is text of the revision; a comment whose text starts with "Question", "سؤال" or "؟"
 *       is a {@code question}.
 * </ol>
 * What cannot be read as a proposal (a changed paragraph that matches none, a table the draft does not have,
 * a passage whose text is not in the revision's paragraph) is listed in {@link Result#unmapped()} with the
 * reason, never dropped.
 */
public final class WordProposals {
  /** A paragraph of the revision. {@code number} is the display number or null; {@code label} how it is cited. */
  public record Target(long id, String number, String label, String text) {
    public Target {
      requireNonNull(text, "text");
    }
  }

  /** How a file paragraph was tied to the revision: {@code by} "id" (bookmark) or "text" (similarity). */
  public record Mapping(String by, double confidence) {}

  /** A tracked change's author and date, as the file has them (either may be null). */
  public record Author(String name, String date) {}

  /** A W3C TextQuoteSelector with code-point offsets into the paragraph's text. */
  public record Quote(String exact, String prefix, String suffix, int start, int end) {}

  /**
   * One proposal read from the file.
   *
   * @param kind amend, insert, delete, comment or question
   * @param paragraph the revision's paragraph concerned (for an insertion: the one it goes after or before)
   * @param placement "after" or "before" for an insertion, else null
   * @param anchor the span concerned, or null for the whole paragraph
   * @param text the replacement of the span (or the whole new paragraph text) for amend, the new paragraph for
   *     insert, the comment for comment and question, null for delete
   * @param inserted the inserted passages, @param deleted the deleted ones, as the file has them
   * @param filePosition the file's paragraph it came from (from 1)
   */
  public record Proposal(String kind, Target paragraph, String placement, Quote anchor, String text,
      int wordsInserted, int wordsDeleted, List<String> inserted, List<String> deleted, List<Author> authors,
      Mapping mapping, int filePosition, String commentId) {}

  /** A change or comment that became no proposal, and why. */
  public record Unmapped(int filePosition, String text, String reason) {}

  /** What the file holds. */
  public record Result(List<Proposal> proposals, List<Unmapped> unmapped, int formattingChanges, int fileParagraphs,
      int mappedById, int mappedByText) {}

  private static final int CONTEXT = 32;
  private static final int EXCERPT = 120;

  /** A paragraph as it stood before the changes: one or more of the file's w:p. */
  private static final class Group {
    final List<WordFile.Paragraph> parts = new ArrayList<>();
    Target target;
    Mapping mapping;
    /** Characters of the stream dropped at the start (the display number and its tab). */
    int cut;

    String original() {
      StringBuilder b = new StringBuilder();
      parts.forEach(p -> b.append(p.original()));
      return b.toString();
    }

    int position() {
      return parts.get(0).index() + 1;
    }

    boolean inTable() {
      return parts.stream().anyMatch(WordFile.Paragraph::inTable);
    }
  }

  private WordProposals() {}

  public static Result read(WordFile file, List<Target> revision) {
    List<Group> groups = group(file.paragraphs());
    int[] counts = map(groups, revision);
    List<Proposal> proposals = new ArrayList<>();
    List<Unmapped> unmapped = new ArrayList<>();
    Target lastMapped = null;
    List<Proposal> pendingBefore = new ArrayList<>();
    Map<String, Group> commentGroup = new HashMap<>();
    Map<String, int[]> commentRange = new HashMap<>();
    for (Group g : groups) {
      locateComments(g, commentGroup, commentRange);
      List<Piece> main = new ArrayList<>();
      int mains = 0;
      List<Proposal> inserts = new ArrayList<>();
      Target after = lastMapped;
      for (List<Piece> sub : accepted(g)) {
        boolean original = sub.stream().anyMatch(p -> p.change() != Change.INSERTED && !p.text().isBlank());
        if (original) {
          if (mains++ == 0) {
            sub = cut(sub, g.cut);
          } else {
            main.add(new Piece(Change.INSERTED, " ", null, null));
          }
          main.addAll(sub);
          if (g.target != null) {
            for (Proposal p : pendingBefore) {
              inserts.add(place(p, g.target, "before"));
            }
            pendingBefore.clear();
            after = g.target;
          }
        } else if (!text(sub, Change.DELETED).isBlank()) {
          if (after != null) {
            inserts.add(insertion(sub, after, "after", g));
          } else {
            pendingBefore.add(insertion(sub, null, "before", g));
          }
        }
      }
      if (g.target != null && mains > 0) {
        changes(g, main, mains > 1, proposals, unmapped);
      } else if (g.target == null && mains > 0 && hasChanges(main)) {
        unmapped.add(new Unmapped(g.position(), excerpt(g.original()), g.inTable()
            ? "in a table that the revision does not have" : why(g)));
      }
      proposals.addAll(inserts);
      if (g.target != null) {
        lastMapped = g.target;
      }
    }
    for (Proposal p : pendingBefore) {
      unmapped.add(new Unmapped(p.filePosition(), excerpt(p.text()), "a new paragraph with no paragraph of the"
          + " revision around it to place it by"));
    }
    comments(file, groups, commentGroup, commentRange, proposals, unmapped);
    return new Result(proposals, unmapped, file.formattingChanges(), file.paragraphs().size(), counts[0], counts[1]);
  }

  private static Proposal place(Proposal p, Target t, String placement) {
    return new Proposal(p.kind(), t, placement, p.anchor(), p.text(), p.wordsInserted(), p.wordsDeleted(),
        p.inserted(), p.deleted(), p.authors(), p.mapping(), p.filePosition(), p.commentId());
  }

  /** The pieces without the first {@code n} characters of original text (the display number), nor insertions there. */
  private static List<Piece> cut(List<Piece> pieces, int n) {
    List<Piece> out = new ArrayList<>();
    int skip = n;
    for (Piece piece : pieces) {
      if (skip > 0) {
        if (piece.change() == Change.INSERTED) {
          continue;
        }
        int len = piece.text().length();
        if (len <= skip) {
          skip -= len;
          continue;
        }
        piece = new Piece(piece.change(), piece.text().substring(skip), piece.author(), piece.date());
        skip = 0;
      }
      out.add(piece);
    }
    return out;
  }

  private static String why(Group g) {
    return "no paragraph of the revision is similar enough (at least " + ParagraphAligner.THRESHOLD
        + " of its words) and the paragraph carries no Plenary bookmark";
  }

  // --- grouping and mapping --------------------------------------------------------------------------------

  /** The file's paragraphs as they were before the changes: an inserted mark joins a paragraph to the next. */
  private static List<Group> group(List<WordFile.Paragraph> paragraphs) {
    List<Group> out = new ArrayList<>();
    Group g = new Group();
    for (WordFile.Paragraph p : paragraphs) {
      g.parts.add(p);
      if (!p.markInserted()) {
        out.add(g);
        g = new Group();
      }
    }
    if (!g.parts.isEmpty()) {
      out.add(g);
    }
    return out;
  }

  /** The group cut where the accepted text has paragraph breaks (inserted marks that were not deleted again). */
  private static List<List<Piece>> accepted(Group g) {
    List<List<Piece>> out = new ArrayList<>();
    List<Piece> cur = new ArrayList<>();
    for (WordFile.Paragraph p : g.parts) {
      cur.addAll(p.pieces());
      if (p.markInserted() && !p.markDeleted()) {
        out.add(cur);
        cur = new ArrayList<>();
      }
    }
    out.add(cur);
    return out;
  }

  /** Ties groups to the revision's paragraphs: by bookmark first, then by similarity. Returns {byId, byText}. */
  private static int[] map(List<Group> groups, List<Target> revision) {
    Map<Long, Target> byId = new LinkedHashMap<>();
    revision.forEach(t -> byId.put(t.id(), t));
    Set<Long> used = new LinkedHashSet<>();
    int ids = 0;
    for (Group g : groups) {
      for (WordFile.Paragraph p : g.parts) {
        for (long id : p.bookmarks()) {
          if (g.target == null && byId.containsKey(id) && used.add(id)) {
            g.target = byId.get(id);
            g.mapping = new Mapping("id", 1.0);
            ids++;
          }
        }
      }
    }
    List<Group> rest = new ArrayList<>();
    List<ParagraphAligner.Paragraph> texts = new ArrayList<>();
    for (Group g : groups) {
      String o = g.original();
      if (g.target == null && !o.isBlank()) {
        rest.add(g);
        texts.add(new ParagraphAligner.Paragraph(null, ParagraphKind.TEXT.code(), o.strip()));
      }
    }
    List<Target> free = revision.stream().filter(t -> !used.contains(t.id())).toList();
    int byText = 0;
    if (!rest.isEmpty() && !free.isEmpty()) {
      // the revision import's aligner: similarity, moves, splits and merges; a paragraph of the file is mapped to
      // the revision paragraph its link continues (the first of a merge)
      List<ParagraphAligner.Paragraph> priors = free.stream().map(t -> new ParagraphAligner.Paragraph(t.id(),
          ParagraphKind.TEXT.code(), t.text())).toList();
      ParagraphAligner.Link[] byNew = ParagraphAligner.align(priors, texts).byNew();
      for (int i = 0; i < byNew.length; i++) {
        ParagraphAligner.Link l = byNew[i];
        if (l != null && !l.from().isEmpty() && l.kind() != ParagraphAligner.Kind.INSERTED) {
          Group g = rest.get(i);
          g.target = free.get(l.from().get(0));
          g.mapping = new Mapping("text", Math.round(l.similarity() * 1000) / 1000.0);
          byText++;
        }
      }
    }
    for (Group g : groups) {
      if (g.target != null) {
        g.cut = numberCut(g.original(), g.target.number());
      }
    }
    return new int[] {ids, byText};
  }

  /** Length of the display number and the space or tab after it at the start of {@code original}, or 0. */
  static int numberCut(String original, String number) {
    if (number == null || number.isBlank()) {
      return 0;
    }
    String n = number.strip();
    int lead = 0;
    while (lead < original.length() && (original.charAt(lead) == ' ' || original.charAt(lead) == '\u00A0')) {
      lead++;
    }
    if (!original.startsWith(n, lead)) {
      return 0;
    }
    int end = lead + n.length();
    int after = end;
    while (after < original.length() && Character.isWhitespace(original.charAt(after))) {
      after++;
    }
    return after > end || after == original.length() ? after : 0;
  }

  // --- text changes ----------------------------------------------------------------------------------------

  private static boolean hasChanges(List<Piece> pieces) {
    return pieces.stream().anyMatch(p -> p.change() != Change.EQUAL && !p.text().isEmpty());
  }

  private static String text(List<Piece> pieces, Change without) {
    StringBuilder b = new StringBuilder();
    for (Piece p : pieces) {
      if (p.change() != without) {
        b.append(p.text());
      }
    }
    return b.toString();
  }

  private static Proposal insertion(List<Piece> sub, Target at, String placement, Group g) {
    String t = text(sub, Change.DELETED).strip();
    return new Proposal("insert", at, placement, null, t, words(t), 0, List.of(t), List.of(), authors(sub, g),
        g.mapping, g.position(), null);
  }

  /** The amendment or deletion of one mapped paragraph, if its text changed. */
  private static void changes(Group g, List<Piece> pieces, boolean split, List<Proposal> out,
      List<Unmapped> unmapped) {
    if (!hasChanges(pieces)) {
      return;
    }
    String o = text(pieces, Change.INSERTED);
    String n = text(pieces, Change.DELETED);
    List<String> inserted = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    int wordsIn = 0;
    int wordsOut = 0;
    for (Piece p : pieces) {
      if (p.change() == Change.INSERTED && !p.text().isBlank()) {
        inserted.add(p.text());
        wordsIn += words(p.text());
      } else if (p.change() == Change.DELETED && !p.text().isBlank()) {
        deleted.add(p.text());
        wordsOut += words(p.text());
      }
    }
    if (o.strip().equals(n.strip())) {
      return; // only spaces moved
    }
    List<Author> authors = authors(pieces, g);
    if (n.isBlank()) {
      out.add(new Proposal("delete", g.target, null, null, null, 0, wordsOut, inserted, deleted, authors, g.mapping,
          g.position(), null));
      return;
    }
    // the passage from the first change to the last, in the original (s..e) and accepted (s..ne) text
    int s = 0;
    for (Piece p : pieces) {
      if (p.change() != Change.EQUAL) {
        break;
      }
      s += p.text().length();
    }
    int tail = 0;
    for (int i = pieces.size() - 1; i >= 0 && pieces.get(i).change() == Change.EQUAL; i--) {
      tail += pieces.get(i).text().length();
    }
    int e = o.length() - tail;
    int ne = n.length() - tail;
    // whole words: widen over letters and digits cut in the middle
    while (s > 0 && s < o.length() && word(o.charAt(s - 1)) && word(o.charAt(s))) {
      s--;
    }
    while (s > 0 && s == e && word(o.charAt(s - 1))) {
      s--;
    }
    int grow = 0;
    while (e + grow < o.length() && e + grow > 0 && word(o.charAt(e + grow - 1)) && word(o.charAt(e + grow))) {
      grow++;
    }
    e += grow;
    ne += grow;
    if (s == e) { // an insertion between two words: the anchor takes the word before it (or after it)
      if (s > 0) {
        while (s > 0 && !word(o.charAt(s - 1))) {
          s--;
        }
        while (s > 0 && word(o.charAt(s - 1))) {
          s--;
        }
      } else {
        int g0 = 0;
        while (e + g0 < o.length() && !word(o.charAt(e + g0))) {
          g0++;
        }
        while (e + g0 < o.length() && word(o.charAt(e + g0))) {
          g0++;
        }
        e += g0;
        ne += g0;
      }
    }
    String target = g.target.text();
    boolean whole = split || s <= leading(o) && e >= o.length() - trailing(o);
    if (whole) {
      if (n.strip().equals(target.strip())) {
        return;
      }
      out.add(new Proposal("amend", g.target, null, null, n.strip(), wordsIn, wordsOut, inserted, deleted, authors,
          g.mapping, g.position(), null));
      return;
    }
    String exact = o.substring(s, e);
    String replacement = n.substring(s, ne);
    Quote q = locate(target, o, s, e);
    if (q == null) {
      unmapped.add(new Unmapped(g.position(), excerpt(exact), "the changed passage \"" + excerpt(exact)
          + "\" is not in the text of paragraph " + name(g.target) + " in this revision"));
      return;
    }
    boolean onlyDeleted = inserted.isEmpty() && replacement.isBlank();
    out.add(new Proposal(onlyDeleted ? "delete" : "amend", g.target, null, q, onlyDeleted ? null : replacement,
        wordsIn, wordsOut, inserted, deleted, authors, g.mapping, g.position(), null));
  }

  private static int leading(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int trailing(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(s.length() - 1 - i))) {
      i++;
    }
    return i;
  }

  /**
   * The span {@code o[s..e)} of the file's paragraph in the revision's text: at the same place when the texts
   * agree, else the one occurrence of the span with the most matching context around it.
   */
  static Quote locate(String target, String o, int s, int e) {
    String exact = o.substring(s, e);
    if (exact.isEmpty()) {
      return null;
    }
    int at;
    if (target.equals(o)) {
      at = s;
    } else {
      at = -1;
      int best = -1;
      boolean tie = false;
      for (int i = target.indexOf(exact); i >= 0; i = target.indexOf(exact, i + 1)) {
        int score = common(target, i, o, s, -1) + common(target, i + exact.length(), o, e, 1);
        if (score > best) {
          best = score;
          at = i;
          tie = false;
        } else if (score == best) {
          tie = true;
        }
      }
      if (at < 0 || tie) {
        return null;
      }
    }
    int start = target.codePointCount(0, at);
    int end = start + exact.codePointCount(0, exact.length());
    String prefix = target.substring(Math.max(0, at - CONTEXT), at);
    String suffix = target.substring(at + exact.length(), Math.min(target.length(), at + exact.length() + CONTEXT));
    return new Quote(exact, prefix, suffix, start, end);
  }

  /** Characters that agree going backwards ({@code dir} -1) from a and b, or forwards (1). */
  private static int common(String x, int a, String y, int b, int dir) {
    int n = 0;
    if (dir < 0) {
      while (a - n > 0 && b - n > 0 && x.charAt(a - n - 1) == y.charAt(b - n - 1) && n < 200) {
        n++;
      }
    } else {
      while (a + n < x.length() && b + n < y.length() && x.charAt(a + n) == y.charAt(b + n) && n < 200) {
        n++;
      }
    }
    return n;
  }

  private static boolean word(char c) {
    return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  static int words(String text) {
    int n = 0;
    for (String t : Tokenizer.tokens(text)) {
      if (t.codePoints().anyMatch(Character::isLetterOrDigit)) {
        n++;
      }
    }
    return n;
  }

  private static List<Author> authors(List<Piece> pieces, Group g) {
    Set<Author> out = new LinkedHashSet<>();
    for (Piece p : pieces) {
      if (p.change() != Change.EQUAL) {
        out.add(new Author(p.author(), p.date()));
      }
    }
    for (WordFile.Paragraph p : g.parts) {
      if ((p.markInserted() || p.markDeleted()) && out.isEmpty()) {
        out.add(new Author(p.markAuthor(), p.markDate()));
      }
    }
    return List.copyOf(out);
  }

  // --- comments --------------------------------------------------------------------------------------------

  /** Where each comment starts and ends, in the group's original text (after the number cut). */
  private static void locateComments(Group g, Map<String, Group> where, Map<String, int[]> range) {
    int base = 0;
    for (WordFile.Paragraph p : g.parts) {
      for (CommentMark m : p.comments()) {
        int offset = base + originalOffset(p, m.offset()) - g.cut;
        if (m.start() || m.point()) {
          if (!where.containsKey(m.id()) || m.start()) {
            where.put(m.id(), g);
            range.put(m.id(), new int[] {Math.max(0, offset), Integer.MIN_VALUE});
          }
        }
        if (!m.start() && !m.point() && where.get(m.id()) == g && range.containsKey(m.id())) {
          range.get(m.id())[1] = offset;
        }
      }
      base += p.original().length();
    }
  }

  /** An offset into all of a paragraph's pieces, as an offset into its original text. */
  private static int originalOffset(WordFile.Paragraph p, int offset) {
    int all = 0;
    int orig = 0;
    for (Piece piece : p.pieces()) {
      int len = piece.text().length();
      if (all + len >= offset) {
        return orig + (piece.change() == Change.INSERTED ? 0 : offset - all);
      }
      all += len;
      orig += piece.change() == Change.INSERTED ? 0 : len;
    }
    return orig;
  }

  private static void comments(WordFile file, List<Group> groups, Map<String, Group> where, Map<String, int[]> range,
      List<Proposal> out, List<Unmapped> unmapped) {
    for (WordFile.Comment c : file.comments().values()) {
      Group g = where.get(c.id());
      if (c.text().isBlank()) {
        continue;
      }
      if (g == null) {
        unmapped.add(new Unmapped(0, excerpt(c.text()), "a comment that is not anchored in the document body"));
        continue;
      }
      if (g.target == null) {
        unmapped.add(new Unmapped(g.position(), excerpt(c.text()), "a comment on a paragraph that matches none"
            + " of the revision (" + excerpt(g.original()) + ")"));
        continue;
      }
      Quote q = null;
      int[] r = range.get(c.id());
      String o = g.original().substring(Math.min(g.cut, g.original().length()));
      if (r != null && r[1] != Integer.MIN_VALUE) {
        int s = Math.min(Math.max(0, r[0]), o.length());
        int e = Math.min(Math.max(s, r[1]), o.length());
        while (s < e && Character.isWhitespace(o.charAt(s))) {
          s++;
        }
        while (e > s && Character.isWhitespace(o.charAt(e - 1))) {
          e--;
        }
        if (e > s && !(s == 0 && e == o.length())) {
          q = locate(g.target.text(), o, s, e);
        }
      }
      Author who = new Author(c.author(), c.date());
      out.add(new Proposal(isQuestion(c.text()) ? "question" : "comment", g.target, null, q, c.text(), 0, 0,
          List.of(), List.of(), List.of(who), g.mapping, g.position(), c.id()));
    }
  }

  /** The rule for questions: the comment starts with "Question" (any case), "سؤال" or "؟". */
  public static boolean isQuestion(String comment) {
    String t = comment.strip();
    return t.toLowerCase(Locale.ROOT).startsWith("question") || t.startsWith("سؤال") || t.startsWith("؟");
  }

  private static String name(Target t) {
    return t.label() != null ? t.label() : t.number() != null ? t.number() : "#" + t.id();
  }

  private static String excerpt(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() <= EXCERPT ? t : t.substring(0, EXCERPT) + "…";
  }
}
