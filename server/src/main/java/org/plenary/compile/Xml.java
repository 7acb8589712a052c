package org.plenary.compile;

/** Text made safe for XML and HTML. */
public final class Xml {
  private Xml() {}

  /** Drops characters XML 1.0 forbids (C0 controls other than tab and line breaks, lone surrogates, FFFE/FFFF). */
  public static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
          || Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
          || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
      if (!ok && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      } else if (ok && b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /** Escapes for HTML text and attribute values (also quotes), after {@link #clean}. */
  static void escape(StringBuilder out, String s) {
    String t = clean(s);
    int from = 0;
    for (int i = 0; i < t.length(); i++) {
      String entity = switch (t.charAt(i)) {
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '&' -> "&amp;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (entity != null) {
        // the runs between the characters to escape go in whole
        out.append(t, from, i).append(entity);
        from = i + 1;
      }
    }
    out.append(t, from, t.length());
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s == null ? 0 : s.length() + 16);
    escape(b, s);
    return b.toString();
  }
}
