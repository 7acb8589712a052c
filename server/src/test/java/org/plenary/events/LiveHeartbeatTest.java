package org.plenary.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.testing.PlenaryServer;
import org.plenary.testing.SseClient;
import org.plenary.testing.TestServer;

@PlenaryServer(args = {"--sse-heartbeat-millis", "200"})
@DisplayName("SSE heartbeats")
class LiveHeartbeatTest {
  @Test
  @DisplayName("an idle stream receives heartbeat comments, which EventSource ignores")
  void heartbeats(TestServer server) {
    long n = server.negotiation("Heartbeat");
    String token = LiveUpdatesHttpTest.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    try (SseClient sse = SseClient.open(server.client().base(), "/api/v1/negotiations/" + n + "/events", token,
        null)) {
      assertThat(sse.next(Duration.ofSeconds(2))).as("no event, only comments").isNull();
      assertThat(sse.comments()).contains("connected", "heartbeat");
    }
  }
}
