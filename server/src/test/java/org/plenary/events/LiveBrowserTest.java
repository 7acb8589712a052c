package org.plenary.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

/**
 * Drives the web client in Debian's Chromium (playwright-core, web-client/e2e/proposals.mjs): two delegates,
 * two browser contexts, one proposal seen live. Skipped with a message where Chromium is not installed,
 * unless {@code PLENARY_REQUIRE_BROWSER} is set.
 */
@DisplayName("Live proposals in a real browser")
class LiveBrowserTest {
  @TempDir Path temp;

  @Test
  @DisplayName("a delegate proposes an amendment in the browser and another delegate's browser shows it live")
  void proposalAppearsLive() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    Path script = Path.of("..", "web-client", "e2e", "proposals.mjs").toAbsolutePath().normalize();
    Path playwright = script.getParent().getParent().resolve("node_modules/playwright-core");
    if (System.getenv("PLENARY_REQUIRE_BROWSER") == null) {
      Assumptions.assumeTrue(Files.isExecutable(chromium), "Chromium is not installed at " + chromium);
      Assumptions.assumeTrue(Files.isDirectory(playwright), "web-client dependencies are not installed");
    }
    try (TestServer server = TestServer.start(Backend.H2, temp)) {
      long n = server.negotiation("القرار 88 (كيغالي، 2022)");
      var up = server.admin.postText("/api/v1/negotiations/" + n + "/revisions?label=Zero%20draft",
          Samples.text("ar-itu-res88-zero.txt"));
      assertThat(up.status()).isEqualTo(201);
      JsonNode zero = up.json();
      server.participant(n, "egypt@example.org", "delegate", "EGY");
      server.participant(n, "saudi@example.org", "delegate", "SAU");
      // Egypt coordinates the Arab Group here, so its delegate may propose on the group's behalf
      assertThat(server.admin.post("/api/v1/negotiations/" + n + "/delegations", Map.of("code", "ARAB")).status())
          .isEqualTo(201);
      var coordinator = server.admin.put("/api/v1/negotiations/" + n + "/delegations/ARAB/coordinator",
          Map.of("coordinator", "EGY"));
      assertThat(coordinator.status()).as(coordinator.text()).isEqualTo(200);
      var window = server.admin.put("/api/v1/negotiations/" + n + "/revisions/" + zero.get("id").asLong()
          + "/comment-window", Map.of("deadline", "2030-01-15T17:00:00Z"));
      assertThat(window.status()).as(window.text()).isEqualTo(200);

      ProcessBuilder pb = new ProcessBuilder("node", script.toString())
          .directory(script.getParent().getParent().toFile())
          .redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("PLENARY_URL", server.client().base());
      env.put("PLENARY_REVISION_HASH", "#/n/" + n + "/r/" + zero.get("id").asLong());
      env.put("PLENARY_A_EMAIL", "egypt@example.org");
      env.put("PLENARY_A_PASSWORD", "password-of-egypt@example.org");
      env.put("PLENARY_B_EMAIL", "saudi@example.org");
      env.put("PLENARY_B_PASSWORD", "password-of-saudi@example.org");
      env.put("PLENARY_QUOTE", "لا يزال 2,9 مليار شخص");
      env.put("CHROMIUM", chromium.toString());
      env.put("PLENARY_SCREENSHOT", Path.of("target", "web-client-live-proposal.png").toAbsolutePath().toString());
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("browser test finished in time").isTrue();
      assertThat(p.exitValue()).as("browser test output:%n%s", output).isZero();
      assertThat(output).contains("ok - Saudi Arabia sees it appear live, without reloading")
          .contains("ok - Saudi Arabia supports it and Egypt sees the support live")
          .contains("ok - Saudi Arabia accepts to co-sponsor the group's amendment and Egypt sees it live");
    }
  }
}
