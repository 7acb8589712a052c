package org.plenary.diff;

import java.util.Objects;

/**
 * A paragraph as the revision diff sees it: a stable identity, its display number, and its text.
 *
 * @param id the paragraph's identity across revisions
 * @param number display number ("3", "(ح)", "6 bis"), or null when unnumbered
 * @param kind what it is ("preambular", "operative", …), or null
 * @param parent the id of its parent paragraph, or null
 * @param text the text without its number
 * @param direction "rtl" or "ltr"
 */
public record ParagraphText(long id, String number, String kind, Long parent, String text, String direction) {
  public ParagraphText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(direction, "direction");
  }
}
