package org.plenary.compile;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** When two proposed texts count as the same proposal. */
final class ProposalText {
  /** Arabic tashkeel (fathatan … sukun, maddah, hamza above/below, superscript alef) and tatweel. */
  private static final Pattern ARABIC_MARKS = Pattern.compile("[\\u064B-\\u065F\\u0670\\u0640]");
  private static final Pattern COMBINING = Pattern.compile("\\p{Mn}+");

  private ProposalText() {}

  /**
   * The grouping key: NFC, runs of white space as one space, trimmed; optionally without diacritics
   * (Arabic tashkeel and tatweel, Latin accents).
   */
  static String key(String text, boolean ignoreDiacritics) {
    String s = collapseSpace(Normalizer.normalize(text, Normalizer.Form.NFC)).strip();
    if (ignoreDiacritics) {
      s = ARABIC_MARKS.matcher(s).replaceAll("");
      s = COMBINING.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
      s = Normalizer.normalize(s, Normalizer.Form.NFC);
    }
    return s;
  }

  /**
   * Each run of white space ({@code [\\s\\u00A0\\u200B]+}: {@code \\s} as Java's regular expressions read it) as
   * one space; the text itself when there is nothing to change (most proposals), without a regular expression.
   */
  static String collapseSpace(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (space(c) && (c != ' ' || i + 1 < n && space(s.charAt(i + 1)))) {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder b = new StringBuilder(n).append(s, 0, i);
    boolean inRun = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (space(c)) {
        if (!inRun) {
          b.append(' ');
          inRun = true;
        }
      } else {
        b.append(c);
        inRun = false;
      }
    }
    return b.toString();
  }

  private static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00A0'
        || c == '\u200B';
  }

  /** See {@link org.plenary.proposal.Proposal#withoutNumber}: one rule for the compilation and the merge. */
  static String withoutNumber(String proposed, String number, String paragraphText) {
    return org.plenary.proposal.Proposal.withoutNumber(proposed, number, paragraphText);
  }

  /** See {@link org.plenary.proposal.Proposal#withoutPastedNumber}: an insertion's number comes from its place. */
  static String withoutPastedNumber(String proposed) {
    return org.plenary.proposal.Proposal.withoutPastedNumber(proposed);
  }
}
