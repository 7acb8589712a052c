package org.plenary.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.ACCOUNT;
import static org.plenary.schema.Tables.AUTH_TOKEN;
import static org.plenary.schema.Tables.PARTICIPANT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.access.Passwords;
import org.plenary.testing.Backend;
import org.plenary.testing.SseClient;
import org.plenary.testing.TestServer;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("An open live stream ends when its caller may no longer read")
class StreamRevocationTest {
  static final String EMAIL = "egy@delegation.test";

  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  DSLContext dsl;
  long n;
  String token;

  @BeforeEach
  void start() {
    // short heartbeats: the re-check of open streams runs with them
    server = TestServer.start(backend, temp, "--sse-heartbeat-millis", "300");
    dsl = server.plenary().database().dsl();
    n = server.negotiation("القرار 88 (كيغالي، 2022)");
    token = LiveUpdatesHttpTest.participantToken(server, n, EMAIL, "delegate", "EGY");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  SseClient subscribe() {
    SseClient c = SseClient.open(server.client().base(), "/api/v1/negotiations/" + n + "/events", token, null);
    assertThat(c.status()).as(c.errorBody()).isEqualTo(200);
    return c;
  }

  long account() {
    return dsl.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.EMAIL.eq(EMAIL)).fetchOne(ACCOUNT.ID);
  }

  @Test
  @DisplayName("logging out ends the session's open stream, and the stream cannot be reopened")
  void logout() {
    try (SseClient sse = subscribe()) {
      assertThat(sse.awaitEnd(Duration.ofMillis(500))).as("still open before logout").isFalse();
      assertThat(server.client().withToken(token).delete("/api/v1/session").status()).isIn(200, 204);
      assertThat(sse.awaitEnd(Duration.ofSeconds(5))).isTrue();
    }
    SseClient again = SseClient.open(server.client().base(), "/api/v1/negotiations/" + n + "/events", token, null);
    try (again) {
      assertThat(again.status()).isEqualTo(401);
    }
  }

  @Test
  @DisplayName("disabling the account ends its open streams")
  void disabled() {
    try (SseClient sse = subscribe()) {
      var r = server.admin.post("/api/v1/negotiations/" + n + "/participants/" + account() + "/disable", Map.of());
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(sse.awaitEnd(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  @DisplayName("a session revoked elsewhere (another node) ends the stream at the next heartbeat")
  void revokedElsewhere() {
    try (SseClient sse = subscribe()) {
      assertThat(sse.awaitEnd(Duration.ofMillis(800))).as("heartbeats alone do not end it").isFalse();
      // what another node's logout leaves in the shared database: the token row is gone
      dsl.deleteFrom(AUTH_TOKEN).where(AUTH_TOKEN.TOKEN_HASH.eq(Passwords.sha256(token))).execute();
      assertThat(sse.awaitEnd(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  @DisplayName("a changed role in the negotiation ends the stream, so that it is judged afresh on reconnecting")
  void roleChanged() {
    try (SseClient sse = subscribe()) {
      dsl.update(PARTICIPANT).set(PARTICIPANT.ROLE, "observer")
          .where(PARTICIPANT.NEGOTIATION_ID.eq(n).and(PARTICIPANT.ACCOUNT_ID.eq(account()))).execute();
      assertThat(sse.awaitEnd(Duration.ofSeconds(5))).isTrue();
    }
  }
}
