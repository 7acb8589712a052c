package org.plenary.access;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.plenary.http.Problem;
import org.plenary.store.Database;

/**
 * Resolves the caller from {@code Authorization: Bearer …} or the session cookie. Cookie-authenticated
 * state-changing requests must echo the session's CSRF token in {@code X-CSRF-Token}; bearer requests
 * need not, as a browser never adds that header on its own.
 */
public final class AuthHandler implements Handler<RoutingContext> {
  public static final String SESSION_COOKIE = org.plenary.http.Http.SESSION_COOKIE;
  public static final String CSRF_COOKIE = "plenary_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  /** The routing-context key under which the resolved {@link Principal} travels with the request. */
  public static final String PRINCIPAL = "plenary.principal";

  /**
   * How long a resolved token is trusted without asking the database again. Logout on this node takes effect
   * at once ({@link #forget}); a revocation or an account disabled elsewhere takes effect within this time.
   * It saves a query and a worker hop on every request.
   */
  static final long CACHE_NANOS = 2_000_000_000L;
  private static final int CACHE_MAX = 50_000;
  private static final java.util.concurrent.ConcurrentHashMap<String, Cached> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Cached(Principal principal, long until) {}

  private final Database db;

  public AuthHandler(Database db) {
    this.db = db;
  }

  /** Told when a token or all of an account's tokens stop being valid on this node (open streams end then). */
  public interface RevocationListener {
    void tokenRevoked(String tokenHash);

    void accountRevoked(long accountId);
  }

  private static final java.util.List<RevocationListener> LISTENERS = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Registers a listener; the returned action removes it again. */
  public static Runnable onRevocation(RevocationListener listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  /** Drops a token from the cache (called when it is revoked). */
  public static void forget(String tokenHash) {
    CACHE.remove(tokenHash + ":c");
    CACHE.remove(tokenHash + ":b");
    LISTENERS.forEach(l -> l.tokenRevoked(tokenHash));
  }

  /**
   * Drops every cached token of an account (disabled, password reset, API token revoked). Another node
   * may still accept the account's tokens for up to the cache's two seconds; this node refuses them at once.
   */
  public static void forgetAccount(long accountId) {
    CACHE.values().removeIf(c -> c.principal().accountId() == accountId);
    LISTENERS.forEach(l -> l.accountRevoked(accountId));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = null;
    boolean viaCookie = false;
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = authorization.substring(7).trim();
    } else {
      Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
      if (cookie != null) {
        token = cookie.getValue();
        viaCookie = true;
      }
    }
    if (token == null || token.isEmpty()) {
      ctx.fail(Problem.unauthorized("log in first: POST /api/v1/session, then send the cookie or "
          + "'Authorization: Bearer <token>'"));
      return;
    }
    String hash = Passwords.sha256(token);
    boolean cookie = viaCookie;
    String cacheKey = hash + (cookie ? ":c" : ":b");
    Cached cached = CACHE.get(cacheKey);
    if (cached != null && cached.until() - System.nanoTime() > 0) {
      accept(ctx, cached.principal(), cookie);
      return;
    }
    db.read(dsl -> Accounts.byToken(dsl, hash, cookie)).onSuccess(found -> {
      if (found.isEmpty()) {
        CACHE.remove(cacheKey);
        ctx.fail(Problem.unauthorized("the session or token is unknown, expired or revoked; log in again"));
        return;
      }
      if (CACHE.size() >= CACHE_MAX) {
        CACHE.clear();
      }
      CACHE.put(cacheKey, new Cached(found.get(), System.nanoTime() + CACHE_NANOS));
      accept(ctx, found.get(), cookie);
    }).onFailure(ctx::fail);
  }

  /** The caller of a request that passed this handler; 401 if it did not (the route is public). */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    if (p == null) {
      throw Problem.unauthorized("log in first: POST /api/v1/session");
    }
    return p;
  }

  private static void accept(RoutingContext ctx, Principal principal, boolean cookie) {
    if (cookie && !isSafe(ctx.request().method())) {
      String presented = ctx.request().getHeader(CSRF_HEADER);
      if (presented == null || principal.csrfToken() == null
          || !java.security.MessageDigest.isEqual(presented.getBytes(), principal.csrfToken().getBytes())) {
        ctx.fail(Problem.forbidden("missing or wrong " + CSRF_HEADER + " header (copy it from the "
            + CSRF_COOKIE + " cookie)"));
        return;
      }
    }
    ctx.put(PRINCIPAL, principal);
    ctx.next();
  }

  private static boolean isSafe(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
  }
}
