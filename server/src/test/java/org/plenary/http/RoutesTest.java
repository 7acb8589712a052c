package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The protected routes' dispatch: the route a guard names is the one that runs, with its parameters. */
class RoutesTest {
  private Vertx vertx;
  private HttpServer server;
  private Routes routes;
  private final HttpClient client = HttpClient.newHttpClient();

  /** What the stand-in guard says each path is: the real one is the authorization matrix (access.Policy). */
  private static final Map<String, String> GUARD = Map.of(
      "/items/7", "/items/:id",
      "/items/latest", "/items/latest",
      "/items/8/fail", "/items/:id/fail",
      "/items/9/pass", "/items/:id/pass");

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Router api = Router.router(vertx);
    routes = Routes.dispatched(vertx);
    // mounted in this order, a single router would run "/items/:id" for /items/latest
    routes.get("/items/:id").handler(ctx -> ctx.response().end("item " + ctx.pathParam("id")));
    routes.get("/items/latest").handler(ctx -> ctx.response().end("latest"));
    routes.get("/items/:id/fail").handler(ctx -> ctx.fail(Problem.conflict("failed", "item " + ctx.pathParam("id"))));
    routes.get("/items/:id/pass").handler(ctx -> {
      ctx.put("seen", ctx.pathParam("id"));
      ctx.next();
    }).handler(ctx -> ctx.response().end("second handler after " + ctx.get("seen")));
    api.route().handler(ctx -> {
      String matched = GUARD.get(ctx.normalizedPath().substring("/api/v1".length()));
      if (matched != null) {
        ctx.put(Routes.ROUTE, matched);
      }
      ctx.next();
    });
    api.route().handler(routes.dispatcher()).failureHandler(routes.failureDispatcher());
    api.route().handler(ctx -> ctx.fail(Problem.notFound("API resource " + ctx.request().path())));
    api.route().failureHandler(new ProblemHandler());
    Router root = Router.router(vertx);
    root.route("/api/v1/*").subRouter(api);
    server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1" + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("the route the guard matched runs, with its path parameters, even where another route comes first")
  void dispatch() throws Exception {
    assertThat(get("/items/7").body()).isEqualTo("item 7");
    assertThat(get("/items/latest").body()).isEqualTo("latest");
    assertThat(get("/items/9/pass").body()).isEqualTo("second handler after 9");
  }

  @Test
  @DisplayName("a failure inside a route reaches the API's problem handler; a path the guard did not match is a 404")
  void failuresAndUnknownPaths() throws Exception {
    HttpResponse<String> failed = get("/items/8/fail");
    assertThat(failed.statusCode()).isEqualTo(409);
    assertThat(failed.body()).contains("\"type\"").contains("item 8");
    assertThat(get("/items/7/other").statusCode()).isEqualTo(404);
    assertThat(routes.list()).hasSize(4);
  }
}
