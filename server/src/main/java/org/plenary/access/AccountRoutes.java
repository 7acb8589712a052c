package org.plenary.access;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.plenary.audit.AuditLog;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.store.Database;
import org.plenary.text.UserText;

/**
 * A user's own credentials: long-lived API tokens for scripts, and accepting an invitation (or a reset)
 * by setting a password.
 *
 * <pre>
 *   curl -s -X POST $B/tokens -H "$AUTH" -H 'Content-Type: application/json' -d '{"label":"نص الدمج"}'
 *   → 201 {"id":"3f9c…","label":"نص الدمج","token":"…","expiresAt":"…"}   (the token is shown once)
 *   curl -s -X POST $B/invitations/accept -H 'Content-Type: application/json' \
 *        -d '{"token":"…","password":"a-long-password"}'
 * </pre>
 */
public final class AccountRoutes {
  static final int MAX_API_TOKENS = 50;
  static final int MIN_PASSWORD = 10;

  private final Database db;
  private final Passwords passwords;

  public AccountRoutes(Database db, Passwords passwords) {
    this.db = db;
    this.passwords = passwords;
  }

  /** Routes that need no login. */
  public void mountPublic(Router api) {
    api.post("/invitations/accept").handler(this::accept);
  }

  public void mount(Router api) {
    api.get("/tokens").handler(this::listTokens);
    api.post("/tokens").handler(this::createToken);
    api.delete("/tokens/:token").handler(this::revokeToken);
  }

  /** A password's problem, or null; shared with participant creation. */
  public static String problemWithPassword(String password) {
    if (password.length() < MIN_PASSWORD) {
      return "must be at least " + MIN_PASSWORD + " characters";
    }
    if (password.isBlank()) {
      return "must not be blank";
    }
    return null;
  }

  private void accept(RoutingContext ctx) {
    Json.Fields f = new Json.Fields(Json.smallBody(ctx, "token", "password"));
    String token = f.requiredText("token", 200);
    String password = f.requiredText("password", 1024);
    if (password != null && problemWithPassword(password) != null) {
      f.error("password", problemWithPassword(password));
    }
    f.check();
    Http.respond(ctx, 200, db.tx(dsl -> {
      var pending = Invitations.pending(dsl, token)
          .orElseThrow(() -> Problem.invalid("token", "unknown, expired or already used: ask the secretariat for a new invitation"));
      // Hashed only for a valid token, so random tokens cost an attacker more than they cost the server.
      String hash = passwords.hash(password);
      var account = Accounts.byId(dsl, pending.accountId()).orElseThrow();
      if (account.disabled()) {
        throw Problem.invalid("token", "the account is disabled: ask the secretariat");
      }
      // A token a negotiation's secretariat issued holds only while the account is that negotiation's alone:
      // once it takes part elsewhere (or is an administrator), the issuer could otherwise take it over.
      boolean byAdmin = pending.createdBy() != null
          && Accounts.byId(dsl, pending.createdBy()).map(Accounts.Account::admin).orElse(false);
      if (!byAdmin && !AccountAuthority.onlyIn(dsl, pending.negotiationId(), account)) {
        throw Problem.invalid("token", "this invitation no longer applies: the account takes part in another "
            + "negotiation; ask an administrator for a new one");
      }
      Invitations.markUsed(dsl, pending.tokenHash());
      Accounts.setPasswordHash(dsl, account.id(), hash);
      Accounts.revokeAll(dsl, account.id());
      AccountAuthority.record(dsl, new AuditLog.Actor(account.id(), null), "invitation.accepted", account.id(),
          Map.of("purpose", pending.purpose()));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", account.id());
      body.put("email", account.email());
      body.put("displayName", account.displayName());
      return body;
    }));
  }

  private void listTokens(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Http.respond(ctx, 200, db.read(dsl -> Map.of("tokens", Accounts.apiTokens(dsl, p.accountId()))));
  }

  private void createToken(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    var body = Json.smallBody(ctx, "label", "expiresInDays");
    Json.Fields f = new Json.Fields(body);
    String label = f.requiredText("label", 200);
    if (label != null && UserText.problemWithName(label) != null) {
      f.error("label", UserText.problemWithName(label));
    }
    var daysNode = body.get("expiresInDays");
    Integer days = null;
    if (daysNode != null && !daysNode.isNull()) {
      if (!daysNode.canConvertToInt() || !daysNode.isIntegralNumber() || daysNode.intValue() < 1
          || daysNode.intValue() > 366) {
        f.error("expiresInDays", "must be a whole number of days from 1 to 366");
      } else {
        days = daysNode.intValue();
      }
    }
    f.check();
    int lifetime = days == null ? 90 : days;
    Http.respond(ctx, 201, db.tx(dsl -> {
      if (Accounts.apiTokens(dsl, p.accountId()).size() >= MAX_API_TOKENS) {
        throw Problem.conflict("too-many-tokens", "you already have " + MAX_API_TOKENS
            + " API tokens; revoke one first (DELETE /api/v1/tokens/{id})");
      }
      String token = Passwords.newToken();
      String hash = Passwords.sha256(token);
      OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plusDays(lifetime);
      Accounts.storeApiToken(dsl, hash, p.accountId(), label.strip(), expires);
      AuditLog.append(dsl, null, new AuditLog.Actor(p.accountId(), null), "token.created",
          "token:" + Accounts.tokenId(hash), Map.of("label", label.strip(), "expiresAt", expires.toString()));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", Accounts.tokenId(hash));
      out.put("label", label.strip());
      out.put("token", token);
      out.put("expiresAt", expires);
      return out;
    }));
  }

  private void revokeToken(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    String id = ctx.pathParam("token");
    db.tx(dsl -> {
      var revoked = Accounts.revokeApiToken(dsl, p.accountId(), id)
          .orElseThrow(() -> Problem.notFound("API token " + id));
      AuditLog.append(dsl, null, new AuditLog.Actor(p.accountId(), null), "token.revoked", "token:" + id,
          Map.of("label", revoked.label() == null ? "" : revoked.label()));
      return null;
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
