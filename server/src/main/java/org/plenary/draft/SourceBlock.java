package org.plenary.draft;

import java.util.Objects;

/**
 * A paragraph as a source format delivers it, before its structure is recognised: its text (numbers
 * still in front, as Word's numbering or the author wrote them) and what the format itself says about it.
 *
 * @param text the paragraph's text with any leading number
 * @param hint what the source format says: a Markdown heading, a Word style, a list item
 * @param level heading or list level (1 = top), 0 when not known
 */
public record SourceBlock(String text, Hint hint, int level) {
  /** What the source format says about a block. */
  public enum Hint {
    /** Nothing: plain text. */
    NONE,
    /** The document's title (Word "Title" style). */
    TITLE,
    /** Word "Subtitle" style. */
    SUBTITLE,
    /** A heading (Markdown {@code #}, Word "Heading n"). */
    HEADING,
    /** An item of a bulleted list with no number of its own. */
    BULLET,
    /** A footnote's text; its text starts with its marker (¹ or [1]). */
    FOOTNOTE
  }

  public SourceBlock {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(hint, "hint");
  }

  public static SourceBlock plain(String text) {
    return new SourceBlock(text, Hint.NONE, 0);
  }
}
