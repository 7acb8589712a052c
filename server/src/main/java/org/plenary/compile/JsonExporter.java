package org.plenary.compile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import org.plenary.compile.ConsolidatedDocument.Amendment;
import org.plenary.compile.ConsolidatedDocument.Entry;
import org.plenary.compile.ConsolidatedDocument.Remark;
import org.plenary.compile.ConsolidatedDocument.Sponsor;
import org.plenary.diff.DiffOp;

/**
 * The consolidated document as JSON, described by {@code docs/compilation.schema.json}. Written by hand
 * (the core has no JSON library) as a stream, in the model's order.
 */
public final class JsonExporter implements Exporter {
  /** Submission times: exact when attributed, the day only ("2026-11-20") in non-attributed mode. */
  private boolean daysOnly;

  @Override
  public void write(ConsolidatedDocument doc, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    daysOnly = !doc.options().attributed();
    ConsolidatedDocument.Header h = doc.header();
    CompilationOptions o = doc.options();
    w.write("{\"negotiation\":{\"id\":" + h.negotiationId() + ",\"title\":" + s(h.negotiation()) + "},");
    w.write("\"revision\":{\"id\":" + h.revisionId() + ",\"label\":" + s(h.revision()) + "},");
    w.write("\"date\":" + s(DateTimeFormatter.ISO_INSTANT.format(h.date())) + ",");
    w.write("\"options\":{\"attributed\":" + o.attributed() + ",\"language\":" + s(o.language().code())
        + ",\"rationale\":" + o.rationale() + ",\"layout\":" + s(o.layout().name().toLowerCase()) + ",\"itu\":"
        + o.itu() + ",\"wordComments\":" + o.wordComments() + ",\"ignoreDiacritics\":" + o.ignoreDiacritics() + ",\"emptyParagraphs\":" + o.emptyParagraphs()
        + ",\"delegations\":" + strings(o.delegations().stream().sorted().toList()) + ",\"groups\":"
        + strings(o.groups().stream().sorted().toList()) + ",\"kinds\":"
        + strings(o.kinds().stream().map(ProposalKind::code).sorted().toList()) + ",\"states\":"
        + strings(o.states().stream().sorted().toList()) + ",\"from\":" + o.from() + ",\"to\":" + o.to() + "},");
    ConsolidatedDocument.Counts c = h.counts();
    w.write("\"counts\":{\"paragraphs\":" + c.paragraphs() + ",\"contested\":" + c.contested() + ",\"amendments\":"
        + c.amendments() + ",\"submissions\":" + c.submissions() + ",\"delegations\":" + c.delegations()
        + ",\"reactions\":" + c.reactions() + ",\"remarks\":" + c.remarks() + "},");
    w.write("\"summary\":{\"paragraphs\":[");
    boolean first = true;
    for (ConsolidatedDocument.ParagraphRow r : doc.summary().paragraphs()) {
      w.write((first ? "" : ",") + "{\"id\":" + r.id() + ",\"label\":" + s(r.label()) + ",\"anchor\":"
          + s(r.anchor()) + ",\"amendments\":" + r.amendments() + ",\"reactions\":" + r.reactions() + ",\"remarks\":"
          + r.remarks() + ",\"delegations\":" + r.delegations() + "}");
      first = false;
    }
    w.write("],\"delegations\":[");
    first = true;
    for (ConsolidatedDocument.DelegationRow r : doc.summary().delegations()) {
      w.write((first ? "" : ",") + "{\"code\":" + s(r.code()) + ",\"name\":" + s(r.name()) + ",\"amendments\":"
          + r.amendments() + ",\"cosponsored\":" + r.cosponsored() + ",\"reactions\":" + r.reactions()
          + ",\"remarks\":" + r.remarks() + ",\"paragraphs\":" + r.paragraphs() + "}");
      first = false;
    }
    w.write("]},\"paragraphs\":[");
    first = true;
    for (Entry e : doc.entries()) {
      ConsolidatedDocument.Paragraph p = e.paragraph();
      w.write((first ? "" : ",") + "{\"id\":" + p.id() + ",\"position\":" + p.position() + ",\"number\":"
          + s(p.number()) + ",\"label\":" + s(p.label()) + ",\"anchor\":" + s(p.anchor()) + ",\"kind\":"
          + s(p.kind()) + ",\"direction\":" + s(p.direction().code()) + ",\"text\":" + s(p.text())
          + ",\"amendments\":[");
      first = false;
      boolean firstA = true;
      for (Amendment a : e.amendments()) {
        w.write(firstA ? "" : ",");
        amendment(w, a);
        firstA = false;
      }
      w.write("],\"remarks\":");
      remarks(w, e.remarks());
      w.write("}");
    }
    w.write("],\"general\":");
    remarks(w, doc.general());
    w.write(",\"fates\":[");
    boolean firstFate = true;
    for (ConsolidatedDocument.FateRow f : doc.fates()) {
      w.write((firstFate ? "" : ",") + "{\"id\":" + (f.id() == null ? "null" : id(f.id()))
          + ",\"paragraph\":" + s(f.paragraph()) + ",\"kind\":" + s(f.kind()) + ",\"by\":" + s(f.by())
          + ",\"fate\":" + s(f.fate()) + ",\"fateLabel\":" + s(f.fateLabel()) + ",\"revision\":" + s(f.revision())
          + "}");
      firstFate = false;
    }
    w.write("]}\n");
    w.flush();
  }

