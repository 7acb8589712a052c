package org.plenary.proposal;

import java.util.ArrayList;
import java.util.List;
import org.plenary.domain.DomainException;

/**
 * A span of a paragraph's text, anchored like a W3C Web Annotation {@code TextQuoteSelector} (the quoted
 * {@code exact} text with some {@code prefix} and {@code suffix} context) plus a {@code TextPositionSelector}
 * ({@code start} inclusive, {@code end} exclusive, in Unicode code points as the W3C model counts them).
 *
 * <pre>
 *   Anchor.resolve("لا يزال 2,9 مليار شخص", new Anchor.Input("2,9", null, null, null, null))
 *     → Anchor("2,9", "لا يزال ", " مليار شخص", 8, 11)
 * </pre>
 */
public record Anchor(String exact, String prefix, String suffix, int start, int end) {
  /** How much context {@link #resolve} stores on each side when the client sent none. */
  static final int CONTEXT = 32;

  /** What the client sent; any part but {@code exact} may be missing. */
  public record Input(String exact, String prefix, String suffix, Integer start, Integer end) {}

  /** The anchor as the API shows it: a W3C Web Annotation {@code TextQuoteSelector} with code point offsets. */
  public java.util.Map<String, Object> selector() {
    return selector(exact, prefix, suffix, start, end);
  }

  /** A {@code TextQuoteSelector} with code point offsets, the one JSON shape of every anchor the API shows. */
  public static java.util.Map<String, Object> selector(String exact, String prefix, String suffix, int start,
      int end) {
    java.util.Map<String, Object> a = new java.util.LinkedHashMap<>();
    a.put("type", "TextQuoteSelector");
    a.put("exact", exact);
    a.put("prefix", prefix);
    a.put("suffix", suffix);
    a.put("start", start);
    a.put("end", end);
    return a;
  }

  /**
   * The span's text replaced by {@code replacement} in {@code paragraph}: at the stored offsets when they still
   * hold {@code exact}, otherwise at the one place the quote (with its prefix and suffix) singles out, as a
   * {@code TextQuoteSelector} is re-anchored; null when the quoted words are no longer in the paragraph (a
   * proposal carried forward whose words the next revision changed: it needs a rebase).
   */
  public String apply(String paragraph, String replacement) {
    int[] at = locate(paragraph);
    if (at == null) {
      return null;
    }
    int s = paragraph.offsetByCodePoints(0, at[0]);
    int e = paragraph.offsetByCodePoints(0, at[1]);
    return paragraph.substring(0, s) + replacement + paragraph.substring(e);
  }

  /** Whether the span is in {@code paragraph} (at its offsets, or singled out by its quote). */
  public boolean fits(String paragraph) {
    return locate(paragraph) != null;
  }

  /** The span's code point offsets in {@code paragraph}, or null when it cannot be found there. */
  private int[] locate(String paragraph) {
    int length = paragraph.codePointCount(0, paragraph.length());
    if (start >= 0 && end <= length && start < end) {
      int s = paragraph.offsetByCodePoints(0, start);
      int e = paragraph.offsetByCodePoints(s, end - start);
      if (paragraph.substring(s, e).equals(exact)) {
        return new int[] {start, end};
      }
    }
    try {
      Anchor found = resolve(paragraph, new Input(exact, prefix, suffix, null, null));
      return new int[] {found.start(), found.end()};
    } catch (DomainException notThere) {
      return null;
    }
  }

  /**
   * Finds the span in {@code paragraph}: at the given offsets when sent (they must hold {@code exact} and agree
   * with prefix and suffix), otherwise the one occurrence of {@code exact} that prefix and suffix single out.
   * Throws a validation problem naming the field that does not match.
   */
  public static Anchor resolve(String paragraph, Input in) {
    List<DomainException.FieldError> errors = new ArrayList<>();
    if (in.exact() == null || in.exact().isEmpty()) {
      throw DomainException.invalid("anchor.exact", "is required: the quoted text of the span");
    }
    String exact = in.exact();
    String prefix = in.prefix() == null ? "" : in.prefix();
    String suffix = in.suffix() == null ? "" : in.suffix();
    int[] cps = paragraph.codePoints().toArray();
    int length = cps.length;
    if (in.start() != null || in.end() != null) {
      if (in.start() == null || in.end() == null) {
        throw DomainException.invalid(in.start() == null ? "anchor.start" : "anchor.end",
            "start and end go together (code point offsets into the paragraph)");
      }
      int start = in.start();
      int end = in.end();
      if (start < 0 || end > length || start >= end) {
        throw DomainException.invalid("anchor.start", "offsets " + start + ".." + end
            + " are outside the paragraph, which has " + length + " characters");
      }
      String at = new String(cps, start, end - start);
      if (!at.equals(exact)) {
        errors.add(new DomainException.FieldError("anchor.exact", "does not match the paragraph at " + start + ".." + end
            + ", which reads \"" + at + "\""));
      } else {
        if (!before(cps, start).endsWith(prefix)) {
          errors.add(new DomainException.FieldError("anchor.prefix", "does not match the text before the span"));
        }
        if (!after(cps, end).startsWith(suffix)) {
          errors.add(new DomainException.FieldError("anchor.suffix", "does not match the text after the span"));
        }
      }
      if (!errors.isEmpty()) {
        throw DomainException.invalid(errors);
      }
      return withContext(cps, exact, start, end, in);
    }
    List<Integer> matches = new ArrayList<>();
    int total = 0;
    int exactLength = PlainText.length(exact);
    for (int from = paragraph.indexOf(exact); from >= 0; from = paragraph.indexOf(exact, from + 1)) {
      total++;
      int start = paragraph.codePointCount(0, from);
      int end = start + exactLength;
      if (before(cps, start).endsWith(prefix) && after(cps, end).startsWith(suffix)) {
        matches.add(start);
      }
    }
    if (total == 0) {
      throw DomainException.invalid("anchor.exact", "\"" + exact + "\" does not occur in the paragraph");
    }
    if (matches.isEmpty()) {
      throw DomainException.invalid(in.prefix() != null ? "anchor.prefix" : "anchor.suffix",
          "no occurrence of \"" + exact + "\" has this prefix and suffix");
    }
    if (matches.size() > 1) {
      throw DomainException.invalid("anchor.exact", "\"" + exact + "\" occurs " + matches.size()
          + " times; add a prefix or suffix, or start and end, to say which one");
    }
    int start = matches.get(0);
    return withContext(cps, exact, start, start + exactLength, in);
  }

  private static Anchor withContext(int[] cps, String exact, int start, int end, Input in) {
    String prefix = in.prefix() != null ? in.prefix() : tail(before(cps, start), CONTEXT);
    String suffix = in.suffix() != null ? in.suffix() : head(after(cps, end), CONTEXT);
    return new Anchor(exact, prefix, suffix, start, end);
  }

  private static String before(int[] cps, int start) {
    return new String(cps, 0, start);
  }

  private static String after(int[] cps, int end) {
    return new String(cps, end, cps.length - end);
  }

  private static String tail(String s, int n) {
    int cps = PlainText.length(s);
    return cps <= n ? s : s.substring(s.offsetByCodePoints(0, cps - n));
  }

  private static String head(String s, int n) {
    int cps = PlainText.length(s);
    return cps <= n ? s : s.substring(0, s.offsetByCodePoints(0, n));
  }
}
