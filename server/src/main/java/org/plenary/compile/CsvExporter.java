package org.plenary.compile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.plenary.compile.ConsolidatedDocument.Amendment;
import org.plenary.compile.ConsolidatedDocument.Entry;
import org.plenary.compile.ConsolidatedDocument.Paragraph;
import org.plenary.compile.ConsolidatedDocument.Remark;
import org.plenary.compile.ConsolidatedDocument.Sponsor;

/**
 * One row per proposal (amendments after grouping, then supports, objections, reservations, comments and
 * questions, each with the amendment it concerns), RFC 4180: CRLF rows, fields quoted when they hold a
 * comma, quote or line break. A UTF-8 byte order mark lets Excel read the Arabic. A cell that starts with
 * {@code = + - @}, TAB or CR gets a leading apostrophe so a spreadsheet shows it as text instead of running
 * it as a formula (OWASP CSV injection).
 */
public final class CsvExporter implements Exporter {
  static final List<String> COLUMNS = List.of("seq", "type", "paragraph_position", "paragraph_number",
      "paragraph_label", "kind", "itu_label", "delegations", "on_behalf_of", "cosponsors", "attribution",
      "concerns", "text", "rationale", "supports", "objections", "reservations", "date", "proposal_ids", "fate");

  @Override
  public void write(ConsolidatedDocument doc, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    w.write('\uFEFF');
    row(w, COLUMNS);
    // each proposal's fate once the next revision is published (attributed compilations: rows name their ids)
    java.util.Map<String, String> fateOf = new java.util.HashMap<>();
    doc.fates().stream().filter(f -> f.id() != null).forEach(f -> fateOf.put(f.id(), f.fate()));
    for (Entry e : doc.entries()) {
      Paragraph p = e.paragraph();
      for (Amendment a : e.amendments()) {
        List<String> delegations = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> cosponsors = new ArrayList<>();
        for (Sponsor s : a.sponsors()) {
          delegations.add(s.delegation());
          if (s.onBehalfOf() != null && !groups.contains(s.onBehalfOf())) {
            groups.add(s.onBehalfOf());
          }
          s.cosponsors().stream().filter(c -> !cosponsors.contains(c)).forEach(cosponsors::add);
        }
        row(w, List.of(Integer.toString(a.seq()), "amendment", Integer.toString(p.position()), nz(p.number()),
            p.label(), a.kind().code(), nz(a.ituLabel()), String.join("; ", delegations), String.join("; ", groups),
            String.join("; ", cosponsors), a.attribution(), "", a.text(), String.join("\n", a.rationales()),
            count(a, ProposalKind.SUPPORT), count(a, ProposalKind.OBJECT), count(a, ProposalKind.RESERVATION),
            date(doc, a.date()), String.join("; ", a.ids()),
            String.join("; ", a.ids().stream().map(fateOf::get).filter(java.util.Objects::nonNull).distinct().toList())));
        for (Remark r : a.reactions()) {
          remark(w, doc, p, r, fateOf);
        }
      }
      for (Remark r : e.remarks()) {
        remark(w, doc, p, r, fateOf);
      }
    }
    for (Remark r : doc.general()) {
      remark(w, doc, null, r, fateOf);
    }
    w.flush();
  }

  private static String count(Amendment a, ProposalKind kind) {
    return Long.toString(a.reactions().stream().filter(r -> r.kind() == kind).count());
  }

  /** A submission time: exact when attributed, the day only in non-attributed mode. */
  private static String date(ConsolidatedDocument doc, java.time.Instant at) {
    return doc.options().attributed() ? DateTimeFormatter.ISO_INSTANT.format(at)
        : DateTimeFormatter.ISO_LOCAL_DATE.format(at.atOffset(java.time.ZoneOffset.UTC));
  }

  private static void remark(Writer w, ConsolidatedDocument doc, Paragraph p, Remark r,
      java.util.Map<String, String> fateOf)
      throws IOException {
    row(w, List.of("", r.kind().isReaction() ? "reaction" : "remark", p == null ? "" : Integer.toString(p.position()),
        p == null ? "" : nz(p.number()), p == null ? "" : p.label(), r.kind().code(), "", nz(r.delegation()), "", "",
        nz(r.by()), r.target() > 0 ? Integer.toString(r.target()) : "", r.text(), "", "", "", "",
        date(doc, r.date()), nz(r.id()), r.id() == null ? "" : nz(fateOf.get(r.id()))));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static void row(Writer w, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(cell(cells.get(i)));
    }
    w.write("\r\n");
  }

  /** One field: neutralised against formula injection, then quoted when RFC 4180 requires it. */
  static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty()) {
      char c = v.charAt(0);
      if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        v = "'" + v;
      }
    }
    boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
