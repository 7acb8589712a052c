package org.plenary.access;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Routes;
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
  static final int MIN_PASSWORD = 10;

  private final Database db;
  private final AccountService accounts;

  public AccountRoutes(Database db, Passwords passwords) {
    this.db = db;
    this.accounts = new AccountService(db, passwords);
  }

  /** Routes that need no login. */
  public void mountPublic(Routes api) {
    api.post("/invitations/accept").handler(this::accept);
  }

  public void mount(Routes api) {
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
    Http.respond(ctx, 200, accounts.accept(token, password).map(account -> {
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
    Integer days = days(body.get("expiresInDays"), f);
    f.check();
    Http.respond(ctx, 201, accounts.createToken(p, label.strip(), days == null ? 90 : days).map(t -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", t.id());
      out.put("label", t.label());
      out.put("token", t.token());
      out.put("expiresAt", t.expiresAt());
      return out;
    }));
  }

  /** The {@code expiresInDays} field: null when absent, else 1 to 366. */
  private static Integer days(com.fasterxml.jackson.databind.JsonNode daysNode, Json.Fields f) {
    if (daysNode == null || daysNode.isNull()) {
      return null;
    }
    if (!daysNode.canConvertToInt() || !daysNode.isIntegralNumber() || daysNode.intValue() < 1
        || daysNode.intValue() > 366) {
      f.error("expiresInDays", "must be a whole number of days from 1 to 366");
      return null;
    }
    return daysNode.intValue();
  }

  private void revokeToken(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    String id = ctx.pathParam("token");
    accounts.revokeToken(p, id).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
