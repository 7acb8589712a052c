package org.plenary.negotiation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.plenary.access.AccountRoutes;
import org.plenary.access.Accounts;
import org.plenary.access.Invitations;
import org.plenary.access.Membership;
import org.plenary.access.Passwords;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.events.AuditLog;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.store.Database;
import org.plenary.text.UserText;

/**
 * Negotiations and their participants.
 *
 * <pre>
 *   curl -s -X POST localhost:8080/api/v1/negotiations -H "Authorization: Bearer $TOKEN" \
 *        -H 'Content-Type: application/json' -d '{"title":"القرار 88","languages":["ar"]}'
 * </pre>
 */
public final class NegotiationRoutes {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

  private final Database db;
  private final Passwords passwords;

  public NegotiationRoutes(Database db, Passwords passwords) {
    this.db = db;
    this.passwords = passwords;
  }

  public void mount(Router api) {
    api.post("/negotiations").handler(this::create);
    api.get("/negotiations").handler(this::list);
    api.get("/negotiations/:n").handler(this::get);
    api.post("/negotiations/:n/participants").handler(this::addParticipant);
    api.get("/negotiations/:n/participants").handler(this::participants);
    api.post("/negotiations/:n/participants/:a/password-reset").handler(this::resetPassword);
    api.post("/negotiations/:n/participants/:a/disable").handler(ctx -> setDisabled(ctx, true));
    api.post("/negotiations/:n/participants/:a/enable").handler(ctx -> setDisabled(ctx, false));
    api.post("/negotiations/:n/close").handler(ctx -> move(ctx, Lifecycle.Move.CLOSE));
    api.post("/negotiations/:n/archive").handler(ctx -> move(ctx, Lifecycle.Move.ARCHIVE));
    api.post("/negotiations/:n/reopen").handler(ctx -> move(ctx, Lifecycle.Move.REOPEN));
  }

  private void create(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    Json.Fields f = new Json.Fields(Json.body(ctx));
    String title = f.requiredText("title", 500);
    if (title != null && UserText.problemWithName(title) != null) {
      f.error("title", UserText.problemWithName(title));
    }
    List<String> languages = f.textList("languages", 6, 3);
    for (int i = 0; i < languages.size(); i++) {
      if (!LANGUAGE.matcher(languages.get(i)).matches()) {
        f.error("languages[" + i + "]", "must be an ISO 639 language code such as \"ar\" or \"en\"");
      }
    }
    f.check();
    if (!p.admin()) {
      throw Problem.forbidden("only an administrator can create a negotiation");
    }
    List<String> langs = languages.isEmpty() ? List.of("en") : languages;
    Http.respond(ctx, 201, db.tx(dsl -> {
      long id = Negotiations.create(dsl, title.strip(), langs, p.accountId());
      AuditLog.append(dsl, id, new AuditLog.Actor(p.accountId(), null), "negotiation.created",
          "negotiation:" + id, Map.of("title", title.strip(), "languages", langs));
      return Negotiations.get(dsl, id, Role.SECRETARIAT, null);
    }));
  }

  private void list(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    Http.respond(ctx, 200, db.read(dsl -> Map.of("negotiations",
        Negotiations.visibleTo(dsl, p.accountId(), p.admin()))));
  }

  private void get(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    Http.respond(ctx, 200, db.read(dsl -> {
      Membership m = Membership.require(dsl, n, p);
      return Negotiations.get(dsl, n, m.role(), m.delegation());
    }));
  }

  private void participants(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    Http.respond(ctx, 200, db.read(dsl -> {
      Membership.require(dsl, n, p);
      return Map.of("participants", Negotiations.participants(dsl, n));
    }));
  }

  private void addParticipant(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    ObjectNode body = Json.body(ctx);
    Json.Fields f = new Json.Fields(body);
    String rawEmail = f.requiredText("email", 320);
    String email = rawEmail == null ? null : rawEmail.strip();
    if (email != null && !email.isEmpty() && UserText.problemWithEmail(email) != null) {
      f.error("email", UserText.problemWithEmail(email));
    }
    String password = f.optionalText("password", 1024);
    if (password != null && AccountRoutes.problemWithPassword(password) != null) {
      f.error("password", AccountRoutes.problemWithPassword(password));
    }
    String displayName = f.optionalText("displayName", 200);
    if (displayName != null && UserText.problemWithPersonName(displayName.strip()) != null) {
      f.error("displayName", UserText.problemWithPersonName(displayName.strip()));
    }
    String roleCode = f.requiredText("role", 16);
    Role role = roleCode == null ? null : Role.fromCode(roleCode);
    if (roleCode != null && role == null) {
      f.error("role", "must be one of secretariat, facilitator, delegate, observer");
    }
    String delegation = f.optionalText("delegation", 32);
    if (role == Role.DELEGATE && delegation == null) {
      f.error("delegation", "a delegate acts for a delegation: give its code, e.g. \"EGY\"");
    }
    if ((role == Role.SECRETARIAT || role == Role.FACILITATOR) && delegation != null) {
      f.error("delegation", "a " + role.code() + " acts for no delegation: leave it out");
    }
    f.check();
    String name = displayName == null ? email : displayName.strip();
    String hash = password == null ? null : passwords.hash(password);
    Http.respond(ctx, 201, db.tx(dsl -> {
      Membership.requireRole(dsl, n, p, Role.SECRETARIAT);
      AuditLog.Actor actor = new AuditLog.Actor(p.accountId(), null);
      if (delegation != null) {
        ensureDelegation(dsl, n, delegation, actor);
      }
      var existing = Accounts.byEmail(dsl, email);
      long accountId = existing.map(Accounts.Account::id).orElseGet(() -> Accounts.create(dsl, email, name, hash, false));
      var before = Negotiations.participants(dsl, n).stream().filter(x -> x.accountId() == accountId).findFirst();
      Negotiations.addParticipant(dsl, n, accountId, role, delegation);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("email", Accounts.normaliseEmail(email));
      payload.put("role", role.code());
      payload.put("delegation", delegation == null ? "" : delegation);
      payload.put("accountCreated", existing.isEmpty());
      before.ifPresent(b -> payload.put("before", Map.of("role", b.role(),
          "delegation", b.delegation() == null ? "" : b.delegation())));
      AuditLog.append(dsl, n, actor, "participant.added", "account:" + accountId, payload);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("accountId", accountId);
      out.put("email", Accounts.normaliseEmail(email));
      out.put("displayName", existing.map(Accounts.Account::displayName).orElse(name));
      out.put("role", role.code());
      out.put("delegation", delegation);
      boolean hasPassword = existing.map(a -> a.passwordHash() != null).orElse(hash != null);
      if (!hasPassword) {
        out.put("invitation", invite(dsl, n, accountId, "invite", p));
      }
      return out;
    }));
  }

