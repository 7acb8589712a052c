package org.plenary.draft;

import java.util.Locale;

/** What a paragraph is in the structure of a draft. Stored and sent as the lower-case {@link #code()}. */
public enum ParagraphKind {
  /** The document title ("Resolution 88 (Kigali, 2022)"). */
  TITLE,
  /** A line under the title. */
  SUBTITLE,
  /** The acting body: "The General Assembly," / "إن المؤتمر العالمي لتنمية الاتصالات (كيغالي، 2022)،". */
  AUTHORITY,
  /** A keyword heading of a preambular or operative block ("Recalling", "إذ يذكّر", "يقرر"). */
  HEADING,
  PREAMBULAR,
  OPERATIVE,
  /** A lettered or roman item under another paragraph: (a), (i), (أ). */
  SUBPARAGRAPH,
  FOOTNOTE,
  /** A section heading of a report ("1 مقدمة"). */
  SECTION,
  /** A numbered paragraph of a report ("2.1"). */
  REPORT_PARAGRAPH,
  ANNEX,
  /** Anything else: unstructured prose. */
  TEXT;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ParagraphKind fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
