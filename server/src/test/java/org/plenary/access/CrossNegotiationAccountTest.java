package org.plenary.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
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
import org.plenary.testing.TestServer;

/**
 * No role in one negotiation can affect access to another: the account routes, tried from every role of one
 * negotiation against an account of another (issue 11, the cross-negotiation account takeover).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Account actions across negotiations")
class CrossNegotiationAccountTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  long n1;
  long n2;
  String b1;
  String b2;
  Map<String, ApiClient> roles1;
  ApiClient sec2;
  long sec2Id;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    n1 = server.negotiation("N1");
    n2 = server.negotiation("N2");
    b1 = "/api/v1/negotiations/" + n1;
    b2 = "/api/v1/negotiations/" + n2;
    roles1 = new HashMap<>();
    roles1.put("secretariat", server.participant(n1, "sec1@example.org", "secretariat", null));
    roles1.put("facilitator", server.participant(n1, "fac1@example.org", "facilitator", null));
    roles1.put("delegate", server.participant(n1, "egy1@example.org", "delegate", "EGY"));
    roles1.put("observer", server.participant(n1, "obs1@example.org", "observer", null));
    roles1.put("non-participant", server.participant(n2, "fra2@example.org", "delegate", "FRA"));
    sec2 = server.participant(n2, "sec2@example.org", "secretariat", null);
    sec2Id = sec2.get("/api/v1/me").json().get("id").asLong();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void assertStatus(Response r, int status) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    if (status >= 400) {
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
  }

  @Test
  @DisplayName("N1's secretariat attaches N2's secretariat to N1 but can neither reset, disable nor enable it, nor get an invitation for it")
  void secretariatCannotTakeOver() {
    ApiClient sec1 = roles1.get("secretariat");
    Response added = sec1.post(b1 + "/participants", Map.of("email", "sec2@example.org", "role", "observer"));
    assertStatus(added, 201);
    assertThat(added.json().has("invitation")).isFalse();
    for (String action : List.of("password-reset", "disable", "enable")) {
      Response r = sec1.post(b1 + "/participants/" + sec2Id + "/" + action, Map.of());
      assertStatus(r, 403);
      assertThat(r.json().get("detail").asText()).contains("another negotiation");
    }
    // nothing happened to the account: it still logs in and reads N2
    ApiClient again = server.client().login("sec2@example.org", "password-of-sec2@example.org");
    assertStatus(again.get(b2 + "/audit"), 200);
    assertStatus(sec2.get(b2), 200);
  }

  @Test
  @DisplayName("every role of N1 is refused every account action on an account that also takes part in N2")
  void everyRoleEveryAccountRoute() {
    server.admin.post(b1 + "/participants", Map.of("email", "sec2@example.org", "role", "observer"));
    Map<String, Integer> expected = Map.of("secretariat", 403, "facilitator", 403, "delegate", 403, "observer", 403,
        "non-participant", 404);
    for (var role : roles1.entrySet()) {
      for (String action : List.of("password-reset", "disable", "enable")) {
        Response r = role.getValue().post(b1 + "/participants/" + sec2Id + "/" + action, Map.of());
        assertThat(r.status()).as(role.getKey() + " " + action + ": " + r.text()).isEqualTo(expected.get(role.getKey()));
      }
      // and from N2's side, where none of them is secretariat (the non-participant of N1 is a delegate of N2)
      for (String action : List.of("password-reset", "disable", "enable")) {
        Response r = role.getValue().post(b2 + "/participants/" + sec2Id + "/" + action, Map.of());
        assertThat(r.status()).as(role.getKey() + " in N2 " + action).isIn(403, 404);
      }
    }
    // an account only in N2 is not even a participant of N1
    long fra = roles1.get("non-participant").get("/api/v1/me").json().get("id").asLong();
    assertStatus(roles1.get("secretariat").post(b1 + "/participants/" + fra + "/password-reset", Map.of()), 404);
    assertStatus(server.client().login("sec2@example.org", "password-of-sec2@example.org").get("/api/v1/me"), 200);
  }

  @Test
  @DisplayName("an invitation N1's secretariat issued stops working once the account takes part in N2")
  void staleInvitation() {
    ApiClient sec1 = roles1.get("secretariat");
    Response invited = sec1.post(b1 + "/participants", Map.of("email", "victim@example.org", "role", "observer"));
    assertStatus(invited, 201);
    String token = invited.json().get("invitation").get("token").asText();
    Response inN2 = server.admin.post(b2 + "/participants", Map.of("email", "victim@example.org", "role", "secretariat"));
    assertStatus(inN2, 201);
    // the admin's own flow gives the victim a token of its own; N1's old token no longer sets the password
    Response accept = server.client().post("/api/v1/invitations/accept", Map.of("token", token,
        "password", "attacker-password-1"));
    assertStatus(accept, 400);
    assertThat(accept.json().get("errors").get(0).get("field").asText()).isEqualTo("token");
    // and a pending account N1 adds gets no invitation from N1's secretariat either
    Response again = sec1.post(b1 + "/participants", Map.of("email", "victim@example.org", "role", "observer"));
    assertStatus(again, 201);
    assertThat(again.json().has("invitation")).isFalse();
    assertThat(again.json().get("invitationWithheld").asText()).contains("administrator");
  }

  @Test
  @DisplayName("every account-level action (reset, disable, enable, invitation accepted) is recorded in the global chain"
      + " and in the chain of every negotiation the account takes part in, where each secretariat reads it")
  void recordedEverywhere() {
    server.admin.post(b1 + "/participants", Map.of("email", "sec2@example.org", "role", "observer"));
    // a second negotiation N3 the account also takes part in, with a secretariat of its own
    long n3 = server.negotiation("N3");
    String b3 = "/api/v1/negotiations/" + n3;
    ApiClient sec3 = server.participant(n3, "sec3@example.org", "secretariat", null);
    assertStatus(server.admin.post(b3 + "/participants", Map.of("email", "sec2@example.org", "role", "delegate",
        "delegation", "EGY")), 201);
    assertStatus(server.admin.post(b1 + "/participants/" + sec2Id + "/disable", Map.of()), 200);
    assertStatus(server.admin.post(b3 + "/participants/" + sec2Id + "/enable", Map.of()), 200);
    Response reset = server.admin.post(b1 + "/participants/" + sec2Id + "/password-reset", Map.of());
    assertStatus(reset, 201);
    assertStatus(server.client().post("/api/v1/invitations/accept", Map.of("token",
        reset.json().get("invitation").get("token").asText(), "password", "a-new-password-of-sec2")), 200);
    ApiClient sec2Again = server.client().login("sec2@example.org", "a-new-password-of-sec2");
    Map<String, ApiClient> readers = new java.util.LinkedHashMap<>();
    readers.put(b1 + "/audit", roles1.get("secretariat"));
    readers.put(b2 + "/audit", sec2Again);
    readers.put(b3 + "/audit", sec3);
    readers.put("/api/v1/audit?limit=1000", server.admin);
    for (var reader : readers.entrySet()) {
      Response r = reader.getValue().get(reader.getKey());
      assertStatus(r, 200);
      JsonNode log = r.json();
      List<String> types = new java.util.ArrayList<>();
      log.get("events").forEach(e -> {
        if (e.get("subject").asText().equals("account:" + sec2Id) && e.get("type").asText().matches(
            "account\\..*|invitation\\.accepted")) {
          types.add(e.get("type").asText());
        }
      });
      assertThat(types).as(reader.getKey()).containsExactlyInAnyOrder("account.disabled", "account.enabled",
          "account.password-reset", "invitation.accepted");
      assertThat(log.get("verification").get("intact").asBoolean()).as(reader.getKey()).isTrue();
    }
    // a negotiation the account does not take part in records none of it
    long n4 = server.negotiation("N4");
    assertThat(server.admin.get("/api/v1/negotiations/" + n4 + "/audit").text()).doesNotContain("account:" + sec2Id);
  }

  @Test
  @DisplayName("adding an existing account with a password, a name or another role never touches the account itself")
  void addingDoesNotTouchTheAccount() {
    ApiClient sec1 = roles1.get("secretariat");
    Response added = sec1.post(b1 + "/participants", Map.of("email", "SEC2@example.org", "role", "secretariat",
        "password", "attacker-password-1", "displayName", "Taken over"));
    assertStatus(added, 201);
    assertThat(added.json().has("invitation")).isFalse();
    assertThat(added.json().get("accountId").asLong()).isEqualTo(sec2Id);
    assertThat(server.client().post("/api/v1/session", Map.of("email", "sec2@example.org",
        "password", "attacker-password-1")).status()).isEqualTo(401);
    ApiClient again = server.client().login("sec2@example.org", "password-of-sec2@example.org");
    assertThat(again.get("/api/v1/me").json().get("displayName").asText()).isNotEqualTo("Taken over");
    // its role in N2 is N2's: still secretariat there, whatever N1 made it
    assertStatus(again.get(b2 + "/audit"), 200);
    assertStatus(sec2.get(b2 + "/audit"), 200);
  }

  @Test
  @DisplayName("an administrator's account taking part in N1 is the administrators' alone: every role of N1 is refused")
  void administratorsAccount() {
    long adminId = server.admin.get("/api/v1/me").json().get("id").asLong();
    assertStatus(roles1.get("secretariat").post(b1 + "/participants", Map.of("email", TestServer.ADMIN_EMAIL,
        "role", "observer")), 201);
    for (var role : roles1.entrySet()) {
      for (String action : List.of("password-reset", "disable", "enable")) {
        Response r = role.getValue().post(b1 + "/participants/" + adminId + "/" + action, Map.of());
        assertThat(r.status()).as(role.getKey() + " " + action + ": " + r.text())
            .isEqualTo(role.getKey().equals("non-participant") ? 404 : 403);
      }
    }
    assertStatus(server.client().login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD).get("/api/v1/me"), 200);
  }

  @Test
  @DisplayName("a N1 secretariat still manages an account that takes part in N1 alone")
  void ownAccountsStillManaged() {
    ApiClient sec1 = roles1.get("secretariat");
    long obs = roles1.get("observer").get("/api/v1/me").json().get("id").asLong();
    assertStatus(sec1.post(b1 + "/participants/" + obs + "/disable", Map.of()), 200);
    assertStatus(sec1.post(b1 + "/participants/" + obs + "/enable", Map.of()), 200);
    Response reset = sec1.post(b1 + "/participants/" + obs + "/password-reset", Map.of());
    assertStatus(reset, 201);
    assertStatus(server.client().post("/api/v1/invitations/accept", Map.of("token",
        reset.json().get("invitation").get("token").asText(), "password", "a-new-password-1")), 200);
  }

  @Test
  @DisplayName("only the secretariat and the account itself see participants' e-mail addresses")
  void emailsArePersonal() {
    JsonNode bySecretariat = roles1.get("secretariat").get(b1 + "/participants").json().get("participants");
    assertThat(bySecretariat.findValuesAsText("email")).contains("egy1@example.org", "obs1@example.org");
    Map<String, String> own = Map.of("facilitator", "fac1@example.org", "delegate", "egy1@example.org",
        "observer", "obs1@example.org");
    for (String role : own.keySet()) {
      JsonNode seen = roles1.get(role).get(b1 + "/participants").json().get("participants");
      assertThat(seen.findValuesAsText("email")).as(role).containsExactly(own.get(role));
      assertThat(seen.toString()).doesNotContain(TestServer.ADMIN_EMAIL);
    }
  }
}
