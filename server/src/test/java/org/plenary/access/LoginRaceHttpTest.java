package org.plenary.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.schema.Tables;
import org.plenary.testing.Backend;
import org.plenary.testing.TestServer;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The login throttle under parallel guessing")
class LoginRaceHttpTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp, "--login-max-failures", "5", "--login-max-failures-per-address", "1000");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("40 wrong passwords sent at once: exactly 5 are checked, every other one is a 429")
  void parallelGuesses() {
    long n = server.negotiation("x");
    server.participant(n, "target@example.org", "observer", null);
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String body = "{\"email\":\"target@example.org\",\"password\":\"guess-" + i + "\"}";
      sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.client().base() + "/api/v1/session"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    int checked = 0;
    int throttled = 0;
    for (CompletableFuture<HttpResponse<String>> f : sent) {
      int status = f.join().statusCode();
      assertThat(status).isIn(401, 429);
      if (status == 401) {
        checked++;
      } else {
        throttled++;
      }
    }
    var dsl = server.plenary().database().dsl();
    assertThat(checked).isEqualTo(5);
    assertThat(throttled).isEqualTo(40 - checked);
    assertThat(dsl.fetchCount(Tables.EVENT, Tables.EVENT.TYPE.eq("session.failed"))).isEqualTo(checked);
    assertThat(dsl.fetchCount(Tables.EVENT, Tables.EVENT.TYPE.eq("session.throttled"))).isEqualTo(throttled);
    assertThat(dsl.fetchCount(Tables.LOGIN_FAILURE, Tables.LOGIN_FAILURE.EMAIL.eq("target@example.org")))
        .isEqualTo(checked);
  }
}
