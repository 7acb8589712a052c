package org.plenary.diff;

import java.util.List;
import java.util.Locale;

/**
 * HTML rendering: {@code <del>} and {@code <ins>}, {@code dir} set on every paragraph, all text escaped.
 * Inline (one column, a redline) or side by side (old and new columns). A whole document, printable.
 */
public final class DiffHtml {
  public enum Layout {
    INLINE, SIDE_BY_SIDE;

    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The layout for "inline" or "side-by-side", or null. */
    public static Layout fromCode(String code) {
      for (Layout l : values()) {
        if (l.code().equalsIgnoreCase(code.strip())) {
          return l;
        }
      }
      return null;
    }
  }

  private static final String STYLE = """
      body{font-family:"Times New Roman","Liberation Serif",serif;line-height:1.7;margin:2em;max-width:70em}
      :root:lang(ar),[lang=ar]{font-family:"Noto Naskh Arabic","Amiri","Times New Roman",serif}
      del+ins{margin-inline-start:.25em}
      ins{background:#d7f5dd;text-decoration:underline;color:#064}
      del{background:#fde2e1;text-decoration:line-through;color:#900}
      .para{margin:.6em 0;padding:.2em .6em;border-inline-start:4px solid transparent}
      .para.modified,.para.moved_modified,.para.split,.para.merged{border-inline-start-color:#c90}
      .para.inserted{border-inline-start-color:#2a2}.para.deleted{border-inline-start-color:#c22}
      .para.moved,.para.renumbered{border-inline-start-color:#58c}
      .change{font:600 .75em sans-serif;color:#555;margin-inline-end:.6em;text-transform:uppercase}
      .num{font-weight:bold;margin-inline-end:.4em}
      .eq-folded{border-bottom:1px dotted #888}
      table.side-by-side{border-collapse:collapse;width:100%}
      table.side-by-side td{vertical-align:top;padding:.3em .6em;border-top:1px solid #ddd;width:50%}
      .summary{color:#555}
      """;

  private DiffHtml() {}

  public static String revision(RevisionDiff.Result result, String fromLabel, String toLabel, Layout layout,
      String lang) {
    StringBuilder b = new StringBuilder(8192);
    String title = (fromLabel == null ? "" : fromLabel) + " → " + (toLabel == null ? "" : toLabel);
    b.append("<!DOCTYPE html>\n<html lang=\"").append(escape(lang == null ? "ar" : lang)).append("\">\n<head>")
        .append("<meta charset=\"utf-8\"><title>").append(escape(title)).append("</title><style>").append(STYLE)
        .append("</style></head>\n<body>\n<h1 dir=\"auto\">").append(escape(title)).append("</h1>\n")
        .append("<p class=\"summary\">").append(escape(DiffText.summary(result))).append("</p>\n");
    if (layout == Layout.SIDE_BY_SIDE) {
      b.append("<table class=\"side-by-side\">\n<thead><tr><th>").append(escape(fromLabel == null ? "" : fromLabel))
          .append("</th><th>").append(escape(toLabel == null ? "" : toLabel)).append("</th></tr></thead>\n<tbody>\n");
      for (RevisionDiff.Entry e : result.entries()) {
        String dir = dir(e);
        b.append("<tr class=\"para ").append(e.change().code()).append("\" data-id=\"").append(e.id()).append("\">");
        b.append("<td dir=\"").append(dir).append("\" lang=\"").append(lang(dir)).append("\">");
        if (e.fromText() != null) {
          number(b, e.fromNumber());
          side(b, e, true);
        }
        b.append("</td><td dir=\"").append(dir).append("\" lang=\"").append(lang(dir)).append("\">");
        if (e.toText() != null) {
          b.append("<span class=\"change\">").append(escape(e.change().code())).append("</span>");
          number(b, e.toNumber());
          side(b, e, false);
        }
        b.append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    } else {
      for (RevisionDiff.Entry e : result.entries()) {
        b.append("<div class=\"para ").append(e.change().code()).append("\" dir=\"").append(dir(e))
            .append("\" lang=\"").append(lang(dir(e))).append("\" data-id=\"").append(e.id()).append("\"><span class=\"change\">")
            .append(escape(e.change().code())).append("</span>");
        if (e.renumbered()) {
          b.append("<span class=\"num\">");
          if (e.fromNumber() != null) {
            b.append("<del>").append(escape(e.fromNumber())).append("</del>");
          }
          if (e.toNumber() != null) {
            b.append("<ins>").append(escape(e.toNumber())).append("</ins>");
          }
          b.append("</span>");
        } else {
          number(b, e.toNumber() != null ? e.toNumber() : e.fromNumber());
        }
        switch (e.change()) {
          case INSERTED -> b.append("<ins>").append(escape(e.toText())).append("</ins>");
          case DELETED -> b.append("<del>").append(escape(e.fromText())).append("</del>");
          default -> {
            if (e.ops().isEmpty()) {
              b.append(escape(e.toText()));
            } else {
              inline(b, e.ops());
            }
          }
        }
        b.append("</div>\n");
      }
    }
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  /** Inline HTML of word ops alone (a fragment), for a proposal against its paragraph. */
  public static String ops(List<DiffOp> ops) {
    StringBuilder b = new StringBuilder();
    inline(b, ops);
    return b.toString();
  }

  private static void inline(StringBuilder b, List<DiffOp> ops) {
    for (DiffOp op : ops) {
      switch (op.type()) {
        case EQUAL -> equal(b, op);
        case DELETE -> b.append("<del>").append(escape(op.text())).append("</del>");
        case INSERT -> b.append("<ins>").append(escape(op.text())).append("</ins>");
      }
    }
  }

  private static void equal(StringBuilder b, DiffOp op) {
    if (op.oldText() == null) {
      b.append(escape(op.text()));
    } else {
      // Different only in what the comparison ignored: shown as it now reads, the old form on hover.
      b.append("<span class=\"eq-folded\" title=\"").append(escape(op.oldText())).append("\">")
          .append(escape(op.text())).append("</span>");
    }
  }

  private static void side(StringBuilder b, RevisionDiff.Entry e, boolean old) {
    if (e.ops().isEmpty()) {
      b.append(old ? (e.change() == RevisionDiff.Change.DELETED ? "<del>" + escape(e.fromText()) + "</del>"
          : escape(e.fromText())) : (e.change() == RevisionDiff.Change.INSERTED ? "<ins>" + escape(e.toText())
          + "</ins>" : escape(e.toText())));
      return;
    }
    for (DiffOp op : e.ops()) {
      switch (op.type()) {
        case EQUAL -> b.append(escape(old ? op.oldSide() : op.text()));
        case DELETE -> {
          if (old) {
            b.append("<del>").append(escape(op.text())).append("</del>");
          }
        }
        case INSERT -> {
          if (!old) {
            b.append("<ins>").append(escape(op.text())).append("</ins>");
          }
        }
      }
    }
  }

  private static void number(StringBuilder b, String number) {
    if (number != null) {
      b.append("<span class=\"num\">").append(escape(number)).append("</span>");
    }
  }

  /** The language a paragraph's direction implies: Arabic right to left, English otherwise. */
  private static String lang(String dir) {
    return dir.equals("rtl") ? "ar" : "en";
  }

  private static String dir(RevisionDiff.Entry e) {
    return "ltr".equals(e.direction()) ? "ltr" : "rtl";
  }

  /** Escapes text for element content and attribute values; line breaks (splits, merges) become {@code <br>}. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        case '\n' -> "<br>";
        default -> null;
      };
      if (r != null && b == null) {
        b = new StringBuilder(s.length() + 16);
        b.append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }
}
