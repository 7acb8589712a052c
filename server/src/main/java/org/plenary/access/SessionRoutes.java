package org.plenary.access;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.http.Routes;
import org.plenary.store.Database;

/**
 * Logging in and out over HTTP: cookies, the token for scripts, 401 and 429; the rules are {@link SessionService}'s.
 *
 * <pre>
 *   curl -s -X POST localhost:8080/api/v1/session -H 'Content-Type: application/json' \
 *        -d '{"email":"admin@plenary.local","password":"…"}'
 *   → {"token":"…","csrfToken":"…","account":{…}} and the plenary_session cookie
 * </pre>
 */
public final class SessionRoutes {
  private final SessionService sessions;
  private final boolean secureCookies;

  public SessionRoutes(Database db, Passwords passwords, boolean secureCookies, LoginThrottle throttle) {
    this.sessions = new SessionService(db, passwords, throttle);
    this.secureCookies = secureCookies;
  }

  /** Routes that need no login. */
  public void mountPublic(Routes api) {
    api.post("/session").handler(this::login);
  }

  /** Routes for a logged-in caller. */
  public void mount(Routes api) {
    api.delete("/session").handler(this::logout);
    api.get("/me").handler(this::me);
  }

  private void login(RoutingContext ctx) {
    Json.Fields f = new Json.Fields(Json.smallBody(ctx, "email", "password"));
    String email = f.requiredText("email", 320);
    String password = f.requiredText("password", 1024);
    f.check();
    // A session token presented with the login is dropped: the new session never reuses it (fixation).
    Cookie presented = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
    String presentedToken = presented == null || presented.getValue().isEmpty() ? null : presented.getValue();
    sessions.login(email, password, clientAddress(ctx), presentedToken).onSuccess(attempt -> {
      if (attempt.retryAfter() > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(attempt.retryAfter()));
        ctx.fail(throttled(attempt.retryAfter()));
      } else if (attempt.login() == null) {
        ctx.fail(Problem.of(401, "invalid-credentials", "Invalid credentials", "the email or password is wrong"));
      } else {
        loggedIn(ctx, attempt.login());
      }
    }).onFailure(ctx::fail);
  }

  private static Problem throttled(long retryAfter) {
    return new Problem(429, "rate-limited", "Too many failed logins", "too many failed logins for this email or "
        + "from this address; try again in " + retryAfter + " seconds", java.util.List.of(),
        Map.of("retryAfter", retryAfter));
  }

  /** The session cookie, the CSRF cookie, and the token for scripts. */
  private void loggedIn(RoutingContext ctx, SessionService.Login login) {
    long maxAge = SessionService.SESSION_LIFETIME.toSeconds();
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
  }

  /** The peer address (a reverse proxy's own address when behind one: see README, rate limit). */
  static String clientAddress(RoutingContext ctx) {
    var remote = ctx.request().remoteAddress();
    String host = remote == null ? null : remote.hostAddress();
    return host == null ? "unknown" : host.length() > 64 ? host.substring(0, 64) : host;
  }

  private void logout(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    sessions.logout(p).onSuccess(v -> {
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

}
