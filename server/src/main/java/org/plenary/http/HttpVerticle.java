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

/**
 * The HTTP server: request limits, health, the API routes the features mount, problem+json for every
 * failure, and the web client's static files.
 */
public final class HttpVerticle extends VerticleBase {
  /** How long in-flight requests may take to finish when the server stops. */
  private static final long SHUTDOWN_SECONDS = 10;

  /** What the features contribute: routes without login, the login check, routes behind it. */
  public record Api(Consumer<Router> publicRoutes, Handler<RoutingContext> authentication,
      Consumer<Router> protectedRoutes) {}

  private final String host;
  private final int port;
  private final long bodyLimit;
  private final Database db;
  private final Api api;
  private final Consumer<Router> rootRoutes;
  private HttpServer server;
  private Router apiRouter;

  public HttpVerticle(String host, int port, long bodyLimit, Database db, Api api) {
    this(host, port, bodyLimit, db, api, root -> {});
  }

  /** {@code rootRoutes}: routes outside {@code /api/v1} and the web client ({@code /metrics}). */
  public HttpVerticle(String host, int port, long bodyLimit, Database db, Api api, Consumer<Router> rootRoutes) {
    this.rootRoutes = rootRoutes;
    this.host = host;
    this.port = port;
    this.bodyLimit = bodyLimit;
    this.db = db;
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
    apiRouter.route().handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
    api.publicRoutes().accept(apiRouter);
    apiRouter.route().handler(api.authentication());
    api.protectedRoutes().accept(apiRouter);
    apiRouter.route().handler(ctx -> ctx.fail(Problem.notFound("API resource " + ctx.request().path())));
    apiRouter.route().failureHandler(new ProblemHandler());
    router.route("/api/v1/*").subRouter(apiRouter);
    router.route("/api/*").handler(ctx -> ctx.fail(Problem.notFound("API resource " + ctx.request().path())));

    router.route().handler(StaticHandler.create("webroot").setIndexPage("index.html"));
    // Client-side routes (/negotiations/1/…) are the single-page app too.
    router.get().handler(ctx -> ctx.response().sendFile("webroot/index.html"));
    router.route().failureHandler(new ProblemHandler());

    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setCompressionSupported(true)
        .setMaxHeaderSize(16 * 1024));
    return server.requestHandler(router).listen();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
  }

  /** The router under {@code /api/v1}, so tests can list every route (the authorization matrix must cover them). */
  public Router apiRouter() {
    return apiRouter;
  }

  public int actualPort() {
    return server.actualPort();
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

  private void health(RoutingContext ctx) {
    db.read(dsl -> dsl.selectOne().fetchOne().value1()).onComplete(ar -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", ar.succeeded() ? "UP" : "DOWN");
      body.put("database", db.isPostgres() ? "postgresql" : "h2");
      if (ar.failed()) {
        body.put("detail", "the database does not answer");
      }
      Json.send(ctx, ar.succeeded() ? 200 : 503, body);
    });
  }
}