  /**
   * A delegate's delegation must take part in the negotiation. A reference state or observer not yet
   * chosen is added on the way (and logged), so adding "a delegate of Egypt" just works; a group is
   * refused, as a group acts through its coordinator's delegates.
   */
  private static void ensureDelegation(org.jooq.DSLContext dsl, long n, String code, AuditLog.Actor actor) {
    var d = NegotiationDelegations.visibleIn(dsl, n, code)
        .orElseThrow(() -> Problem.invalid("delegation", "unknown delegation code " + code
            + " (see GET /api/v1/delegations, or add a custom one: POST /api/v1/negotiations/" + n + "/delegations)"));
    if ("group".equals(d.kind())) {
      throw Problem.invalid("delegation", code + " is a group: a group acts through its coordinator; add the "
          + "participant to a member delegation and designate it coordinator");
    }
    if (NegotiationDelegations.inNegotiation(dsl, n, code).isEmpty()) {
      NegotiationDelegations.add(dsl, n, code);
      AuditLog.append(dsl, n, actor, "delegation.added", "delegation:" + code, Map.of("code", code,
          "addedWithParticipant", true));
    }
  }

  private static Map<String, Object> invite(org.jooq.DSLContext dsl, long n, long accountId, String purpose,
      Principal by) {
    var issued = Invitations.issue(dsl, accountId, n, purpose, by.accountId());
    AuditLog.append(dsl, n, new AuditLog.Actor(by.accountId(), null), "invitation.created", "account:" + accountId,
        Map.of("purpose", purpose, "expiresAt", issued.expiresAt().toString()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token", issued.token());
    out.put("expiresAt", issued.expiresAt());
    out.put("accept", "POST /api/v1/invitations/accept {\"token\",\"password\"}");
    return out;
  }

  /** The target of a secretariat action on an account: a participant here, and no administrator unless by one. */
  private static Accounts.Account target(org.jooq.DSLContext dsl, long n, Principal p, String raw) {
    long accountId;
    try {
      accountId = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw Problem.notFound("participant " + raw);
    }
    boolean participates = Negotiations.participants(dsl, n).stream().anyMatch(x -> x.accountId() == accountId);
    var account = Accounts.byId(dsl, accountId).filter(a -> participates)
        .orElseThrow(() -> Problem.notFound("participant " + raw));
    if (account.admin() && !p.admin()) {
      throw Problem.forbidden("only an administrator may reset or disable an administrator's account");
    }
    return account;
  }

  private void resetPassword(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    String raw = ctx.pathParam("a");
    Http.respond(ctx, 201, db.tx(dsl -> {
      Membership.requireRole(dsl, n, p, Role.SECRETARIAT);
      Accounts.Account a = target(dsl, n, p, raw);
      Accounts.setPasswordHash(dsl, a.id(), null);
      int revoked = Accounts.revokeAll(dsl, a.id());
      AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), null), "account.password-reset", "account:" + a.id(),
          Map.of("email", a.email(), "tokensRevoked", revoked));
      return Map.of("accountId", a.id(), "invitation", invite(dsl, n, a.id(), "reset", p));
    }));
  }

  /** Close, archive or reopen: who may is the matrix's business, the move's rules {@link Lifecycle}'s. */
  private void move(RoutingContext ctx, Lifecycle.Move move) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    Membership m = org.plenary.access.Policy.membership(ctx);
    Http.respond(ctx, 200, db.tx(dsl -> {
      Lifecycle.apply(dsl, n, move, new AuditLog.Actor(p.accountId(), null));
      return Negotiations.get(dsl, n, m.role(), m.delegation());
    }));
  }

  private void setDisabled(RoutingContext ctx, boolean disabled) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    String raw = ctx.pathParam("a");
    Http.respond(ctx, 200, db.tx(dsl -> {
      Membership.requireRole(dsl, n, p, Role.SECRETARIAT);
      Accounts.Account a = target(dsl, n, p, raw);
      if (a.id() == p.accountId()) {
        throw Problem.conflict("own-account", "you cannot " + (disabled ? "disable" : "enable") + " your own account");
      }
      Accounts.setDisabled(dsl, a.id(), disabled);
      int revoked = disabled ? Accounts.revokeAll(dsl, a.id()) : 0;
      AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), null),
          disabled ? "account.disabled" : "account.enabled", "account:" + a.id(),
          Map.of("email", a.email(), "before", Map.of("disabled", a.disabled()), "after", Map.of("disabled", disabled),
              "tokensRevoked", revoked));
      return Map.of("accountId", a.id(), "email", a.email(), "disabled", disabled);
    }));
  }
}
