package org.plenary.compile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.plenary.compile.ConsolidatedDocument.Amendment;
import org.plenary.compile.ConsolidatedDocument.Entry;
import org.plenary.compile.ConsolidatedDocument.Remark;
import org.plenary.diff.DiffOp;
import org.plenary.draft.Direction;

/**
 * The consolidated document as one print-ready HTML page: A4 print CSS with page breaks, {@code dir} on
 * every paragraph, an anchor per paragraph ({@code #p-12}) and per amendment ({@code #a-3}), changes as
 * {@code <ins>}/{@code <del>}. Every piece of user text is escaped; the page loads nothing.
 */
public final class HtmlExporter implements Exporter {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  static final String CSS = """
      :root{font-family:Arial,"Liberation Sans",sans-serif;line-height:1.55;color:#111}
      :root:lang(ar),[lang=ar]{font-family:"Noto Naskh Arabic","Traditional Arabic",Arial,sans-serif}
      body{max-width:50rem;margin:2rem auto;padding:0 1rem}
      h1{text-align:center;font-size:1.6rem;margin-block-end:.3rem}
      .sub{text-align:center;color:#444;margin-block-start:0}
      .counts{text-align:center;color:#333}
      table{border-collapse:collapse;width:100%;margin-block:.5rem 1rem;font-size:.9rem}
      th,td{border:1px solid #999;padding:.2rem .4rem;text-align:start;vertical-align:top}
      td.n{text-align:end;font-variant-numeric:tabular-nums}
      .summary{break-after:page}
      .entry h2{font-size:1.05rem;color:#1f3864;margin-block:1.4rem .3rem;break-after:avoid}
      .entry h2 a{color:inherit;text-decoration:none}
      .draft{text-align:justify;margin:0 0 .6rem}
      .amendment{margin-inline-start:1.2rem;padding-inline-start:.6rem;border-inline-start:3px solid #8eaadb;
        margin-block:.5rem;break-inside:avoid}
      .attribution{color:#1f3864;font-size:.9rem;margin:0}
      .proposed{text-align:justify;margin:.2rem 0}
      ins{text-decoration:underline;font-weight:bold;color:#05612b;background:#eaf6ee}
      del{text-decoration:line-through;color:#a10000;background:#fbeaea}
      del+ins{margin-inline-start:.25em}
      .rationale{color:#555;font-size:.9rem;margin:.2rem 0}
      .remarks,.reactions{margin:.2rem 0;padding-inline-start:1.2rem;font-size:.9rem}
      .kind{font-weight:bold}
      .layout td{width:50%}
      @page{size:A4;margin:2cm}
      @media print{body{max-width:none;margin:0}a{color:inherit;text-decoration:none}
        .entry{break-inside:auto}h1,h2{break-after:avoid}}
      """;

