package org.plenary.compile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.plenary.compile.ConsolidatedDocument.Amendment;
import org.plenary.compile.ConsolidatedDocument.Entry;
import org.plenary.compile.ConsolidatedDocument.Remark;
import org.plenary.diff.DiffOp;
import org.plenary.draft.Direction;

/**
 * The consolidated document as CommonMark (with GitHub tables): changes as inline {@code <ins>}/{@code
 * <del>}, an HTML anchor before each paragraph heading. User text is escaped for both Markdown and HTML,
 * so a delegation's text can neither format the page nor inject markup.
 */
public final class MarkdownExporter implements Exporter {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  @Override
  public void write(ConsolidatedDocument doc, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    Labels l = doc.labels();
    ConsolidatedDocument.Header h = doc.header();
    boolean rtl = l.language().rtl();
    if (rtl) {
      // Renderers lay Markdown out left to right: an Arabic document is wrapped in an RTL block (GitHub,
      // GitLab and most renderers keep dir on a div), and so is every paragraph whose direction differs
      w.append("<div dir=\"rtl\" lang=\"ar\">\n\n");
    }
    w.append("# ").append(md(h.negotiation())).append("\n\n*")
        .append(md(l.title() + " — " + h.revision() + " — " + DAY.format(h.date()))).append("*\n\n");
    ConsolidatedDocument.Counts c = h.counts();
    String sep = l.language().rtl() ? "، " : " · ";
    w.append(md(l.paragraphs() + ": " + c.paragraphs() + sep + l.contested() + ": " + c.contested() + sep
        + l.amendments() + ": " + c.amendments() + sep + l.reactions() + ": " + c.reactions() + sep + l.remarks()
        + ": " + c.remarks() + (doc.options().attributed() ? sep + l.delegations() + ": " + c.delegations() : "")))
        .append("\n\n## ").append(md(l.summaryByParagraph())).append("\n\n");
    row(w, l.paragraph(), l.amendments(), l.reactions(), l.remarks(), l.delegations());
    w.append("|---|--:|--:|--:|--:|\n");
    for (ConsolidatedDocument.ParagraphRow r : doc.summary().paragraphs()) {
      w.append("| [").append(md(r.label())).append("](#").append(r.anchor()).append(") | ").append(n(r.amendments()))
          .append(" | ").append(n(r.reactions())).append(" | ").append(n(r.remarks())).append(" | ")
          .append(doc.options().attributed() ? n(r.delegations()) : "—").append(" |\n");
    }
    if (doc.options().attributed()) {
      w.append("\n## ").append(md(l.summaryByDelegation())).append("\n\n");
      row(w, l.delegation(), l.amendments(), l.cosponsored(), l.reactions(), l.remarks(), l.paragraphs());
      w.append("|---|--:|--:|--:|--:|--:|\n");
      for (ConsolidatedDocument.DelegationRow r : doc.summary().delegations()) {
        row(w, r.name().equals(r.code()) ? r.code() : r.name() + " (" + r.code() + ")", n(r.amendments()),
            n(r.cosponsored()), n(r.reactions()), n(r.remarks()), n(r.paragraphs()));
      }
    }
    for (Entry e : doc.entries()) {
      w.append("\n<a id=\"").append(e.paragraph().anchor()).append("\"></a>\n\n## ")
          .append(md(l.paragraph() + " " + e.paragraph().label())).append("\n\n");
      open(w, e.paragraph().direction(), rtl);
      w.append("> ").append(md(e.paragraph().text())).append("\n");
      close(w, e.paragraph().direction(), rtl);
      for (Amendment a : e.amendments()) {
        w.append("\n<a id=\"a-").append(Integer.toString(a.seq())).append("\"></a>**")
            .append(md("[" + a.seq() + "] " + a.kindLabel() + (a.ituLabel() == null ? "" : " (" + a.ituLabel() + ")")))
            .append("** — ").append(md(a.attribution())).append("\n\n");
        open(w, a.direction(), rtl);
        w.append("> ");
        for (DiffOp op : CompilationBuilder.separated(a.changes())) {
          switch (op.type()) {
            case EQUAL -> w.append(md(op.text()));
            case INSERT -> w.append("<ins>").append(md(op.text())).append("</ins>");
            case DELETE -> w.append("<del>").append(md(op.text())).append("</del>");
          }
        }
        w.append("\n");
        close(w, a.direction(), rtl);
        for (String r : a.rationales()) {
          w.append("\n*").append(md(l.rationale() + ": " + r)).append("*\n");
        }
        remarks(w, a.reactions(), l);
      }
      remarks(w, e.remarks(), l);
    }
    if (!doc.general().isEmpty()) {
      w.append("\n## ").append(md(l.generalRemarks())).append("\n");
      remarks(w, doc.general(), l);
    }
    if (!doc.fates().isEmpty()) {
      w.append("\n## ").append(md(l.statusOfProposals())).append("\n\n");
      List<String> heads = l.fateColumns();
      row(w, heads.get(0), heads.get(1), heads.get(2), heads.get(3), heads.get(4));
      w.append("|---|---|---|---|---|\n");
      for (ConsolidatedDocument.FateRow f : doc.fates()) {
        row(w, f.paragraph(), f.kind(), f.by(), f.fateLabel(), f.revision());
      }
    }
    if (rtl) {
      w.append("\n</div>\n");
    }
    w.flush();
  }

  /** Opens a block in {@code d} when the document runs the other way. */
  private static void open(Writer w, Direction d, boolean documentRtl) throws IOException {
    if ((d == Direction.RTL) != documentRtl) {
      w.append(d == Direction.RTL ? "<div dir=\"rtl\" lang=\"ar\">\n\n" : "<div dir=\"ltr\" lang=\"en\">\n\n");
    }
  }

  private static void close(Writer w, Direction d, boolean documentRtl) throws IOException {
    if ((d == Direction.RTL) != documentRtl) {
      w.append("\n</div>\n");
    }
  }

  private static void remarks(Writer w, List<Remark> remarks, Labels l) throws IOException {
    if (remarks.isEmpty()) {
      return;
    }
    w.append("\n");
    for (Remark r : remarks) {
      w.append("- **").append(md(r.kindLabel())).append("**");
      if (r.target() > 0) {
        w.append(" ([").append(md(l.concerns() + " [" + r.target() + "]")).append("](#a-")
            .append(Integer.toString(r.target())).append("))");
      }
      if (r.by() != null) {
        w.append(" — ").append(md(r.by()));
      }
      if (!r.text().isEmpty()) {
        w.append(": ").append(md(r.text()));
      }
      w.append("\n");
    }
  }

  private static void row(Writer w, String... cells) throws IOException {
    w.append("|");
    for (String c : cells) {
      w.append(" ").append(md(c)).append(" |");
    }
    w.append("\n");
  }

  private static String n(int i) {
    return Integer.toString(i);
  }

  /** One line of text, Markdown punctuation backslash-escaped, HTML's {@code & < >} as entities. */
  static String md(String s) {
    String t = Xml.clean(s);
    StringBuilder b = new StringBuilder(t.length() + 8);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '!' -> b.append('\\').append(c);
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\n', '\r' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
