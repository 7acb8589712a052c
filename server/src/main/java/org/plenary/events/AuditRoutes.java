package org.plenary.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenary.access.AuthHandler;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.http.Routes;
import org.plenary.store.Database;

/**
 * The secretariat reads a negotiation's audit log and checks its hash chain.
 *
 * <pre>
 *   curl -s "$B/negotiations/1/audit?after=0&amp;limit=100" -H "$AUTH"
 *   → {"events":[{"id":…,"type":"participant.added",…}],"verification":{"intact":true,"firstBrokenEventId":null},"next":…}
 * </pre>
 */
public final class AuditRoutes {
  private static final int MAX_LIMIT = 1000;

  private final Database db;

  public AuditRoutes(Database db) {
    this.db = db;
  }

  public void mount(Routes api) {
    api.get("/negotiations/:n/audit").handler(this::read);
    api.get("/audit").handler(this::readGlobal);
    api.get("/negotiations/:n/audit/checkpoint").handler(ctx -> checkpoint(ctx, negotiation(ctx)));
    api.post("/negotiations/:n/audit/checkpoint/verify").handler(ctx -> verifyCheckpoint(ctx, negotiation(ctx)));
    api.get("/audit/checkpoint").handler(ctx -> checkpoint(ctx, null));
    api.post("/audit/checkpoint/verify").handler(ctx -> verifyCheckpoint(ctx, null));
  }

  private static Long negotiation(RoutingContext ctx) {
    return Http.idParam(ctx, "n", "negotiation");
  }

  /** A signed checkpoint of the chain heads, to keep outside Plenary (secretariat; global: administrators). */
  private void checkpoint(RoutingContext ctx, Long n) {
    Principal p = AuthHandler.principal(ctx);
    Http.respond(ctx, 200, db.read(dsl -> {
      requireChainReader(dsl, n, p);
      return AuditLog.checkpoint(dsl, n);
    }));
  }

  /** Checks a checkpoint downloaded earlier against the chain as it is now. */
  private void verifyCheckpoint(RoutingContext ctx, Long n) {
    Principal p = AuthHandler.principal(ctx);
    AuditLog.Checkpoint earlier = readCheckpoint(Json.body(ctx, "negotiation", "at", "heads", "signature"), n);
    Http.respond(ctx, 200, db.read(dsl -> {
      requireChainReader(dsl, n, p);
      AuditLog.CheckpointCheck c = AuditLog.check(dsl, earlier);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ok", c.ok());
      out.put("signatureValid", c.signatureValid());
      out.put("chainIntact", c.chainIntact());
      out.put("headsPresent", c.headsPresent());
      out.put("mismatchedLanes", c.mismatchedLanes());
      return out;
    }));
  }

  private static void requireChainReader(org.jooq.DSLContext dsl, Long n, Principal p) {
    if (n == null) {
      if (!p.admin()) {
        throw Problem.forbidden("only an administrator reads the global audit log");
      }
    } else {
      Membership.requireRole(dsl, n, p, Role.SECRETARIAT);
    }
  }

  private static AuditLog.Checkpoint readCheckpoint(com.fasterxml.jackson.databind.node.ObjectNode body, Long n) {
    Json.Fields f = new Json.Fields(body);
    String at = f.requiredText("at", 64);
    String signature = f.requiredText("signature", 128);
    JsonNode heads = body.get("heads");
    List<AuditLog.LaneHead> out = new ArrayList<>();
    if (heads == null || !heads.isArray() || heads.size() > 1000) {
      f.error("heads", "must be the array of lane heads of the checkpoint");
    } else {
      for (int i = 0; i < heads.size(); i++) {
        JsonNode h = heads.get(i);
        if (h == null || !h.isObject() || !h.path("lane").isTextual() || !h.path("lastEventId").canConvertToLong()
            || !h.path("hash").isTextual()) {
          f.error("heads[" + i + "]", "must be {\"lane\",\"lastEventId\",\"hash\"}");
        } else {
          out.add(new AuditLog.LaneHead(h.get("lane").asText(), h.get("lastEventId").asLong(), h.get("hash").asText()));
        }
      }
    }
    JsonNode named = body.get("negotiation");
    if (named != null && !named.isNull() && (n == null || named.asLong() != n)) {
      f.error("negotiation", "this checkpoint is of another chain");
    }
    f.check();
    return new AuditLog.Checkpoint(n, at, List.copyOf(out), signature);
  }

  /** The global chain: account-level events (logins, failed logins, tokens); administrators only (matrix). */
  private void readGlobal(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long after = number(ctx, "after", 0, 0, Long.MAX_VALUE);
    int limit = (int) number(ctx, "limit", 200, 1, MAX_LIMIT);
    if (!p.admin()) {
      throw Problem.forbidden("only an administrator reads the global audit log");
    }
    Http.respond(ctx, 200, db.read(dsl -> {
      var event = org.plenary.schema.Tables.EVENT;
      List<AuditLog.Event> events = dsl.selectFrom(event).where(event.NEGOTIATION_ID.isNull()).and(event.ID.gt(after))
          .orderBy(event.ID).limit(limit)
          .fetch(r -> new AuditLog.Event(r.getId(), null, r.getAccountId(), r.getDelegationCode(), r.getType(),
              r.getSubject(), r.getPayload(), r.getCreatedAt()));
      return page(events, AuditLog.verify(dsl, null), limit);
    }));
  }

  private void read(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long after = number(ctx, "after", 0, 0, Long.MAX_VALUE);
    int limit = (int) number(ctx, "limit", 200, 1, MAX_LIMIT);
    Http.respond(ctx, 200, db.read(dsl -> {
      Membership.requireRole(dsl, n, p, Role.SECRETARIAT);
      return page(AuditLog.since(dsl, n, after, limit), AuditLog.verify(dsl, n), limit);
    }));
  }

  private static Map<String, Object> page(List<AuditLog.Event> events, long broken, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (AuditLog.Event e : events) {
      if (EventVisibility.isPrivateGroupType(e.type())) {
        // a group's private stage is the group's: the chain still covers it (verification below), the listing
        // does not show it to the secretariat
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("type", e.type());
      m.put("subject", e.subject());
      m.put("accountId", e.accountId());
      m.put("delegation", e.delegation());
      m.put("payload", parse(e.payload()));
      m.put("createdAt", e.createdAt());
      out.add(m);
    }
    Map<String, Object> verification = new LinkedHashMap<>();
    verification.put("intact", broken < 0);
    verification.put("firstBrokenEventId", broken < 0 ? null : broken);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("events", out);
    body.put("verification", verification);
    body.put("next", events.size() == limit ? events.get(events.size() - 1).id() : null);
    return body;
  }

  private static JsonNode parse(String payload) {
    try {
      return Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      return Json.MAPPER.getNodeFactory().textNode(payload);
    }
  }

  private static long number(RoutingContext ctx, String name, long fallback, long min, long max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      long v = Long.parseLong(raw.strip());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Problem.invalid(name, "must be a whole number from " + min + " to " + max);
  }
}
