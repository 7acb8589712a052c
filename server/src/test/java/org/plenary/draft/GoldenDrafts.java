package org.plenary.draft;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The expected-structure JSON of an imported draft: one object per paragraph, in document order. */
final class GoldenDrafts {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GoldenDrafts() {}

  static String json(ImportedDraft draft) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<DraftParagraph> ps = draft.paragraphs();
    for (int i = 0; i < ps.size(); i++) {
      DraftParagraph p = ps.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("position", i);
      row.put("kind", p.kind().code());
      row.put("number", p.number());
      row.put("parent", p.parent() < 0 ? null : p.parent());
      row.put("direction", p.direction().code());
      row.put("brackets", p.brackets());
      row.put("alt", p.alt());
      row.put("text", p.text());
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("paragraphs", rows.size());
    doc.put("bracketCount", draft.bracketCount());
    doc.put("altCount", draft.altCount());
    doc.put("structure", rows);
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    return MAPPER.writer(pp).writeValueAsString(doc) + "\n";
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
