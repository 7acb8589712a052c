package org.plenary.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.Config;
import org.plenary.http.ProblemHandler;
import org.plenary.store.Database;
import org.plenary.testing.ApiClient;

@DisplayName("The policy guard")
class PolicyGuardTest {
  @TempDir Path temp;
  Vertx vertx;
  Database db;
  HttpServer server;

  @BeforeEach
  void start() {
    db = Database.open(Config.h2Url(temp), "", "", 2);
    vertx = Vertx.vertx();
    db.attach(vertx, 2);
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.put(AuthHandler.PRINCIPAL, new Principal(1, "x@example.org", "X", false, "hash", false, null));
      ctx.next();
    });
    router.route().handler(new Policy(db, AuthorizationMatrix.load()).guard());
    router.get("/me").handler(ctx -> ctx.response().end("me"));
    router.get("/unlisted").handler(ctx -> ctx.response().end("secret"));
    router.post("/negotiations").handler(ctx -> ctx.response().end("created"));
    router.route().failureHandler(new ProblemHandler());
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    db.close();
  }

  @Test
  @DisplayName("refuses a route the matrix does not list, lets a listed one through, and applies its outcome")
  void denyByDefault() {
    ApiClient client = new ApiClient("http://127.0.0.1:" + server.actualPort());
    ApiClient.Response unlisted = client.get("/unlisted");
    assertThat(unlisted.status()).isEqualTo(404);
    assertThat(unlisted.text()).doesNotContain("secret");
    assertThat(client.get("/me").text()).isEqualTo("me");
    ApiClient.Response create = client.post("/negotiations", "{}");
    assertThat(create.status()).as("a non-admin may not create a negotiation").isEqualTo(403);
    assertThat(create.contentType()).startsWith("application/problem+json");
  }
}
