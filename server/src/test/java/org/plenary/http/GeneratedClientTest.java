package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A client generated from the OpenAPI document (openapi-typescript types, openapi-fetch calls:
 * web-client/src/contract/delegate.ts) runs a delegate's main calls against a real server: log in, read a
 * revision, propose, read the proposal with its ETag, read the compilation. Runs vitest in web-client/; skipped
 * with a message where its dependencies are not installed, unless {@code PLENARY_REQUIRE_BROWSER} is set (CI).
 */
@DisplayName("A client generated from the OpenAPI document")
class GeneratedClientTest {
  @TempDir Path temp;

  @Test
  @DisplayName("logs in, reads the Arabic zero draft, proposes on PP9 and reads the compilation")
  void delegatesDay() throws Exception {
    Path webClient = Path.of("..", "web-client").toAbsolutePath().normalize();
    Path vitest = webClient.resolve("node_modules/vitest/vitest.mjs");
    if (System.getenv("PLENARY_REQUIRE_BROWSER") == null) {
      Assumptions.assumeTrue(Files.isRegularFile(vitest) && Files.isDirectory(webClient.resolve("node_modules/openapi-fetch")),
          "web-client dependencies are not installed (npm install in web-client/)");
    }
    try (TestServer server = TestServer.start(Backend.H2, temp)) {
      ProcessBuilder pb = new ProcessBuilder("node", vitest.toString(), "run", "src/contract/generated-client.test.ts")
          .directory(webClient.toFile())
          .redirectErrorStream(true);
      Map<String, String> env = pb.environment();
      env.put("PLENARY_URL", server.client().base());
      env.put("PLENARY_EMAIL", TestServer.ADMIN_EMAIL);
      env.put("PLENARY_PASSWORD", TestServer.ADMIN_PASSWORD);
      env.put("PLENARY_DRAFT", Samples.text("ar-itu-res88-zero.txt"));
      env.put("CI", "1"); // vitest: no watch mode, plain output
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("vitest finished in time").isTrue();
      assertThat(p.exitValue()).as("vitest output:%n%s", output).isZero();
      assertThat(output).contains("1 passed").doesNotContain("skipped");
    }
  }
}
