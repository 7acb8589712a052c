package org.plenary.draft;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The short names negotiators cite paragraphs by: "PP3" (the third preambular paragraph), "OP6 bis", "OP2(b)(ii)",
 * "OP1(ح)", a report's "2.1". A written number is not enough on its own: an ITU resolution letters its preambular
 * items (أ), (ب)… afresh under every heading and numbers its operative items 1, 2… afresh under every "resolves",
 * "invites", so "(أ)" names three paragraphs; the citation names one.
 *
 * <ul>
 *   <li>preambular paragraphs: {@code PP} and their place among the preambular paragraphs, counted from 1;</li>
 *   <li>operative paragraphs: {@code OP} and their written number when the draft's operative numbers are
 *       unique (alternatives of one paragraph share theirs), else their place among the operative paragraphs;
 *       an alternative adds " Alt 1"; Arabic-Indic digits are written as 0–9 (the code is Latin anyway);</li>
 *   <li>an unnumbered alternative that continues a set ("[Alt 2: Invites …]" after "2 bis. [Alt 1: …]", or after
 *       the paragraph it is the second alternative of) shares the citation of the paragraph before:
 *       {@code OP2 bis Alt 2}, {@code PP4 Alt 2}; preambular alternatives are cited {@code PP4 Alt 1};</li>
 *   <li>sub-paragraphs: their parent's citation and their letter, {@code OP2(b)(ii)};</li>
 *   <li>report paragraphs and numbered sections: their number; footnotes: the citing paragraph's and
 *       {@code fn¹}; everything else (title, headings, unnumbered prose): none.</li>
 * </ul>
 *
 * <pre>
 *   Citations.of(List.of(new Citations.Item(7, null, "preambular", null, null), new Citations.Item(8, null, "operative", "1.", null)))
 *   → ["PP1", "OP1"]
 * </pre>
 */
public final class Citations {
  private Citations() {}

  /** What a citation needs of a paragraph: its id, its parent's (or null), kind code, written number, alternative. */
  public record Item(long id, Long parent, String kind, String number, String alt) {}

  /** The citation of each item, in document order (null where a paragraph has none). */
  public static List<String> of(List<Item> items) {
    boolean uniqueOperatives = uniqueOperativeNumbers(items);
    List<String> out = new ArrayList<>(items.size());
    java.util.Map<Long, String> byId = new java.util.HashMap<>();
    int preambular = 0;
    int operative = 0;
    Item previous = null;
    String previousBase = null;
    for (Item p : items) {
      String parent = p.parent() == null ? null : byId.get(p.parent());
      boolean body = p.kind().equals("preambular") || p.kind().equals("operative");
      String label;
      String base = null;
      if (body && continuesAlternatives(previous, p)) {
        // "[Alt 2: Invites …]" after "2 bis. [Alt 1: Encourages …]": OP2 bis Alt 2, same base, no new count.
        base = previousBase;
        label = base + " " + p.alt();
      } else {
        label = switch (p.kind()) {
          case "preambular" -> {
            base = "PP" + ++preambular;
            yield base + (p.alt() == null ? "" : " " + p.alt());
          }
          case "operative" -> {
            operative++;
            String written = number(p.number());
            base = "OP" + (uniqueOperatives && written != null ? written : String.valueOf(operative));
            yield base + (p.alt() == null ? "" : " " + p.alt());
          }
          case "subparagraph" -> parent == null || number(p.number()) == null ? null
              : parent + letter(number(p.number()));
          case "report_paragraph", "section" -> number(p.number());
          case "footnote" -> parent == null || p.number() == null ? null : parent + " fn" + p.number().strip();
          default -> null;
        };
      }
      out.add(label);
      byId.put(p.id(), label);
      if (!p.kind().equals("footnote")) {
        previous = p;
        previousBase = base;
      }
    }
    return out;
  }

  /**
   * Whether {@code p} is one more alternative of the paragraph before it: an alternative of the same kind and
   * parent, without a number of its own (or with the same one), that continues a set (the one before is an
   * alternative too, or this one is "Alt 2" or later).
   */
  private static boolean continuesAlternatives(Item previous, Item p) {
    if (p.alt() == null || previous == null || !previous.kind().equals(p.kind())
        || !java.util.Objects.equals(previous.parent(), p.parent())) {
      return false;
    }
    String n = number(p.number());
    if (n != null && !n.equals(number(previous.number()))) {
      return false;
    }
    return previous.alt() != null || altOrdinal(p.alt()) >= 2;
  }

  /** The number of an alternative ("Alt 2" → 2, "البديل ١" → 1), or 0. */
  private static int altOrdinal(String alt) {
    String digits = number(alt.replaceAll("[^0-9\u0660-\u0669\u06F0-\u06F9]", ""));
    return digits == null ? 0 : Integer.parseInt(digits);
  }

  /** Whether every numbered operative paragraph has a number of its own (alternatives may share one). */
  private static boolean uniqueOperativeNumbers(List<Item> items) {
    Set<String> seen = new HashSet<>();
    for (Item p : items) {
      if (p.kind().equals("operative")) {
        String n = number(p.number());
        if (n == null && p.alt() != null) {
          continue;
        }
        if (n == null) {
          return false;
        }
        if (!seen.add(n) && p.alt() == null) {
          return false;
        }
      }
    }
    return true;
  }

  /** A written number without its punctuation ("3 bis." → "3 bis", "١ -" → "1"), or null. */
  public static String number(String written) {
    if (written == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(written.length());
    written.strip().codePoints().forEach(c -> {
      if (c >= '\u0660' && c <= '\u0669') {
        b.append((char) ('0' + c - '\u0660'));
      } else if (c >= '\u06F0' && c <= '\u06F9') {
        b.append((char) ('0' + c - '\u06F0'));
      } else {
        b.appendCodePoint(c);
      }
    });
    String n = b.toString().replaceAll("^[-–(\\s]+|[-–.)،,:\\s]+$", "").replaceAll("\\s+", " ");
    return n.isEmpty() ? null : n;
  }

  /** A sub-paragraph's letter in parentheses: "a)", "(a)", "- (أ)" → "(a)", "(أ)". */
  private static String letter(String n) {
    String core = n.replaceAll("^[-–(\\s]+|[).\\s]+$", "");
    return "(" + core + ")";
  }
}