  private void amendment(Writer w, Amendment a) throws IOException {
    w.write("{\"seq\":" + a.seq() + ",\"ids\":" + ids(a.ids()) + ",\"kind\":" + s(a.kind().code())
        + ",\"kindLabel\":" + s(a.kindLabel()) + ",\"ituLabel\":" + s(a.ituLabel()) + ",\"sponsors\":[");
    boolean first = true;
    for (Sponsor sp : a.sponsors()) {
      w.write((first ? "" : ",") + "{\"delegation\":" + s(sp.delegation()) + ",\"name\":" + s(sp.name())
          + ",\"onBehalfOf\":" + s(sp.onBehalfOf()) + ",\"onBehalfOfName\":" + s(sp.onBehalfOfName())
          + ",\"cosponsors\":" + strings(sp.cosponsors()) + ",\"cosponsorNames\":" + strings(sp.cosponsorNames())
          + "}");
      first = false;
    }
    w.write("],\"author\":" + s(a.author()) + ",\"attribution\":" + s(a.attribution()) + ",\"text\":" + s(a.text())
        + ",\"direction\":" + s(a.direction().code()) + ",\"changes\":[");
    first = true;
    for (DiffOp op : a.changes()) {
      w.write((first ? "" : ",") + "{\"op\":" + s(op.type().code()) + ",\"text\":" + s(op.text()) + "}");
      first = false;
    }
    w.write("],\"rationales\":" + strings(a.rationales()) + ",\"date\":" + date(a.date()) + ",\"reactions\":");
    remarks(w, a.reactions());
    w.write("}");
  }

  private void remarks(Writer w, List<Remark> remarks) throws IOException {
    w.write("[");
    boolean first = true;
    for (Remark r : remarks) {
      w.write((first ? "" : ",") + "{\"id\":" + id(r.id()) + ",\"kind\":" + s(r.kind().code()) + ",\"kindLabel\":"
          + s(r.kindLabel()) + ",\"delegation\":" + s(r.delegation()) + ",\"by\":" + s(r.by()) + ",\"text\":"
          + s(r.text()) + ",\"direction\":" + s(r.direction().code()) + ",\"target\":"
          + (r.target() > 0 ? Integer.toString(r.target()) : "null") + ",\"date\":" + date(r.date()) + "}");
      first = false;
    }
    w.write("]");
  }

  private String date(Instant i) {
    return s(daysOnly ? DateTimeFormatter.ISO_LOCAL_DATE.format(i.atOffset(java.time.ZoneOffset.UTC))
        : DateTimeFormatter.ISO_INSTANT.format(i));
  }

  /** Proposal ids are numbers, as in the API; an id that is not one (a test's "p1") stays a string. */
  static String id(String v) {
    return v != null && v.matches("[0-9]{1,18}") ? v : s(v);
  }

  private static String ids(Collection<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (String v : values) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(id(v));
    }
    return b.append(']').toString();
  }

  private static String strings(Collection<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (String v : values) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(s(v));
    }
    return b.append(']').toString();
  }

  /** A JSON string literal (or null), escaping quotes, backslashes, controls and the line separators. */
  static String s(String v) {
    if (v == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(v.length() + 2).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
