package org.plenary.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Small glue shared by the features' route classes. */
public final class Http {
  private Http() {}

  /** Completes the request with {@code status} and the future's value as JSON, or fails it with the error. */
  public static <T> void respond(RoutingContext ctx, int status, Future<T> result) {
    result.onSuccess(v -> Json.send(ctx, status, v)).onFailure(ctx::fail);
  }

  /** Whether the request presents a session cookie or a bearer token (valid or not: that is checked later). */
  public static boolean hasCredentials(RoutingContext ctx) {
    return ctx.request().getHeader("Authorization") != null || ctx.request().getCookie(SESSION_COOKIE) != null;
  }

  /** The session cookie's name (access.AuthHandler reads the session from it; http must not depend on access). */
  public static final String SESSION_COOKIE = "plenary_session";

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