  @Override
  public void write(ConsolidatedDocument doc, OutputStream out) throws IOException {
    Labels l = doc.labels();
    String dir = l.language().rtl() ? "rtl" : "ltr";
    StringBuilder b = new StringBuilder(1 << 14);
    ConsolidatedDocument.Header h = doc.header();
    b.append("<!DOCTYPE html>\n<html lang=\"").append(l.language().code()).append("\" dir=\"").append(dir)
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n")
        .append("<title>");
    Xml.escape(b, h.negotiation() + " — " + h.revision() + " — " + l.title());
    b.append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<header>\n<h1 dir=\"")
        .append(dir(h.negotiation())).append("\">");
    Xml.escape(b, h.negotiation());
    b.append("</h1>\n<p class=\"sub\">");
    Xml.escape(b, l.title() + " — " + h.revision() + " — " + DAY.format(h.date()));
    b.append("</p>\n<p class=\"counts\">");
    ConsolidatedDocument.Counts c = h.counts();
    String sep = l.language().rtl() ? "، " : " · ";
    Xml.escape(b, l.paragraphs() + ": " + c.paragraphs() + sep + l.contested() + ": " + c.contested() + sep
        + l.amendments() + ": " + c.amendments() + sep + l.reactions() + ": " + c.reactions() + sep + l.remarks()
        + ": " + c.remarks() + (doc.options().attributed() ? sep + l.delegations() + ": " + c.delegations() : ""));
    b.append("</p>\n</header>\n<section class=\"summary\">\n<h2>");
    Xml.escape(b, l.summaryByParagraph());
    b.append("</h2>\n<table>\n<thead><tr>");
    th(b, l.paragraph(), l.amendments(), l.reactions(), l.remarks(), l.delegations());
    b.append("</tr></thead>\n<tbody>\n");
    for (ConsolidatedDocument.ParagraphRow r : doc.summary().paragraphs()) {
      b.append("<tr><td ").append(dirLang(Direction.of(r.label()))).append("><a href=\"#").append(r.anchor()).append("\">");
      Xml.escape(b, r.label());
      b.append("</a></td>");
      td(b, r.amendments());
      td(b, r.reactions());
      td(b, r.remarks());
      if (doc.options().attributed()) {
        td(b, r.delegations());
      } else {
        b.append("<td class=\"n\">—</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n");
    if (doc.options().attributed()) {
      b.append("<h2>");
      Xml.escape(b, l.summaryByDelegation());
      b.append("</h2>\n<table>\n<thead><tr>");
      th(b, l.delegation(), l.amendments(), l.cosponsored(), l.reactions(), l.remarks(), l.paragraphs());
      b.append("</tr></thead>\n<tbody>\n");
      for (ConsolidatedDocument.DelegationRow r : doc.summary().delegations()) {
        b.append("<tr><td>");
        Xml.escape(b, r.name().equals(r.code()) ? r.code() : r.name() + " (" + r.code() + ")");
        b.append("</td>");
        td(b, r.amendments());
        td(b, r.cosponsored());
        td(b, r.reactions());
        td(b, r.remarks());
        td(b, r.paragraphs());
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n");
    }
    b.append("</section>\n<main>\n");
    boolean table = doc.options().layout() == Layout.TABLE;
    if (table) {
      b.append("<table class=\"layout\">\n<thead><tr>");
      th(b, l.paragraph(), l.amendments());
      b.append("</tr></thead>\n<tbody>\n");
    }
    for (Entry e : doc.entries()) {
      ConsolidatedDocument.Paragraph p = e.paragraph();
      b.append(table ? "<tr class=\"entry\" id=\"" : "<section class=\"entry\" id=\"").append(p.anchor())
          .append("\">\n");
      if (table) {
        b.append("<td>");
      }
      b.append("<h2><a href=\"#").append(p.anchor()).append("\">");
      Xml.escape(b, l.paragraph() + " " + p.label());
      b.append("</a></h2>\n<p class=\"draft\" ").append(dirLang(p.direction())).append(">");
      Xml.escape(b, p.text());
      b.append("</p>\n");
      if (table) {
        b.append("</td><td>");
      }
      for (Amendment a : e.amendments()) {
        amendment(b, a, l);
      }
      remarks(b, e.remarks(), "remarks", l);
      b.append(table ? "</td></tr>\n" : "</section>\n");
      if (b.length() > 1 << 15) {
        // out in UTF-8 by the chunk (String.getBytes: much faster than a Writer's encoder on Arabic text)
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        b.setLength(0);
      }
    }
    if (table) {
      b.append("</tbody>\n</table>\n");
    }
    if (!doc.general().isEmpty()) {
      b.append("<section class=\"entry\" id=\"general\">\n<h2>");
      Xml.escape(b, l.generalRemarks());
      b.append("</h2>\n");
      remarks(b, doc.general(), "remarks", l);
      b.append("</section>\n");
    }
    if (!doc.fates().isEmpty()) {
      // the disposition: what became of each proposal in the next revision
      b.append("<section class=\"fates\" id=\"fates\">\n<h2>");
      Xml.escape(b, l.statusOfProposals());
      b.append("</h2>\n<table>\n<thead><tr>");
      for (String head : l.fateColumns()) {
        b.append("<th>");
        Xml.escape(b, head);
        b.append("</th>");
      }
      b.append("</tr></thead>\n<tbody>\n");
      for (ConsolidatedDocument.FateRow f : doc.fates()) {
        b.append("<tr class=\"fate-").append(f.fate()).append("\">");
        for (String cell : java.util.List.of(f.paragraph(), f.kind(), f.by(), f.fateLabel(), f.revision())) {
          b.append("<td dir=\"auto\">");
          Xml.escape(b, cell == null ? "" : cell);
          b.append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</tbody>\n</table>\n</section>\n");
    }
    b.append("</main>\n</body>\n</html>\n");
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void amendment(StringBuilder b, Amendment a, Labels l) {
    b.append("<article class=\"amendment kind-").append(a.kind().code()).append("\" id=\"a-").append(a.seq())
        .append("\">\n<p class=\"attribution\"><span class=\"kind\">[").append(a.seq()).append("] ");
    Xml.escape(b, a.kindLabel() + (a.ituLabel() == null ? "" : " (" + a.ituLabel() + ")"));
    b.append("</span> — ");
    Xml.escape(b, a.attribution());
    b.append("</p>\n<p class=\"proposed\" ").append(dirLang(a.direction())).append(">");
    for (DiffOp op : CompilationBuilder.separated(a.changes())) {
      switch (op.type()) {
        case EQUAL -> Xml.escape(b, op.text());
        case INSERT -> {
          b.append("<ins>");
          Xml.escape(b, op.text());
          b.append("</ins>");
        }
        case DELETE -> {
          b.append("<del>");
          Xml.escape(b, op.text());
          b.append("</del>");
        }
      }
    }
    b.append("</p>\n");
    for (String r : a.rationales()) {
      b.append("<p class=\"rationale\" ").append(dirLang(Direction.of(r))).append(">");
      Xml.escape(b, l.rationale() + ": " + r);
      b.append("</p>\n");
    }
    remarks(b, a.reactions(), "reactions", l);
    b.append("</article>\n");
  }

  private static void remarks(StringBuilder b, java.util.List<Remark> remarks, String cls, Labels l) {
    if (remarks.isEmpty()) {
      return;
    }
    b.append("<ul class=\"").append(cls).append("\">\n");
    for (Remark r : remarks) {
      b.append("<li class=\"kind-").append(r.kind().code()).append("\"><span class=\"kind\">");
      Xml.escape(b, r.kindLabel());
      if (r.target() > 0) {
        b.append(" (<a href=\"#a-").append(r.target()).append("\">");
        Xml.escape(b, l.concerns() + " [" + r.target() + "]");
        b.append("</a>)");
      }
      b.append("</span>");
      if (r.by() != null) {
        b.append(" — ");
        Xml.escape(b, r.by());
      }
      if (!r.text().isEmpty()) {
        b.append(": <span ").append(dirLang(r.direction())).append(">");
        Xml.escape(b, r.text());
        b.append("</span>");
      }
      b.append("</li>\n");
    }
    b.append("</ul>\n");
  }

  private static void th(StringBuilder b, String... cells) {
    for (String c : cells) {
      b.append("<th>");
      Xml.escape(b, c);
      b.append("</th>");
    }
  }

  private static void td(StringBuilder b, int n) {
    b.append("<td class=\"n\">").append(n).append("</td>");
  }

  private static String dir(String text) {
    return code(Direction.of(text));
  }

  /** The direction and language of a piece of text: {@code dir="rtl" lang="ar"}, {@code dir="ltr" lang="en"}. */
  private static String dirLang(Direction d) {
    return d == Direction.RTL ? "dir=\"rtl\" lang=\"ar\"" : "dir=\"ltr\" lang=\"en\"";
  }

  private static String code(Direction d) {
    return d == Direction.RTL ? "rtl" : "ltr";
  }
}
