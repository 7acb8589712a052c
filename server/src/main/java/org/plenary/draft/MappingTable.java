package org.plenary.draft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plenary.draft.Revisions.Deleted;
import org.plenary.draft.Revisions.Mapping;
import org.plenary.draft.Revisions.Paragraph;
import org.plenary.draft.Revisions.Revision;

/**
 * The old number → new number table of a revision, as negotiators read it, and its renderings (Markdown
 * for a message or a document, CSV for a spreadsheet).
 *
 * <pre>
 * | Rev.0 | Rev.1 | kind       | under     | change   | text                                  |
 * |-------|-------|------------|-----------|----------|---------------------------------------|
 * | (ح)   | (ط)   | preambular | إذ يذكّر  | unchanged, renumbered | بالقرار 71 (المراجع في كيغالي، 2022) … |
 * </pre>
 */
public final class MappingTable {
  private static final int EXCERPT_CHARS = 60;
  private static final int CONTEXT_CHARS = 30;

  private MappingTable() {}

  static List<Mapping> rows(Revision revision) {
    Map<Long, String> contextOf = new HashMap<>();
    for (Paragraph p : revision.paragraphs()) {
      contextOf.put(p.id(), p.number() != null ? p.number() : excerpt(p.text(), CONTEXT_CHARS));
    }
    for (Deleted d : revision.deleted()) {
      contextOf.putIfAbsent(d.id(), d.number() != null ? d.number() : excerpt(d.text(), CONTEXT_CHARS));
    }
    // Paragraphs merged into another go right after it; the others deleted after the paragraph that
    // preceded them in the previous revision.
    List<Paragraph> paragraphs = revision.paragraphs();
    Map<Long, List<Deleted>> mergedInto = new HashMap<>();
    Map<Integer, List<Deleted>> after = new HashMap<>();
    List<Deleted> deleted = new ArrayList<>(revision.deleted());
    deleted.sort(Comparator.comparing(d -> d.previousPosition() == null ? Integer.MAX_VALUE : d.previousPosition()));
    for (Deleted d : deleted) {
      if (d.mergedInto() != null) {
        mergedInto.computeIfAbsent(d.mergedInto(), k -> new ArrayList<>()).add(d);
        continue;
      }
      int anchor = -1;
      int anchorPosition = Integer.MIN_VALUE;
      for (int i = 0; i < paragraphs.size(); i++) {
        Integer pp = paragraphs.get(i).previousPosition();
        if (pp != null && d.previousPosition() != null && pp < d.previousPosition() && pp > anchorPosition) {
          anchor = i;
          anchorPosition = pp;
        }
      }
      if (d.previousPosition() == null) {
        anchor = paragraphs.size() - 1;
      }
      after.computeIfAbsent(anchor, k -> new ArrayList<>()).add(d);
    }
    List<Mapping> out = new ArrayList<>();
    addDeleted(out, after.get(-1), contextOf, null);
    for (int i = 0; i < paragraphs.size(); i++) {
      Paragraph p = paragraphs.get(i);
      boolean inserted = "inserted".equals(p.change());
      List<Deleted> joined = mergedInto.getOrDefault(p.id(), List.of());
      List<Long> previous = new ArrayList<>();
      if (p.splitFrom() != null) {
        previous.add(p.splitFrom());
      } else if (!inserted) {
        previous.add(p.id());
        joined.forEach(d -> previous.add(d.id()));
      }
      boolean renumbered = !inserted && p.splitFrom() == null && !Objects.equals(p.previousNumber(), p.number());
      out.add(new Mapping(p.id(), p.kind(), p.parent() == null ? null : contextOf.get(p.parent()),
          inserted ? null : p.previousNumber(), p.number(), p.change(), renumbered, excerpt(p.text(), EXCERPT_CHARS),
          previous, null));
      addDeleted(out, joined, contextOf, p);
      addDeleted(out, after.get(i), contextOf, null);
    }
    return out;
  }

  private static void addDeleted(List<Mapping> out, List<Deleted> deleted, Map<Long, String> contextOf,
      Paragraph into) {
    if (deleted == null) {
      return;
    }
    for (Deleted d : deleted) {
      out.add(new Mapping(d.id(), d.kind(), d.parent() == null ? null : contextOf.get(d.parent()), d.number(),
          into == null ? null : into.number(), d.change(), false, excerpt(d.text(), EXCERPT_CHARS), List.of(d.id()),
          d.mergedInto()));
    }
  }

  /** The opening words of a text, cut at a word boundary, with "…" when cut. */
  static String excerpt(String text, int max) {
    String t = text.strip();
    if (t.length() <= max) {
      return t;
    }
    int cut = t.lastIndexOf(' ', max);
    return t.substring(0, cut > max / 2 ? cut : max).strip() + " …";
  }

  /** A Markdown table: previous label, this label, kind, under, change, text. */
  public static String markdown(List<Mapping> rows, String fromLabel, String toLabel) {
    StringBuilder b = new StringBuilder();
    b.append("| ").append(cell(fromLabel)).append(" | ").append(cell(toLabel))
        .append(" | kind | under | change | text |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (Mapping m : rows) {
      b.append("| ").append(cell(m.from() == null ? "—" : m.from()))
          .append(" | ").append(cell(m.to() == null ? "—" : m.to()))
          .append(" | ").append(m.kind().replace('_', ' '))
          .append(" | ").append(cell(m.context() == null ? "" : m.context()))
          .append(" | ").append(changeLabel(m))
          .append(" | ").append(cell(m.excerpt())).append(" |\n");
    }
    return b.toString();
  }

  /** CSV (RFC 4180) with a header row, for a spreadsheet. */
  public static String csv(List<Mapping> rows, String fromLabel, String toLabel) {
    StringBuilder b = new StringBuilder();
    b.append("id,").append(csvCell(fromLabel)).append(',').append(csvCell(toLabel))
        .append(",kind,under,change,renumbered,text,previous,mergedInto\r\n");
    for (Mapping m : rows) {
      b.append(m.id()).append(',').append(csvCell(m.from())).append(',').append(csvCell(m.to())).append(',')
          .append(m.kind()).append(',').append(csvCell(m.context())).append(',').append(m.change()).append(',')
          .append(m.renumbered()).append(',').append(csvCell(m.excerpt())).append(',')
          .append(String.join(" ", m.previous().stream().map(String::valueOf).toList())).append(',')
          .append(m.mergedInto() == null ? "" : m.mergedInto()).append("\r\n");
    }
    return b.toString();
  }

  private static String changeLabel(Mapping m) {
    String c = m.change().replace('_', ' ');
    return m.renumbered() ? c + ", renumbered" : c;
  }

  private static String cell(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace('\n', ' ');
  }

  private static String csvCell(String s) {
    if (s == null) {
      return "";
    }
    // A leading =, +, - or @ would make a spreadsheet run a formula.
    String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
