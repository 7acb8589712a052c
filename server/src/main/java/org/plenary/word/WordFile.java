package org.plenary.word;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Word file as {@link TrackedChangesReader} read it: the body's paragraphs with their text cut into
 * unchanged, inserted and deleted pieces, the state of each paragraph mark, Plenary's paragraph bookmarks,
 * where comments start and end, and the comments themselves.
 *
 * @param formattingChanges tracked changes of formatting only ({@code w:rPrChange}, {@code w:pPrChange}, …),
 *     which carry no proposal and are only counted
 */
public record WordFile(List<Paragraph> paragraphs, Map<String, Comment> comments, int formattingChanges) {

  /** How a piece of text or a paragraph mark stands in the tracked changes. */
  public enum Change { EQUAL, INSERTED, DELETED }

  /** A piece of text; author and date are those of its tracked change (null for unchanged text). */
  public record Piece(Change change, String text, String author, String date) {}

  /**
   * A comment's start or end ({@code start} false), or the place of a comment that has no range
   * ({@code point}), at {@code offset} characters into the paragraph's pieces (all of them, deleted included).
   */
  public record CommentMark(String id, boolean start, boolean point, int offset) {}

  /**
   * One {@code w:p} of the body.
   *
   * @param index position among the body's paragraphs, from 0
   * @param inTable inside a table
   * @param mark the paragraph mark: inserted (the paragraph break did not exist), deleted (it goes), both, or
   *     unchanged; {@code markInserted}/{@code markDeleted} say which
   * @param bookmarks the paragraph ids named by {@code _Plenary_p<id>} bookmarks that start in it
   */
  public record Paragraph(int index, boolean inTable, List<Piece> pieces, boolean markInserted, boolean markDeleted,
      String markAuthor, String markDate, Set<Long> bookmarks, List<CommentMark> comments) {

    /** The text before the changes: unchanged and deleted pieces. */
    public String original() {
      StringBuilder b = new StringBuilder();
      for (Piece p : pieces) {
        if (p.change() != Change.INSERTED) {
          b.append(p.text());
        }
      }
      return b.toString();
    }

    /** The text with the changes accepted: unchanged and inserted pieces. */
    public String accepted() {
      StringBuilder b = new StringBuilder();
      for (Piece p : pieces) {
        if (p.change() != Change.DELETED) {
          b.append(p.text());
        }
      }
      return b.toString();
    }
  }

  /** A Word comment: its author, date and text (paragraphs joined by a line break). */
  public record Comment(String id, String author, String date, String text) {}
}
