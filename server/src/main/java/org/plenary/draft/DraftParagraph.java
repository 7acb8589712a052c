package org.plenary.draft;

import java.util.Objects;

/**
 * One paragraph of an imported draft, before it has an identity.
 *
 * @param kind what it is in the structure
 * @param number the display number as written ("3", "(ح)", "2.1", "6 bis"), or null when unnumbered
 * @param parent index of the parent paragraph in the same draft (a sub-paragraph's operative paragraph,
 *     a footnote's citing paragraph), or -1
 * @param text the text without its number
 * @param direction base direction
 * @param brackets number of bracketed, not yet agreed, passages {@code […]}
 */
public record DraftParagraph(ParagraphKind kind, String number, int parent, String text, Direction direction,
    int brackets) {
  public DraftParagraph {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(direction, "direction");
  }
}
