package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A large body streamed as it is written")
class StreamedBodyTest {
  Vertx vertx;
  HttpServer server;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** 300,000 Arabic characters (600,000 bytes in UTF-8): several chunks. */
  static final String BIG = "ق".repeat(300_000);

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/big").handler(ctx -> {
      ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8");
      StreamedBody.send(ctx, out -> {
        for (int i = 0; i < 300; i++) {
          out.write(BIG.substring(i * 1000, (i + 1) * 1000).getBytes(StandardCharsets.UTF_8));
        }
      });
    });
    router.get("/small").handler(ctx -> StreamedBody.send(ctx, out -> out.write("صغير".getBytes(StandardCharsets.UTF_8))));
    router.get("/fails-early").handler(ctx -> StreamedBody.send(ctx, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IllegalStateException("a bug before the first chunk");
    }));
    router.get("/fails-late").handler(ctx -> StreamedBody.send(ctx, out -> {
      out.write(BIG.getBytes(StandardCharsets.UTF_8));
      throw new IllegalStateException("a bug after the first chunk");
    }));
    router.route().failureHandler(new ProblemHandler());
    server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  @DisplayName("megabytes arrive whole and in order, chunked; a small body goes whole with its length")
  void whole() throws Exception {
    HttpResponse<byte[]> big = get("/big");
    assertThat(big.statusCode()).isEqualTo(200);
    assertThat(big.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    assertThat(new String(big.body(), StandardCharsets.UTF_8)).isEqualTo(BIG);
    HttpResponse<byte[]> small = get("/small");
    assertThat(small.headers().firstValue("Content-Length")).hasValue("8");
    assertThat(new String(small.body(), StandardCharsets.UTF_8)).isEqualTo("صغير");
  }

  @Test
  @DisplayName("a failure before the first chunk is a problem+json 500, after it a cut connection, never a whole 200")
  void failures() throws Exception {
    HttpResponse<byte[]> early = get("/fails-early");
    assertThat(early.statusCode()).isEqualTo(500);
    assertThat(early.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(new String(early.body(), StandardCharsets.UTF_8)).doesNotContain("half");
    assertThatThrownBy(() -> get("/fails-late")).isInstanceOf(IOException.class);
  }
}
