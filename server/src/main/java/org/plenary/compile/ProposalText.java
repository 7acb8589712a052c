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

  /**
   * The proposed text without a leading copy of the paragraph's number: delegations paste "3 بضمن …"
   * or "(أ) أنه …" while the stored paragraph text is without its number.
   */
  static String withoutNumber(String proposed, String number, String paragraphText) {
    String p = proposed.strip();
    if (number == null || number.isBlank() || paragraphText.startsWith(number)) {
      return p;
    }
    String n = number.strip();
    if (p.startsWith(n) && p.length() > n.length() && Character.isWhitespace(p.charAt(n.length()))) {
      return p.substring(n.length()).strip();
    }
    return p;
  }
}
