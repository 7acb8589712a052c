package org.plenary.access;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.plenary.audit.AuditLog;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.store.Database;

/**
 * Logging in and out.
 *
 * <pre>
 *   curl -s -X POST localhost:8080/api/v1/session -H 'Content-Type: application/json' \
 *        -d '{"email":"admin@plenary.local","password":"…"}'
 *   → {"token":"…","csrfToken":"…","account":{…}} and the plenary_session cookie
 * </pre>
 */
public final class SessionRoutes {
  static final Duration SESSION_LIFETIME = Duration.ofHours(12);

  private final Database db;
  private final Passwords passwords;
  private final boolean secureCookies;
  private final LoginThrottle throttle;

  public SessionRoutes(Database db, Passwords passwords, boolean secureCookies, LoginThrottle throttle) {
    this.db = db;
    this.passwords = passwords;
    this.secureCookies = secureCookies;
    this.throttle = throttle;
  }

  /** Routes that need no login. */
  public void mountPublic(Router api) {
    api.post("/session").handler(this::login);
  }

  /** Routes for a logged-in caller. */
  public void mount(Router api) {
    api.delete("/session").handler(this::logout);
    api.get("/me").handler(this::me);
  }

  private void login(RoutingContext ctx) {
    Json.Fields f = new Json.Fields(Json.smallBody(ctx, "email", "password"));
    String email = f.requiredText("email", 320);
    String password = f.requiredText("password", 1024);
    f.check();
    String normalised = Accounts.normaliseEmail(email);
    String address = clientAddress(ctx);
    // A session token presented with the login is dropped: the new session never reuses it (fixation).
    Cookie presented = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
    String presentedHash = presented == null || presented.getValue().isEmpty() ? null
        : Passwords.sha256(presented.getValue());
    // The slot is committed before the password is checked, so parallel guesses see each other (LoginThrottle).
    throttle.reserve(db, normalised, address).compose(slot -> db.tx(dsl -> {
      if (!slot.reserved()) {
        long wait = slot.retryAfter();
        AuditLog.append(dsl, null, AuditLog.Actor.SYSTEM, "session.throttled", "email:" + normalised,
            Map.of("email", normalised, "address", address, "retryAfter", wait));
        return new Attempt(null, wait);
      }
      var account = Accounts.byEmail(dsl, normalised);
      // Verify even when the account is unknown, so timing does not reveal which emails exist.
      boolean ok = passwords.verify(password, account.map(Accounts.Account::passwordHash).orElse(null));
      if (!ok || account.get().disabled()) {
        // The reserved slot stays as this failure.
        AuditLog.append(dsl, null, new AuditLog.Actor(account.map(Accounts.Account::id).orElse(null), null),
            "session.failed", "email:" + normalised, Map.of("email", normalised, "address", address,
                "reason", ok ? "disabled" : "credentials"));
        return new Attempt(null, 0);
      }
      throttle.clear(dsl, normalised);
      if (presentedHash != null) {
        Accounts.revokeToken(dsl, presentedHash);
      }
      String token = Passwords.newToken();
      String csrf = Passwords.newToken();
      Accounts.storeToken(dsl, Passwords.sha256(token), account.get().id(), "session", csrf,
          OffsetDateTime.now(ZoneOffset.UTC).plus(SESSION_LIFETIME));
      AuditLog.append(dsl, null, new AuditLog.Actor(account.get().id(), null), "session.created",
          "account:" + account.get().id(), Map.of("address", address));
      return new Attempt(new Login(token, csrf, account.get()), 0);
    })).onSuccess(attempt -> {
      if (attempt.retryAfter() > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(attempt.retryAfter()));
        ctx.fail(new Problem(429, "rate-limited", "Too many failed logins",
            "too many failed logins for this email or from this address; try again in " + attempt.retryAfter()
                + " seconds", java.util.List.of(), Map.of("retryAfter", attempt.retryAfter())));
        return;
      }
      Login login = attempt.login();
      if (login == null) {
        ctx.fail(Problem.of(401, "invalid-credentials", "Invalid credentials",
            "the email or password is wrong"));
        return;
      }
      long maxAge = SESSION_LIFETIME.toSeconds();
      ctx.response().addCookie(Cookie.cookie(AuthHandler.SESSION_COOKIE, login.token())
          .setHttpOnly(true).setSecure(secureCookies).setSameSite(CookieSameSite.STRICT).setPath("/")
          .setMaxAge(maxAge));
      ctx.response().addCookie(Cookie.cookie(AuthHandler.CSRF_COOKIE, login.csrf())
          .setHttpOnly(false).setSecure(secureCookies).setSameSite(CookieSameSite.STRICT).setPath("/")
          .setMaxAge(maxAge));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("token", login.token());
      body.put("csrfToken", login.csrf());
      body.put("expiresIn", maxAge);
      body.put("account", accountJson(login.account()));
      Json.send(ctx, 200, body);
    }).onFailure(ctx::fail);
  }

  /** The peer address (a reverse proxy's own address when behind one: see README, rate limit). */
  static String clientAddress(RoutingContext ctx) {
    var remote = ctx.request().remoteAddress();
    String host = remote == null ? null : remote.hostAddress();
    return host == null ? "unknown" : host.length() > 64 ? host.substring(0, 64) : host;
  }

  private void logout(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    db.tx(dsl -> {
      Accounts.revokeToken(dsl, p.tokenHash());
      AuditLog.append(dsl, null, new AuditLog.Actor(p.accountId(), null), "session.revoked",
          "account:" + p.accountId(), Map.of());
      return null;
    }).onSuccess(v -> {
      ctx.response().addCookie(Cookie.cookie(AuthHandler.SESSION_COOKIE, "").setPath("/").setMaxAge(0)
          .setHttpOnly(true).setSecure(secureCookies).setSameSite(CookieSameSite.STRICT));
      ctx.response().addCookie(Cookie.cookie(AuthHandler.CSRF_COOKIE, "").setPath("/").setMaxAge(0)
          .setSecure(secureCookies).setSameSite(CookieSameSite.STRICT));
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", p.accountId());
    body.put("email", p.email());
    body.put("displayName", p.displayName());
    body.put("admin", p.admin());
    Json.send(ctx, 200, body);
  }

  private static Map<String, Object> accountJson(Accounts.Account a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("email", a.email());
    m.put("displayName", a.displayName());
    m.put("admin", a.admin());
    return m;
  }

  private record Login(String token, String csrf, Accounts.Account account) {}

  private record Attempt(Login login, long retryAfter) {}
}
