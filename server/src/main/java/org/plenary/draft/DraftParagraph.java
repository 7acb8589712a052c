package org.plenary.draft;

import java.util.Objects;

/**
 * One paragraph of an imported draft, before it has an identity. Its position is its index in the draft.
 *
 * @param kind what it is in the structure
 * @param number the display number as written ("3", "(ح)", "2.1", "6 bis"), or null when unnumbered
 * @param parent index of the parent paragraph in the same draft (a block heading for its items, an
 *     operative paragraph for its sub-paragraphs, a section for its report paragraphs, the citing paragraph
 *     for a footnote), or -1
 * @param text the text without its number
 * @param direction base direction
 * @param brackets number of bracketed, not yet agreed, passages {@code […]}
 * @param alt the alternative this paragraph is ("Alt 1", "Alt 2"), or null
 */
public record DraftParagraph(ParagraphKind kind, String number, int parent, String text, Direction direction,
    int brackets, String alt) {
  public DraftParagraph {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(direction, "direction");
  }

  /** A paragraph that is no alternative. */
  public DraftParagraph(ParagraphKind kind, String number, int parent, String text, Direction direction,
      int brackets) {
    this(kind, number, parent, text, direction, brackets, null);
  }
}
