package org.plenary.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.plenary.http.Json;

/** Reading the merge's request bodies: every field error of a body is collected into one 400. */
final class MergeRequests {
  private static final Set<String> ITEM_FIELDS = Set.of("proposal", "etag", "decision", "text", "note");

  private MergeRequests() {}

  /**
   * The items of a batch of decisions: {@code [{"proposal":12,"etag":"\"p12v1\"","decision":"noted"}, …]}, each
   * with the fields of a single decision ({@code text} with accept-modified, an optional {@code note}) and the
   * proposal's ETag that the single decision takes in If-Match.
   */
  static List<DecisionBatch.Item> decisionItems(JsonNode node, Json.Fields f) {
    List<DecisionBatch.Item> out = new ArrayList<>();
    if (node == null || !node.isArray() || node.isEmpty() || node.size() > DecisionBatch.MAX_BATCH) {
      f.error("decisions", "must be an array of 1 to " + DecisionBatch.MAX_BATCH + " decisions");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      String at = "decisions[" + i + "]";
      if (!(node.get(i) instanceof ObjectNode item)) {
        f.error(at, "must be an object {proposal, etag, decision[, text, note]}");
        continue;
      }
      for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!ITEM_FIELDS.contains(name)) {
          f.error(at + "." + name, "is not a field of a decision (proposal, etag, decision, text, note)");
        }
      }
      JsonNode id = item.get("proposal");
      if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) {
        f.error(at + ".proposal", "must be a proposal id");
      }
      String etag = text(item, "etag", 40, at, f, true);
      String decision = text(item, "decision", 24, at, f, true);
      String text = text(item, "text", 100_000, at, f, false);
      String note = text(item, "note", 4000, at, f, false);
      if (id != null && id.isIntegralNumber() && id.asLong() > 0) {
        out.add(new DecisionBatch.Item(id.asLong(), etag, decision, text, note));
      }
    }
    return out;
  }

  private static String text(ObjectNode item, String field, int max, String at, Json.Fields f, boolean required) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        f.error(at + "." + field, "is required");
      }
      return null;
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      f.error(at + "." + field, "must be a non-empty string");
      return null;
    }
    if (v.textValue().codePointCount(0, v.textValue().length()) > max) {
      f.error(at + "." + field, "must be at most " + max + " characters");
      return null;
    }
    return v.textValue();
  }

  /** An optional boolean field; false when absent. */
  static boolean optionalBoolean(ObjectNode body, String field, Json.Fields f) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      f.error(field, "must be true or false");
      return false;
    }
    return v.booleanValue();
  }
}
