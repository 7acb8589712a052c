package org.plenary.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a diff as plain maps and lists (the HTTP layer serialises them): a summary, then one
 * entry per paragraph with its change, ids, numbers, text and word ops.
 *
 * <pre>
 *   {"summary":{"modified":3,…,"wordsDeleted":12,"wordsInserted":30},
 *    "paragraphs":[{"change":"renumbered","id":9,"number":"(ط)","previousNumber":"(ح)","renumbered":true,…},
 *                  {"change":"modified","id":4,"ops":[{"type":"delete","text":"بضمن"},…],"wordsDeleted":1,…}]}
 * </pre>
 */
public final class DiffJson {
  private DiffJson() {}

  public static Map<String, Object> revision(RevisionDiff.Result result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("identical", result.identical());
    out.put("summary", summary(result));
    List<Object> paragraphs = new ArrayList<>(result.entries().size());
    for (RevisionDiff.Entry e : result.entries()) {
      paragraphs.add(entry(e));
    }
    out.put("paragraphs", paragraphs);
    return out;
  }

  public static Map<String, Object> summary(RevisionDiff.Result result) {
    Map<String, Object> s = new LinkedHashMap<>();
    for (RevisionDiff.Change c : RevisionDiff.Change.values()) {
      s.put(c.code(), result.counts().getOrDefault(c, 0));
    }
    s.put("wordsDeleted", result.wordsDeleted());
    s.put("wordsInserted", result.wordsInserted());
    return s;
  }

  static Map<String, Object> entry(RevisionDiff.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("change", e.change().code());
    m.put("id", e.id());
    if (e.fromIds().size() != 1 || e.toIds().size() != 1 || !e.fromIds().equals(e.toIds())) {
      m.put("fromIds", e.fromIds());
      m.put("toIds", e.toIds());
    }
    m.put("kind", e.kind());
    m.put("number", e.toIds().isEmpty() ? e.fromNumber() : e.toNumber());
    if (e.renumbered()) {
      m.put("previousNumber", e.fromNumber());
    }
    m.put("renumbered", e.renumbered());
    m.put("direction", e.direction());
    m.put("fromPosition", e.fromPosition() < 0 ? null : e.fromPosition());
    m.put("toPosition", e.toPosition() < 0 ? null : e.toPosition());
    if (!e.ops().isEmpty()) {
      // The ops carry both texts (new = equal + insert runs): not repeated, the diff of a long draft is big.
      m.put("ops", ops(e.ops()));
      m.put("wordsDeleted", e.wordsDeleted());
      m.put("wordsInserted", e.wordsInserted());
      return m;
    }
    m.put("text", e.toText() != null ? e.toText() : e.fromText());
    if (e.fromText() != null && e.toText() != null && !e.fromText().equals(e.toText())) {
      m.put("previousText", e.fromText());
    }
    return m;
  }

  public static List<Map<String, Object>> ops(List<DiffOp> ops) {
    List<Map<String, Object>> out = new ArrayList<>(ops.size());
    for (DiffOp op : ops) {
      Map<String, Object> o = new LinkedHashMap<>(4);
      o.put("type", op.type().code());
      o.put("text", op.text());
      if (op.oldText() != null) {
        o.put("old", op.oldText());
      }
      out.add(o);
    }
    return out;
  }
}
