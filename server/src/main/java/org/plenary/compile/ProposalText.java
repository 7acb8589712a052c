package org.plenary.compile;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** When two proposed texts count as the same proposal. */
final class ProposalText {
  private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u200B]+");
  /** Arabic tashkeel (fathatan … sukun, maddah, hamza above/below, superscript alef) and tatweel. */
  private static final Pattern ARABIC_MARKS = Pattern.compile("[\\u064B-\\u065F\\u0670\\u0640]");
  private static final Pattern COMBINING = Pattern.compile("\\p{Mn}+");

  private ProposalText() {}

  /**
   * The grouping key: NFC, runs of white space as one space, trimmed; optionally without diacritics
   * (Arabic tashkeel and tatweel, Latin accents).
   */
  static String key(String text, boolean ignoreDiacritics) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFC);
    s = SPACE.matcher(s).replaceAll(" ").strip();
    if (ignoreDiacritics) {
      s = ARABIC_MARKS.matcher(s).replaceAll("");
      s = COMBINING.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
      s = Normalizer.normalize(s, Normalizer.Form.NFC);
    }
    return s;
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
