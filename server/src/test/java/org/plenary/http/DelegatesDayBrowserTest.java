package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.draft.TestDocx;
import org.plenary.testing.Backend;
import org.plenary.testing.BrowserScript;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

/**
 * A delegate's day in Debian's Chromium, in Arabic and in English (playwright-core, web-client/e2e/delegates-day.mjs):
 * proposing with the keyboard, a new paragraph, a group's proposal, support and objection as rules, filters, the
 * overview, the in-app diff, 390 px phones, a DOCX upload; axe-core on every view. Skipped with a message where
 * Chromium is not installed, unless {@code PLENARY_REQUIRE_BROWSER} is set (CI sets it).
 */
@DisplayName("A delegate's day in a real browser")
class DelegatesDayBrowserTest {
  @TempDir Path temp;

  @Test
  @DisplayName("Egypt and Saudi Arabia work on Rev.1 in Arabic and English, and axe-core finds no violation on any view")
  void delegatesDay() throws Exception {
    BrowserScript script = BrowserScript.of("delegates-day.mjs");
    try (TestServer server = TestServer.start(Backend.H2, temp)) {
      long n = server.negotiation("القرار 88 (كيغالي، 2022)");
      String base = "/api/v1/negotiations/" + n + "/revisions";
      assertThat(server.admin.postText(base + "?label=Zero%20draft", Samples.text("ar-itu-res88-zero.txt")).status())
          .isEqualTo(201);
      var rev1 = server.admin.postText(base + "?label=Rev.1", Samples.text("ar-itu-res88-rev1.txt"));
      assertThat(rev1.status()).isEqualTo(201);
      JsonNode revision = rev1.json();
      server.participant(n, "egypt@example.org", "delegate", "EGY");
      server.participant(n, "saudi@example.org", "delegate", "SAU");
      assertThat(server.admin.post("/api/v1/negotiations/" + n + "/delegations", Map.of("code", "ARAB")).status())
          .isEqualTo(201);
      var coordinator = server.admin.put("/api/v1/negotiations/" + n + "/delegations/ARAB/coordinator",
          Map.of("coordinator", "EGY"));
      assertThat(coordinator.status()).as(coordinator.text()).isEqualTo(200);
      Path docx = temp.resolve("res88-ar.docx");
      Files.write(docx, TestDocx.arabicResolution());
      Map<String, String> env = new java.util.HashMap<>();
      env.put("PLENARY_URL", server.client().base());
      env.put("PLENARY_NEGOTIATION", String.valueOf(n));
      env.put("PLENARY_REVISION", revision.get("id").asText());
      env.put("PLENARY_A_EMAIL", "egypt@example.org");
      env.put("PLENARY_A_PASSWORD", "password-of-egypt@example.org");
      env.put("PLENARY_B_EMAIL", "saudi@example.org");
      env.put("PLENARY_B_PASSWORD", "password-of-saudi@example.org");
      env.put("PLENARY_ADMIN_EMAIL", TestServer.ADMIN_EMAIL);
      env.put("PLENARY_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
      env.put("PLENARY_DOCX", docx.toString());
      String output = script.run(env);
      assertThat(output)
          .contains("ok - [ar] Enter on \"Propose…\" moves the focus into the form")
          .contains("ok - [en] an objection replaces Saudi Arabia's support (one stance per delegation)")
          .contains("ok - [ar] Saudi Arabia gives the reason for its objection; Egypt sees it live")
          .contains("ok - [ar] the objection's reason is in the compilation as csv")
          .contains("ok - [ar] side by side, the older text comes first in reading order (on the right)")
          .contains("ok - [en] at 390 px the side-by-side diff falls back to inline")
          .contains("ok - [ar] the negotiation at 390 px: tap targets at least 44 px")
          .contains("ok - [en] what happened to our proposals at 390 px: no horizontal overflow")
          .contains("ok - [ar] the login page at 390 px: tap targets at least 44 px")
          .contains("ok - a DOCX uploaded in the revision picker becomes the next revision");
    }
  }
}
