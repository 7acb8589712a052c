package org.plenary.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.plenary.store.Database;
import org.plenary.store.RequestId;

/**
 * The HTTP server: request limits, health, the API routes the features mount, problem+json for every
 * failure, and the web client's static files.
 */
public final class HttpVerticle extends VerticleBase {
  /** How long in-flight requests may take to finish when the server stops. */
  private static final long SHUTDOWN_SECONDS = 10;

  /**
   * The web client's policy: scripts, styles and everything else from this origin only, no plugins, no
   * {@code <base>}, never framed, forms post only here.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
      + " frame-ancestors 'none'; form-action 'self'";
  /** Vite names every asset after its content hash, so an asset never changes under its name. */
  private static final long ASSET_MAX_AGE_SECONDS = 365L * 24 * 3600;

  /** What the features contribute: routes without login, the login check, routes behind it. */
  public record Api(Consumer<Routes> publicRoutes, Handler<RoutingContext> authentication,
      Handler<RoutingContext> guard, Handler<RoutingContext> guardFailure, Consumer<Routes> protectedRoutes) {}

  /**
   * Limits on connections: how many may be open on this node, how long one may sit idle, and how long a
   * client may take to send a request's headers.
   */
  public record Connections(int max, int idleTimeoutSeconds, int headerTimeoutSeconds) {}

  private final String host;
  private final int port;
  private final long bodyLimit;
  private final Connections connections;
  private final Database db;
  private final Api api;
  private final Consumer<Router> rootRoutes;
  private final ConnectionGuard guard;
  private final HealthProbe healthProbe;
  private HttpServer server;
  private Router apiRouter;
  private Routes protectedRoutes;

