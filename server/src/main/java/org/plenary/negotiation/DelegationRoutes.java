package org.plenary.negotiation;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.plenary.access.AuthHandler;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.http.Routes;
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
  private final DelegationService delegations;

  public DelegationRoutes(Database db) {
    this.db = db;
    this.delegations = new DelegationService(db);
  }

  public void mount(Routes api) {
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
    Http.respond(ctx, 201, delegations.add(p, n, code, kind, nameEn, nameAr));
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
    Http.respond(ctx, 200, delegations.setCoordinator(p, n, group, coordinator));
  }

  private void participants(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    String code = ctx.pathParam("d");
    Http.respond(ctx, 200, db.read(dsl -> {
      Membership viewer = Membership.require(dsl, n, p);
      var d = NegotiationDelegations.inNegotiation(dsl, n, code)
          .orElseThrow(() -> Problem.notFound("delegation " + code + " in negotiation " + n));
      // e-mail addresses are personal data: the secretariat's to see, and each participant's own
      return Map.of("delegation", d, "participants", Participation.seenBy(
          NegotiationDelegations.participants(dsl, n, code, "group".equals(d.kind())), viewer));
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
