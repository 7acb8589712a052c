package org.plenary.negotiation;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.plenary.access.AuthHandler;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.store.Database;
import org.plenary.text.UserText;

/**
 * Delegations: the reference list, and the delegations and group coordinators of one negotiation.
 *
 * <pre>
 *   curl -s "$B/delegations?group=ARAB" -H "$AUTH"
 *   curl -s -X POST $B/negotiations/1/delegations -H "$AUTH" -H 'Content-Type: application/json' -d '{"code":"ARAB"}'
 *   curl -s -X PUT $B/negotiations/1/delegations/ARAB/coordinator -H "$AUTH" -H 'Content-Type: application/json' \
 *        -d '{"coordinator":"EGY"}'
 *   curl -s -X POST $B/negotiations/1/delegations -H "$AUTH" -H 'Content-Type: application/json' \
 *        -d '{"code":"ITU-BDT","kind":"organisation","nameEn":"ITU Telecommunication Development Bureau","nameAr":"مكتب تنمية الاتصالات"}'
 * </pre>
 */
public final class DelegationRoutes {
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9-]{1,31}");
  private static final List<String> KINDS = List.of("state", "observer", "group", "organisation");

  private final Database db;

  public DelegationRoutes(Database db) {
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/delegations").handler(this::reference);
    api.get("/negotiations/:n/delegations").handler(this::list);
    api.post("/negotiations/:n/delegations").handler(this::add);
    api.put("/negotiations/:n/delegations/:d/coordinator").handler(this::coordinator);
    api.get("/negotiations/:n/delegations/:d/participants").handler(this::participants);
  }

  private void reference(RoutingContext ctx) {
    String kind = blankToNull(ctx.queryParams().get("kind"));
    String group = blankToNull(ctx.queryParams().get("group"));
    String q = blankToNull(ctx.queryParams().get("q"));
    if (kind != null && !KINDS.contains(kind)) {
      throw Problem.invalid("kind", "must be one of " + String.join(", ", KINDS));
    }
    if (q != null && (q.length() > 100 || UserText.problemWithName(q) != null)) {
      throw Problem.invalid("q", "must be at most 100 characters of plain text");
    }
    Http.respond(ctx, 200, db.read(dsl -> Map.of("delegations", NegotiationDelegations.reference(dsl, kind,
        group == null ? null : group.toUpperCase(java.util.Locale.ROOT), q))));
  }

  private void list(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    Http.respond(ctx, 200, db.read(dsl -> {
      Membership.require(dsl, n, p);
      return Map.of("delegations", NegotiationDelegations.of(dsl, n));
    }));
  }

  private void add(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    Json.Fields f = new Json.Fields(Json.smallBody(ctx, "code", "kind", "nameEn", "nameAr"));
    String code = f.requiredText("code", 32);
    if (code != null && !CODE.matcher(code).matches()) {
      f.error("code", "must be 2 to 32 capital letters, digits or '-', starting with a letter (e.g. EGY, ITU-BDT)");
    }
    String kind = f.optionalText("kind", 16);
    String nameEn = f.optionalText("nameEn", 200);
    String nameAr = f.optionalText("nameAr", 200);
    checkName(f, "nameEn", nameEn);
    checkName(f, "nameAr", nameAr);
    f.check();
    Http.respond(ctx, 201, db.tx(dsl -> {
      Membership.requireRole(dsl, n, p, Role.SECRETARIAT);
      AuditLog.Actor actor = new AuditLog.Actor(p.accountId(), null);
      if (NegotiationDelegations.inNegotiation(dsl, n, code).isPresent()) {
        throw Problem.conflict("already-added", code + " already takes part in this negotiation");
      }
      var known = NegotiationDelegations.visibleIn(dsl, n, code);
      boolean custom = known.isEmpty();
      if (custom) {
        Json.Fields c = new Json.Fields(Json.object());
        if (NegotiationDelegations.codeTaken(dsl, code)) {
          throw Problem.conflict("code-taken", "the code " + code + " is used by another negotiation's custom delegation; choose another");
        }
        if (nameEn == null) {
          c.error("nameEn", "a custom delegation (" + code + " is not in the reference list) needs an English name");
        }
        if (kind == null || !List.of("organisation", "observer").contains(kind)) {
          c.error("kind", "a custom delegation is an \"organisation\" or an \"observer\"");
        }
        c.check();
        NegotiationDelegations.createCustom(dsl, n, code, kind, nameEn.strip(), nameAr == null ? null : nameAr.strip());
      } else if (nameEn != null || nameAr != null || kind != null) {
        throw Problem.invalid(nameEn != null ? "nameEn" : nameAr != null ? "nameAr" : "kind",
            code + " is reference data: send only its code");
      }
      NegotiationDelegations.add(dsl, n, code);
      var added = NegotiationDelegations.inNegotiation(dsl, n, code).orElseThrow();
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("code", code);
      payload.put("custom", custom);
      payload.put("kind", added.kind());
      payload.put("nameEn", added.nameEn());
      if (added.nameAr() != null) {
        payload.put("nameAr", added.nameAr());
      }
      AuditLog.append(dsl, n, actor, "delegation.added", "delegation:" + code, payload);
      return added;
    }));
  }

  private void coordinator(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    String group = ctx.pathParam("d");
    var body = Json.smallBody(ctx, "coordinator");
    Json.Fields f = new Json.Fields(body);
    String coordinator = f.optionalText("coordinator", 32);
    if (!body.has("coordinator")) {
      f.error("coordinator", "is required (a delegation code such as \"EGY\", or null to clear)");
    }
    f.check();
    Http.respond(ctx, 200, db.tx(dsl -> {
      Membership.requireRole(dsl, n, p, Role.SECRETARIAT);
      var g = NegotiationDelegations.inNegotiation(dsl, n, group)
          .orElseThrow(() -> Problem.notFound("delegation " + group + " in negotiation " + n));
      if (!"group".equals(g.kind())) {
        throw Problem.invalid("delegation", group + " is not a group; only groups have a coordinator");
      }
      if (coordinator != null) {
        var c = NegotiationDelegations.inNegotiation(dsl, n, coordinator)
            .orElseThrow(() -> Problem.invalid("coordinator", coordinator + " does not take part in this negotiation: add it first"));
        if ("group".equals(c.kind())) {
          throw Problem.invalid("coordinator", "a group cannot coordinate a group");
        }
        List<String> members = NegotiationDelegations.members(dsl, group);
        if (!members.isEmpty() && !members.contains(coordinator)) {
          throw Problem.invalid("coordinator", coordinator + " is not a member of " + g.nameEn());
        }
      }
      NegotiationDelegations.setCoordinator(dsl, n, group, coordinator);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("group", group);
      payload.put("before", g.coordinator() == null ? "" : g.coordinator());
      payload.put("after", coordinator == null ? "" : coordinator);
      AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), null), "delegation.coordinator-set",
          "delegation:" + group, payload);
      return NegotiationDelegations.inNegotiation(dsl, n, group).orElseThrow();
    }));
  }

  private void participants(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    String code = ctx.pathParam("d");
    Http.respond(ctx, 200, db.read(dsl -> {
      Membership.require(dsl, n, p);
      var d = NegotiationDelegations.inNegotiation(dsl, n, code)
          .orElseThrow(() -> Problem.notFound("delegation " + code + " in negotiation " + n));
      return Map.of("delegation", d, "participants",
          NegotiationDelegations.participants(dsl, n, code, "group".equals(d.kind())));
    }));
  }

  private static void checkName(Json.Fields f, String field, String value) {
    if (value != null) {
      String problem = value.isBlank() ? "must not be blank" : UserText.problemWithPersonName(value.strip());
      if (problem != null) {
        f.error(field, problem);
      }
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