  /**
   * One instance of the HTTP server; several (one per event loop) may be deployed with the same {@code guard}
   * and {@code health}, sharing the port. Everything the routes hold is shared by the instances, so it must be
   * safe to use from several event loops at once.
   *
   * <p>{@code rootRoutes}: routes outside {@code /api/v1} and the web client ({@code /metrics}).
   */
  public HttpVerticle(String host, int port, long bodyLimit, Connections connections, ConnectionGuard guard,
      HealthProbe health, Api api, Consumer<Router> rootRoutes) {
    this.rootRoutes = rootRoutes;
    this.host = host;
    this.port = port;
    this.bodyLimit = bodyLimit;
    this.connections = connections;
    this.guard = guard;
    this.healthProbe = health;
    this.db = health.database();
    this.api = api;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(RequestId.handler());
    router.route().handler(ctx -> {
      ctx.response().putHeader("X-Content-Type-Options", "nosniff");
      ctx.response().putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    });
    router.get("/health").handler(this::health);
    // liveness: the process answers (no database: a slow database must not get the node restarted)
    router.get("/health/live").handler(ctx -> Json.send(ctx, 200, Map.of("status", "UP")));
    router.get("/health/ready").handler(this::ready);
    rootRoutes.accept(router);

    apiRouter = Router.router(vertx);
    // A caller without credentials can only log in or accept an invitation: a few short fields. Its body is
    // cut at the small limit before it is buffered, so nobody unauthenticated makes the server hold megabytes.
    BodyHandler small = BodyHandler.create(false).setBodyLimit(Json.SMALL_BODY_BYTES);
    BodyHandler large = BodyHandler.create(false).setBodyLimit(bodyLimit);
    apiRouter.route().handler(ctx -> (Http.hasCredentials(ctx) ? large : small).handle(ctx));
    api.publicRoutes().accept(Routes.direct(apiRouter));
    apiRouter.route().handler(api.authentication());
    // Every protected route passes the authorization matrix first, which names the route to run (see Routes).
    apiRouter.route().handler(api.guard()).failureHandler(api.guardFailure());
    protectedRoutes = Routes.dispatched(vertx);
    api.protectedRoutes().accept(protectedRoutes);
    apiRouter.route().handler(protectedRoutes.dispatcher()).failureHandler(protectedRoutes.failureDispatcher());
    apiRouter.route().handler(ctx -> ctx.fail(Problem.notFound("API resource " + ctx.request().path())));
    apiRouter.route().failureHandler(new ProblemHandler());
    router.route("/api/v1/*").subRouter(apiRouter);
    router.route("/api/*").handler(ctx -> ctx.fail(Problem.notFound("API resource " + ctx.request().path())));

    webClient(router);
    router.route().failureHandler(new ProblemHandler());

    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(host)
        // port 0 asks for a free port; several instances share one when it is given as -1
        .setPort(port == 0 ? -1 : port)
        .setCompressionSupported(true)
        .setMaxHeaderSize(16 * 1024)
        // Cleartext HTTP/2 detection waits for a client's first bytes before the connection exists: without it,
        // every connection is counted and timed from the moment it is accepted.
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(connections.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS));
    return server.connectionHandler(guard::opened).requestHandler(guard.wrap(router)).listen();
  }

  /**
   * The single-page web client: hashed assets cached for a year, index.html revalidated on every load (so an
   * upgrade reaches users at once), 404 for a missing asset or any other path that names a file, and every
   * client-side route (/negotiations/1/…) answered with index.html. All under a strict CSP.
   */
  private void webClient(Router router) {
    router.route().handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      ctx.response().putHeader("X-Frame-Options", "DENY");
      ctx.next();
    });
    // The handler resolves the path after the route's prefix, so its root is the assets directory itself.
    router.route("/assets/*").handler(StaticHandler.create("webroot/assets").setMaxAgeSeconds(ASSET_MAX_AGE_SECONDS)
        .setDirectoryListing(false));
    router.route("/assets/*").handler(ctx -> ctx.fail(Problem.notFound("file " + ctx.request().path())));
    router.get("/").handler(this::index);
    router.get("/index.html").handler(this::index);
    router.get().handler(ctx -> {
      String path = ctx.normalizedPath();
      String last = path.substring(path.lastIndexOf('/') + 1);
      if (last.contains(".")) {
        ctx.fail(Problem.notFound("file " + path));
      } else {
        index(ctx);
      }
    });
  }

  private void index(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-cache").putHeader("Content-Type", "text/html; charset=utf-8")
        .sendFile("webroot/index.html").onFailure(ctx::fail);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Every route under {@code /api/v1}: those on its router (the public ones) and the protected ones, each on a
   * router of its own (see {@link Routes}). Tests list them: the authorization matrix must cover them all.
   */
  public java.util.List<io.vertx.ext.web.Route> apiRoutes() {
    java.util.List<io.vertx.ext.web.Route> all = new java.util.ArrayList<>(apiRouter.getRoutes());
    all.addAll(protectedRoutes.list());
    return all;
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Open connections and connections refused since the start (the node was full). */
  public ConnectionGuard connections() {
    return guard;
  }

  /** Readiness: the database answers and every migration this build knows has been applied. */
  private void ready(RoutingContext ctx) {
    db.read(dsl -> db.pendingMigrations()).onComplete(ar -> {
      Map<String, Object> body = new LinkedHashMap<>();
      boolean ready = ar.succeeded() && ar.result().isEmpty();
      body.put("status", ready ? "UP" : "DOWN");
      body.put("database", ar.succeeded() ? "UP" : "DOWN");
      body.put("pendingMigrations", ar.succeeded() ? ar.result() : java.util.List.of());
      if (ar.failed()) {
        body.put("detail", "the database does not answer");
      }
      Json.send(ctx, ready ? 200 : 503, body);
    });
  }

  /** Health: the process answers and the database did at most {@link HealthProbe#MAX_AGE_MILLIS} ago. */
  private void health(RoutingContext ctx) {
    HealthProbe.Result known = healthProbe.fresh();
    if (known != null) {
      known.send(ctx);
      return;
    }
    io.vertx.core.Context own = vertx.getOrCreateContext();
    healthProbe.probe().onComplete(ar -> own.runOnContext(v -> ar.result().send(ctx)));
  }
}
