package org.plenary.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.plenary.access.Principal;

/** Small glue shared by the features' route classes. */
public final class Http {
  public static final String PRINCIPAL = "plenary.principal";

  private Http() {}

  /** Completes the request with {@code status} and the future's value as JSON, or fails it with the error. */
  public static <T> void respond(RoutingContext ctx, int status, Future<T> result) {
    result.onSuccess(v -> Json.send(ctx, status, v)).onFailure(ctx::fail);
  }

  /** Whether the request presents a session cookie or a bearer token (valid or not: that is checked later). */
  public static boolean hasCredentials(RoutingContext ctx) {
    return ctx.request().getHeader("Authorization") != null
        || ctx.request().getCookie(org.plenary.access.AuthHandler.SESSION_COOKIE) != null;
  }

  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    if (p == null) {
      throw Problem.unauthorized("log in first: POST /api/v1/session");
    }
    return p;
  }

  /** A numeric path parameter; an unparsable one reads as "not found", as it names nothing. */
  public static long idParam(RoutingContext ctx, String name, String what) {
    String raw = ctx.pathParam(name);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through to not found
    }
    throw Problem.notFound(what + " " + raw);
  }
}
