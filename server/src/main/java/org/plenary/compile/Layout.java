package org.plenary.compile;

/** How a paragraph and its proposals are laid out in DOCX and HTML. */
public enum Layout {
  /** The paragraph, then each proposal below it. */
  LIST,
  /** A two-column table: the paragraph on one side, its proposals on the other. */
  TABLE
}
