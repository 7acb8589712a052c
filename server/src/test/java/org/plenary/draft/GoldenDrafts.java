package org.plenary.draft;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The expected-structure JSON of an imported draft: one object per paragraph, in document order. */
final class GoldenDrafts {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GoldenDrafts() {}

  static String json(ImportedDraft draft) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<DraftParagraph> ps = draft.paragraphs();
    List<Citations.Item> items = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      DraftParagraph p = ps.get(i);
      items.add(new Citations.Item(i, p.parent() < 0 ? null : (long) p.parent(), p.kind().code(), p.number(), p.alt()));
    }
    // the citation the server gives each paragraph ("PP6 Option 2", "OP2 bis Alt 2"), as paragraphs' "label"
    List<String> citations = Citations.of(items);
    for (int i = 0; i < ps.size(); i++) {
      DraftParagraph p = ps.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("position", i);
      row.put("kind", p.kind().code());
      row.put("number", p.number());
      row.put("citation", citations.get(i));
      row.put("parent", p.parent() < 0 ? null : p.parent());
      row.put("direction", p.direction().code());
      row.put("brackets", p.brackets());
      row.put("alt", p.alt());
      row.put("text", p.text());
      rows.add(row);
    }
    // One paragraph per line: easy to read by eye and to review as a diff.
    StringBuilder b = new StringBuilder();
    b.append("{\"paragraphs\": ").append(rows.size()).append(", \"bracketCount\": ").append(draft.bracketCount())
        .append(", \"altCount\": ").append(draft.altCount()).append(", \"structure\": [\n");
    for (int i = 0; i < rows.size(); i++) {
      b.append("  ").append(MAPPER.writeValueAsString(rows.get(i))).append(i + 1 < rows.size() ? ",\n" : "\n");
    }
    return b.append("]}\n").toString();
  }

  /** A table for reading by eye: position, kind, number, parent, first words. */
  static String table(ImportedDraft draft) {
    StringBuilder b = new StringBuilder();
    List<DraftParagraph> ps = draft.paragraphs();
    for (int i = 0; i < ps.size(); i++) {
      DraftParagraph p = ps.get(i);
      String t = p.text().length() > 60 ? p.text().substring(0, 60) + "…" : p.text();
      b.append(String.format("%3d %-16s %-10s ^%-3s %s b%d %s| %s%n", i, p.kind().code(), p.number(), p.parent(),
          p.direction().code(), p.brackets(), p.alt() == null ? "" : p.alt() + " ", t));
    }
    return b.toString();
  }
}
