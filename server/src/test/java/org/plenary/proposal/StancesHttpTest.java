package org.plenary.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.proposal.ProposalsHttpTest.assertProblem;
import static org.plenary.schema.Tables.NEGOTIATION_DELEGATION;
import static org.plenary.schema.Tables.PROPOSAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.PlenaryServer;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

@PlenaryServer
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Support and objection as rules over HTTP")
class StancesHttpTest {
  @Parameter Backend backend;
  TestServer server;
  long n;
  String base;
  long paragraph;
  ApiClient egypt;
  ApiClient saudi;

  @BeforeEach
  void start(TestServer server) {
    this.server = server;
    n = server.negotiation("القرار 88 (كيغالي، 2022)");
    JsonNode revision = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    base = "/api/v1/negotiations/" + n + "/revisions/" + revision.get("id").asLong();
    paragraph = Samples.paragraphWith(revision, "لا يزال 2,9 مليار شخص");
    egypt = server.participant(n, "egy@delegation.test", "delegate", "EGY");
    saudi = server.participant(n, "sau@delegation.test", "delegate", "SAU");
    server.plenary().database().dsl().insertInto(NEGOTIATION_DELEGATION, NEGOTIATION_DELEGATION.NEGOTIATION_ID,
        NEGOTIATION_DELEGATION.DELEGATION_CODE, NEGOTIATION_DELEGATION.COORDINATOR_CODE).values(n, "ARAB", "EGY").execute();
  }

  long stored() {
    return server.plenary().database().dsl().fetchCount(PROPOSAL);
  }

  long propose(ApiClient as, Map<String, Object> body) {
    Response r = as.post(base + "/proposals", body);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  Response stance(ApiClient as, String kind, long target) {
    return as.post(base + "/proposals", Map.of("kind", kind, "target", target, "text", "موقفنا"));
  }

  /** The submitted stances on {@code target}: "SAU support", … */
  List<String> stances(long target) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : egypt.get(base + "/proposals").json().get("proposals")) {
      if (p.path("target").asLong() == target && p.get("state").asText().equals("submitted")) {
        out.add(p.get("delegation").asText() + " " + p.get("kind").asText());
      }
    }
    return out;
  }

  @Test
  @DisplayName("a delegation neither supports nor objects to its own proposal, nor one it submitted for its group")
  void notOnOwnProposal() {
    long own = propose(egypt, Map.of("kind", "amend", "paragraph", paragraph, "text", "نص مصري"));
    long group = propose(egypt, Map.of("kind", "comment", "paragraph", paragraph, "text", "تعليق المجموعة",
        "onBehalfOf", "ARAB"));
    long before = stored();
    Response support = stance(egypt, "support", own);
    assertProblem(support, 409, "own-proposal");
    assertThat(support.json().get("detail").asText()).contains("EGY").contains(String.valueOf(own));
    assertProblem(stance(egypt, "object", own), 409, "own-proposal");
    assertProblem(stance(egypt, "support", group), 409, "own-proposal");
    assertProblem(egypt.post(base + "/proposals", Map.of("kind", "support", "target", group, "onBehalfOf", "ARAB")),
        409, "own-proposal");
    assertThat(stored()).as("nothing stored").isEqualTo(before);
    assertThat(stance(saudi, "support", own).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("one stance per delegation: a second support is refused, an objection replaces the support, and it can be retracted")
  void oneStancePerDelegation() {
    long target = propose(egypt, Map.of("kind", "amend", "paragraph", paragraph, "text", "نص مصري"));
    Response support = stance(saudi, "support", target);
    assertThat(support.status()).as(support.text()).isEqualTo(201);
    Response again = stance(saudi, "support", target);
    assertProblem(again, 409, "stance-exists");
    assertThat(again.json().get("detail").asText()).contains("SAU already supports");
    assertThat(stances(target)).containsExactly("SAU support");

    Response objection = stance(saudi, "object", target);
    assertThat(objection.status()).as(objection.text()).isEqualTo(201);
    assertThat(stances(target)).containsExactly("SAU object");
    JsonNode old = saudi.get(base + "/proposals/" + support.json().get("id").asLong()).json();
    assertThat(old.get("state").asText()).isEqualTo("withdrawn");
    List<String> log = new ArrayList<>();
    for (JsonNode e : server.admin.get("/api/v1/negotiations/" + n + "/audit").json().get("events")) {
      log.add(e.get("type").asText() + " " + e.get("subject").asText());
    }
    assertThat(log).contains("proposal.withdrawn proposal:" + support.json().get("id").asLong());

    // retracted like any proposal of the delegation's: withdraw with If-Match; then a new stance is accepted
    long id = objection.json().get("id").asLong();
    Response withdrawn = saudi.withHeader("If-Match", objection.json().get("etag").asText())
        .post(base + "/proposals/" + id + "/withdraw", "{}");
    assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
    assertThat(stances(target)).isEmpty();
    assertThat(stance(saudi, "support", target).status()).isEqualTo(201);
    assertThat(stances(target)).containsExactly("SAU support");
  }
}
