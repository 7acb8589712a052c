package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.Backend;
import org.plenary.testing.BrowserScript;
import org.plenary.testing.TestServer;

/**
 * The secretariat's pages in Debian's Chromium (playwright-core, web-client/e2e/secretariat.mjs): delegations and a
 * group's coordinator, a participant invited without a password who sets one through the link, a reset, disabling
 * and enabling, and the refusal (in Arabic) of an account that also takes part in another negotiation; axe-core and
 * 390 px checks on every view. Skipped with a message where Chromium is not installed, unless
 * {@code PLENARY_REQUIRE_BROWSER} is set (CI sets it).
 */
@DisplayName("The secretariat's pages in a real browser")
class SecretariatBrowserTest {
  @TempDir Path temp;

  @Test
  @DisplayName("a secretariat manages delegations and participants in Arabic; the invitee sets a password in English")
  void secretariatManagesTheRoster() throws Exception {
    BrowserScript script = BrowserScript.of("secretariat.mjs");
    try (TestServer server = TestServer.start(Backend.H2, temp)) {
      long n = server.negotiation("القرار 88 (كيغالي، 2022)");
      long other = server.negotiation("القرار 139");
      server.participant(n, "secretariat@un.test", "secretariat", null);
      // an account of two negotiations: only administrators manage it
      server.participant(other, "shared@delegation.test", "delegate", "SAU");
      var added = server.admin.post("/api/v1/negotiations/" + n + "/participants",
          Map.of("email", "shared@delegation.test", "role", "delegate", "delegation", "SAU"));
      assertThat(added.status()).as(added.text()).isEqualTo(201);
      Map<String, String> env = new java.util.HashMap<>();
      env.put("PLENARY_URL", server.client().base());
      env.put("PLENARY_NEGOTIATION", String.valueOf(n));
      env.put("PLENARY_S_EMAIL", "secretariat@un.test");
      env.put("PLENARY_S_PASSWORD", "password-of-secretariat@un.test");
      env.put("PLENARY_SHARED_EMAIL", "shared@delegation.test");
      String output = script.run(env);
      assertThat(output)
          .contains("ok - [ar] Egypt is designated coordinator of the Arab Group")
          .contains("ok - [ar] adding without a password gives an invitation link")
          .contains("ok - [en] the invitee logs in with the password they chose")
          .contains("ok - [en] the reset ended the invitee's session")
          .contains("ok - [en] a disabled account is signed out and cannot log in")
          .contains("ok - [ar] disabling an account of another negotiation too is refused, in Arabic")
          .contains("ok - axe-core finds no violation on [en] the invitation page")
          .contains("ok - [en] the delegations page at 390 px: tap targets at least 44 px");
    }
  }
}
