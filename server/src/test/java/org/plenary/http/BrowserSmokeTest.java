package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Drives the real web client in Debian's Chromium (playwright-core, web-client/e2e/smoke.mjs). Skipped
 * with a message where Chromium is not installed, unless {@code PLENARY_REQUIRE_BROWSER} is set (CI sets
 * it, so there the test can never be skipped silently).
 */
@DisplayName("The web client in a real browser")
class BrowserSmokeTest {
  @TempDir Path temp;

  @Test
  @DisplayName("a user logs in, opens a negotiation and reads the Arabic Rev.1 right-to-left with its brackets")
  void readsAnArabicRevision() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    Path script = Path.of("..", "web-client", "e2e", "smoke.mjs").toAbsolutePath().normalize();
    Path playwright = script.getParent().getParent().resolve("node_modules/playwright-core");
    boolean required = System.getenv("PLENARY_REQUIRE_BROWSER") != null;
    if (!required) {
      Assumptions.assumeTrue(Files.isExecutable(chromium), "Chromium is not installed at " + chromium);
      Assumptions.assumeTrue(Files.isDirectory(playwright), "web-client dependencies are not installed");
    }
    try (TestServer server = TestServer.start(Backend.H2, temp)) {
      String title = "القرار 88 (كيغالي، 2022)";
      long n = server.admin.post("/api/v1/negotiations", Map.of("title", title, "languages", List.of("ar")))
          .json().get("id").asLong();
      String base = "/api/v1/negotiations/" + n + "/revisions";
      assertThat(server.admin.postText(base + "?label=Zero%20draft", Samples.text("ar-itu-res88-zero.txt")).status())
          .isEqualTo(201);
      assertThat(server.admin.postText(base + "?label=Rev.1", Samples.text("ar-itu-res88-rev1.txt")).status())
          .isEqualTo(201);

      ProcessBuilder pb = new ProcessBuilder("node", script.toString())
          .directory(script.getParent().getParent().toFile())
          .redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("PLENARY_URL", server.client().base());
      env.put("PLENARY_EMAIL", TestServer.ADMIN_EMAIL);
      env.put("PLENARY_PASSWORD", TestServer.ADMIN_PASSWORD);
      env.put("PLENARY_NEGOTIATION", title);
      env.put("CHROMIUM", chromium.toString());
      env.put("PLENARY_SCREENSHOT", Path.of("target", "web-client-revision.png").toAbsolutePath().toString());
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("browser test finished in time").isTrue();
      assertThat(p.exitValue()).as("browser test output:%n%s", output).isZero();
      assertThat(output).contains("ok - Arabic paragraphs are laid out right-to-left");
    }
  }
}
