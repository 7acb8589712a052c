package org.plenary.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the features mount their API routes ({@code routes.get("/negotiations/:n/revisions/:r").handler(…)}),
 * and how a request finds its route.
 *
 * <p>A Vert.x router tries its routes in turn, and for each one with a path parameter it cuts the path, makes a
 * {@code Matcher} and runs a regular expression: with 80 routes that was a quarter of the time of a read served
 * from memory. Behind the login check the policy guard has already found the request's route in the
 * authorization matrix ({@link #ROUTE}); so every route (method and path pattern) gets a router of its own, and
 * {@link #dispatcher()} hands the request straight to it: one match per request, whatever the number of routes.
 * It also makes the route the policy checked the very route that runs, even where a literal segment and a
 * parameter could both match a path. Handlers of one route run in the order they were mounted, and a handler's
 * {@code ctx.next()} goes on to the next handler of the same route, then to the parent router (404 when none).
 *
 * <p>The routes before the login check are few and have no policy: {@link #direct(Router)} mounts them on the
 * router given, matched in turn as before.
 */
public final class Routes {
  /** The context key under which the policy puts the matched route's path pattern (relative to /api/v1). */
  public static final String ROUTE = "plenary.route";

  private final Vertx vertx;
  private final Router direct;
  /** method → path pattern → that route's own router (dispatched) */
  private final Map<String, Map<String, Router>> routers = new HashMap<>();
  private final List<Route> all = new ArrayList<>();

  private Routes(Vertx vertx, Router direct) {
    this.vertx = vertx;
    this.direct = direct;
  }

  /** Routes with a router each, reached through {@link #dispatcher()} after the policy guard. */
  public static Routes dispatched(Vertx vertx) {
    return new Routes(vertx, null);
  }

  /** Routes mounted on {@code router} itself, matched by it in turn (the few public routes). */
  public static Routes direct(Router router) {
    return new Routes(null, router);
  }

  public Route get(String path) {
    return route(HttpMethod.GET, path);
  }

  public Route post(String path) {
    return route(HttpMethod.POST, path);
  }

  public Route put(String path) {
    return route(HttpMethod.PUT, path);
  }

  public Route patch(String path) {
    return route(HttpMethod.PATCH, path);
  }

  public Route delete(String path) {
    return route(HttpMethod.DELETE, path);
  }

  private Route route(HttpMethod method, String path) {
    Router router = direct;
    if (router == null) {
      router = routers.computeIfAbsent(method.name(), m -> new LinkedHashMap<>())
          .computeIfAbsent(path, p -> Router.router(vertx));
    }
    Route route = router.route(method, path);
    if (method == HttpMethod.GET) {
      route.method(HttpMethod.HEAD); // the same answer without its body (Vert.x drops it), as HTTP asks
    }
    all.add(route);
    return route;
  }

  /** Every route mounted here, in mount order (the authorization matrix must list each one). */
  public List<Route> list() {
    return List.copyOf(all);
  }

  /**
   * The handler (and failure handler) to mount after the policy guard: the request goes to the router of the
   * route the guard matched, or on to the next handler (404) when no route was matched or mounted.
   */
  public Handler<RoutingContext> dispatcher() {
    return dispatch(Router::handleContext);
  }

  /** The failure side of {@link #dispatcher()}: a failure inside a route goes to that route's failure handlers. */
  public Handler<RoutingContext> failureDispatcher() {
    return dispatch(Router::handleFailure);
  }

  private Handler<RoutingContext> dispatch(java.util.function.BiConsumer<Router, RoutingContext> into) {
    return ctx -> {
      Router router = routerOf(ctx);
      if (router == null) {
        ctx.next();
      } else {
        into.accept(router, ctx);
      }
    };
  }

  private Router routerOf(RoutingContext ctx) {
    String path = ctx.get(ROUTE);
    if (path == null) {
      return null;
    }
    HttpMethod method = ctx.request().method();
    Map<String, Router> byPath = routers.get(method == HttpMethod.HEAD ? "GET" : method.name());
    return byPath == null ? null : byPath.get(path);
  }
}
