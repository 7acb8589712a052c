package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.EVENT;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Observability: /metrics, health, request ids")
class ObservabilityHttpTest {
  static final String TOKEN = "scrape-secret-7f3a";
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp, "--metrics-token", TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String scrape() {
    Response r = server.client().withHeader("Authorization", "Bearer " + TOKEN).get("/metrics");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain");
    return r.text();
  }

  @Test
  @DisplayName("/metrics has HTTP meters by route template and status with histograms, the pools, live streams, "
      + "the group commit and the JVM, and never a path with an id")
  void metrics() {
    long n = server.negotiation("القرار 88");
    JsonNode revision = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    String base = "/api/v1/negotiations/" + n + "/revisions/" + revision.get("id").asLong();
    ApiClient egypt = server.participant(n, "delegate@egypt.test", "delegate", "EGY");
    Response posted = egypt.post(base + "/proposals", Map.of("kind", "comment",
        "paragraph", Samples.paragraphWith(revision, "2,9"), "text", "تعليق"));
    assertThat(posted.status()).isEqualTo(201);
    assertThat(egypt.get(base + "/proposals").status()).isEqualTo(200);
    Response stream = egypt.openStream("/api/v1/negotiations/" + n + "/events?since=0");
    assertThat(stream.status()).isEqualTo(200);

    String text = scrape();
    assertThat(text).contains("vertx_http_server_requests_total{")
        .contains("vertx_http_server_response_time_seconds_bucket{")
        .contains("route=\"/api/v1/>/negotiations/:n/revisions/:r/proposals\"")
        .containsPattern("code=\"201\"")
        .contains("hikaricp_connections_active")
        .contains("vertx_pool_in_use{").contains("pool_name=\"plenary-db\"")
        .contains("plenary_live_streams")
        .contains("plenary_groupcommit_queue")
        .containsPattern("plenary_groupcommit_batch_size_count\\S* [1-9]")
        .contains("jvm_memory_used_bytes").contains("jvm_gc_");
    assertThat(Pattern.compile("route=\"[^\"]*/[0-9]+[/\"]").matcher(text).find())
        .as("a route label with a raw id").isFalse();
  }

  @Test
  @DisplayName("with PLENARY_METRICS_TOKEN a scrape without the bearer token is refused")
  void token() {
    assertThat(server.client().get("/metrics").status()).isEqualTo(401);
    assertThat(server.client().withHeader("Authorization", "Bearer wrong").get("/metrics").status()).isEqualTo(401);
    assertThat(scrape()).contains("jvm_threads_live_threads");
  }

  @Test
  @DisplayName("liveness needs no database, readiness checks the database and the migrations, /health stays")
  void health() {
    Response live = server.client().get("/health/live");
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().get("status").asText()).isEqualTo("UP");
    Response ready = server.client().get("/health/ready");
    assertThat(ready.status()).as(ready.text()).isEqualTo(200);
    assertThat(ready.json().get("pendingMigrations")).isEmpty();
    assertThat(server.client().get("/health").json().get("status").asText()).isEqualTo("UP");
  }

  @Test
  @DisplayName("a sane X-Request-Id is returned and lands in the audit events it causes; a bad one is replaced")
  void requestIds() {
    long n = server.negotiation("القرار 88");
    JsonNode revision = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    String base = "/api/v1/negotiations/" + n + "/revisions/" + revision.get("id").asLong();
    ApiClient egypt = server.participant(n, "delegate@egypt.test", "delegate", "EGY");
    Response posted = egypt.withHeader("X-Request-Id", "req-proposal-42").post(base + "/proposals",
        Map.of("kind", "comment", "paragraph", Samples.paragraphWith(revision, "2,9"), "text", "تعليق"));
    assertThat(posted.status()).isEqualTo(201);
    assertThat(posted.header("X-Request-Id")).isEqualTo("req-proposal-42");
    Response closed = server.admin.withHeader("X-Request-Id", "req-close-1").post("/api/v1/negotiations/" + n
        + "/close", Map.of());
    assertThat(closed.status()).isEqualTo(200);

    Response bad = server.admin.withHeader("X-Request-Id", "no spaces <or> tags").get("/api/v1/me");
    assertThat(bad.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(server.client().get("/health/live").header("X-Request-Id")).isNotBlank();

    var dsl = server.plenary().database().dsl();
    assertThat(dsl.select(EVENT.REQUEST_ID).from(EVENT).where(EVENT.TYPE.eq("proposal.created"))
        .fetchOne(EVENT.REQUEST_ID)).isEqualTo("req-proposal-42");
    assertThat(dsl.select(EVENT.REQUEST_ID).from(EVENT).where(EVENT.TYPE.eq("negotiation.closed"))
        .fetchOne(EVENT.REQUEST_ID)).isEqualTo("req-close-1");
  }
}
