package org.plenary.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenary.testing.Samples;

/**
 * The shared Resolution 88 pair as a structured importer would store it: one paragraph per non-blank
 * line, the number ("(ح)", "3", "¹") split off the text. Ids of Rev.1 come from a test aligner (same id
 * for the most similar zero-draft paragraph), so the revision diff can be tested apart from the importer.
 */
final class SampleRevisions {
  private static final Pattern NUMBER = Pattern.compile("^(?:- )?(\\([^)\\s]{1,3}\\)|\\d+|¹)\\s+(.*)$");

  private SampleRevisions() {}

  static List<ParagraphText> read(String sample, long firstId) {
    List<ParagraphText> out = new ArrayList<>();
    long id = firstId;
    for (String raw : Samples.text(sample).split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = NUMBER.matcher(line);
      String number = null;
      String text = line.startsWith("- ") ? line.substring(2) : line;
      if (m.matches()) {
        number = m.group(1);
        text = m.group(2);
      }
      out.add(new ParagraphText(id++, number, null, null, text, "rtl"));
    }
    return out;
  }

  static List<ParagraphText> zero() {
    return read("ar-itu-res88-zero.txt", 1);
  }

  /** Rev.1 with fresh ids (1000…), as if nothing had been aligned. */
  static List<ParagraphText> rev1Unaligned() {
    return read("ar-itu-res88-rev1.txt", 1000);
  }

  /** Rev.1 with ids carried over from the most similar zero-draft paragraph (word-set Dice ≥ 0.5). */
  static List<ParagraphText> rev1Aligned() {
    List<ParagraphText> zero = zero();
    Set<Long> used = new HashSet<>();
    List<ParagraphText> out = new ArrayList<>();
    for (ParagraphText p : rev1Unaligned()) {
      ParagraphText best = null;
      double bestScore = 0.5;
      for (ParagraphText z : zero) {
        double s = dice(z.text(), p.text());
        if (!used.contains(z.id()) && s >= bestScore) {
          best = z;
          bestScore = s;
        }
      }
      if (best != null) {
        used.add(best.id());
        out.add(new ParagraphText(best.id(), p.number(), p.kind(), p.parent(), p.text(), p.direction()));
      } else {
        out.add(p);
      }
    }
    return out;
  }

  static double dice(String a, String b) {
    Set<String> x = new HashSet<>(List.of(a.split("\\s+")));
    Set<String> y = new HashSet<>(List.of(b.split("\\s+")));
    Set<String> both = new HashSet<>(x);
    both.retainAll(y);
    return 2.0 * both.size() / (x.size() + y.size());
  }
}
