package org.plenary.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.plenary.audit.AuditLog;
import org.plenary.http.Json;

/**
 * One audit-log event made ready to send: its two Server-Sent Events frames (with and without personal
 * data) are built once, whatever the number of subscribers.
 *
 * <pre>
 *   id: 42
 *   event: participant.added
 *   data: {"id":42,"type":"participant.added","negotiation":1,"subject":"account:7",…,"payload":{…}}
 * </pre>
 */
record LiveEvent(long id, EventVisibility.Facts facts, Buffer full, Buffer withoutPersonalData) {


  static LiveEvent of(AuditLog.Event e) {
    return of(e, Set.of());
  }

  /** The event as read now, when the revisions in {@code unpublished} are not published. */
  static LiveEvent of(AuditLog.Event e, Set<Long> unpublished) {
    JsonNode parsed = parse(e.payload());
    JsonNode rev = parsed.get("revision");
    Long revision = EventVisibility.revisionOf(e.subject(), rev != null && rev.canConvertToLong() ? rev.longValue() : null);
    boolean hidden = revision != null && unpublished.contains(revision);
    Set<String> audience = EventVisibility.audience(e.type(), name -> strings(parsed.get(name)));
    ObjectNode data = Json.object();
    data.put("id", e.id());
    data.put("type", e.type());
    data.put("negotiation", e.negotiationId());
    data.put("subject", e.subject());
    data.put("delegation", e.delegation());
    data.put("account", e.accountId());
    data.put("at", e.createdAt().toInstant().toString());
    data.set("payload", parsed);
    Buffer full = frame(e.id(), e.type(), Json.string(data));
    ObjectNode redacted = data.deepCopy();
    removePersonal(redacted.get("payload"));
    JsonNode group = parsed.get("group");
    JsonNode stage = parsed.get("stage");
    var facts = new EventVisibility.Facts(e.type(), e.accountId(), e.delegation(), audience, hidden,
        group != null && group.isTextual() ? group.textValue() : null,
        stage != null && stage.canConvertToLong() ? stage.longValue() : null);
    return new LiveEvent(e.id(), facts,
        full, frame(e.id(), e.type(), Json.string(redacted)));
  }

  static List<LiveEvent> all(List<AuditLog.Event> events, Set<Long> unpublished) {
    return events.stream().map(e -> of(e, unpublished)).toList();
  }

  /**
   * The frame a viewer gets, starting with its {@code id:} line, or null when the event is not for them. The
   * frames are built once: {@code full} and {@code withoutPersonalData} start with this event's id line.
   */
  Buffer frameFor(EventVisibility.Viewer viewer) {
    return switch (EventVisibility.access(facts, viewer)) {
      case FULL -> full;
      case WITHOUT_PERSONAL_DATA -> withoutPersonalData;
      case HIDDEN -> null;
    };
  }

  /** The same frame under another {@code id:} (a late event sent after a higher id). */
  static Buffer withId(Buffer frame, long streamId) {
    int lineEnd = frame.getString(0, Math.min(frame.length(), 32)).indexOf('\n');
    return Buffer.buffer(frame.length() + 8).appendString("id: " + streamId).appendBuffer(frame, lineEnd,
        frame.length() - lineEnd);
  }

  /** An SSE comment (ignored by EventSource; keeps proxies and the client's connection check awake). */
  static Buffer comment(String text) {
    return Buffer.buffer(": " + text + "\n\n", "UTF-8");
  }

  private static Buffer frame(long id, String type, String json) {
    // Jackson writes JSON on one line (newlines inside strings are escaped), so one data: line suffices.
    String safeType = type.replaceAll("[\\r\\n]", "");
    return Buffer.buffer(("id: " + id + "\nevent: " + safeType + "\ndata: " + json + "\n\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> strings(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isArray()) {
      List<String> out = new ArrayList<>();
      node.forEach(x -> out.add(x.asText()));
      return out;
    }
    return List.of(node.asText());
  }

  private static JsonNode parse(String payload) {
    try {
      JsonNode node = Json.MAPPER.readTree(payload == null ? "{}" : payload);
      return node == null ? Json.object() : node;
    } catch (java.io.IOException e) {
      return Json.object().put("text", payload);
    }
  }

  private static void removePersonal(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
        if (EventVisibility.isPersonal(names.next())) {
          names.remove();
        }
      }
      o.forEach(LiveEvent::removePersonal);
    } else if (node != null && node.isArray()) {
      node.forEach(LiveEvent::removePersonal);
    }
  }
}
