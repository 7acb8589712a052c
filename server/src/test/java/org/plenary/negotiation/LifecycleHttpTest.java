package org.plenary.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
@DisplayName("A negotiation's lifecycle: close, archive, reopen")
class LifecycleHttpTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  long n;
  String nb;
  String proposals;
  long paragraph;
  ApiClient secretariat;
  ApiClient egypt;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    n = server.negotiation("القرار 88 (كيغالي، 2022)");
    nb = "/api/v1/negotiations/" + n;
    JsonNode revision = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    proposals = nb + "/revisions/" + revision.get("id").asLong() + "/proposals";
    paragraph = Samples.paragraphWith(revision, "2,9");
    secretariat = server.participant(n, "secretariat@un.test", "secretariat", null);
    egypt = server.participant(n, "delegate@egypt.test", "delegate", "EGY");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Response propose(ApiClient who) {
    return who.post(proposals, Map.of("kind", "comment", "paragraph", paragraph, "text", "نقترح إعادة الصياغة"));
  }

  private static void assertClosed(Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(409);
    assertThat(r.json().get("type").asText()).isEqualTo("urn:plenary:problem:negotiation-closed");
  }

  @Test
  @DisplayName("a closed negotiation refuses every write with 409 negotiation-closed and still answers reads")
  void closedIsReadOnly() {
    assertThat(propose(egypt).status()).isEqualTo(201);
    Response closed = secretariat.post(nb + "/close", Map.of());
    assertThat(closed.status()).as(closed.text()).isEqualTo(200);
    assertThat(closed.json().get("state").asText()).isEqualTo("closed");

    assertClosed(propose(egypt));
    assertClosed(server.admin.post(nb + "/participants", Map.of("email", "late@un.test", "role", "observer")));
    assertClosed(secretariat.post(nb + "/delegations", Map.of("code", "IRQ")));
    assertClosed(secretariat.post(nb + "/close", Map.of()));
    assertThat(egypt.get(nb).json().get("state").asText()).isEqualTo("closed");
    assertThat(egypt.get(proposals).status()).isEqualTo(200);
    assertThat(egypt.get(proposals).json().get("proposals")).hasSize(1);
    // an outsider still learns nothing: hidden comes before closed
    ApiClient outsider = server.participant(server.negotiation("another"), "x@fr.test", "delegate", "FRA");
    assertThat(propose(outsider).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("only the secretariat closes or archives; only an administrator reopens, and writes work again")
  void whoMayMove() {
    assertThat(egypt.post(nb + "/close", Map.of()).status()).isEqualTo(403);
    assertThat(secretariat.post(nb + "/close", Map.of()).status()).isEqualTo(200);
    assertThat(secretariat.post(nb + "/reopen", Map.of()).status()).isEqualTo(403);
    // the first administrator created the negotiation, so takes part as secretariat: still may reopen
    Response reopened = server.admin.post(nb + "/reopen", Map.of());
    assertThat(reopened.status()).as(reopened.text()).isEqualTo(200);
    assertThat(reopened.json().get("state").asText()).isEqualTo("open");
    assertThat(server.admin.post(nb + "/reopen", Map.of()).json().get("type").asText())
        .isEqualTo("urn:plenary:problem:negotiation-open");
    assertThat(propose(egypt).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("an archived negotiation is read-only and listed only to administrators")
  void archivedIsHidden() {
    assertThat(secretariat.post(nb + "/close", Map.of()).status()).isEqualTo(200);
    Response archived = secretariat.post(nb + "/archive", Map.of());
    assertThat(archived.status()).as(archived.text()).isEqualTo(200);
    assertThat(archived.json().get("state").asText()).isEqualTo("archived");
    assertClosed(propose(egypt));
    assertThat(secretariat.post(nb + "/archive", Map.of()).status()).isEqualTo(409);
    assertThat(ids(egypt)).doesNotContain(n);
    assertThat(ids(secretariat)).doesNotContain(n);
    assertThat(ids(server.admin)).contains(n);
    assertThat(egypt.get(nb).status()).isEqualTo(200); // kept for the record: a participant may still read it
    assertThat(server.admin.post(nb + "/reopen", Map.of()).status()).isEqualTo(200);
    assertThat(ids(egypt)).contains(n);
  }

  @Test
  @DisplayName("each move is in the audit log with the state before and after")
  void audited() {
    secretariat.post(nb + "/close", Map.of());
    secretariat.post(nb + "/archive", Map.of());
    server.admin.post(nb + "/reopen", Map.of());
    JsonNode audit = server.admin.get(nb + "/audit?limit=200").json();
    List<String> types = audit.get("events").findValuesAsText("type");
    assertThat(types).containsSubsequence("negotiation.closed", "negotiation.archived", "negotiation.reopened");
    for (JsonNode e : audit.get("events")) {
      if (e.get("type").asText().equals("negotiation.archived")) {
        assertThat(e.get("payload").get("before").asText()).isEqualTo("closed");
        assertThat(e.get("payload").get("after").asText()).isEqualTo("archived");
      }
    }
  }

  private static List<Long> ids(ApiClient who) {
    return who.get("/api/v1/negotiations").json().get("negotiations").findValues("id").stream()
        .map(JsonNode::asLong).toList();
  }
}
