package org.plenary.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One Playwright script of {@code web-client/e2e}, run by Node against a test server with Debian's Chromium. Made
 * with {@link #of} before the server starts: without Chromium or the web client's modules the test is skipped with
 * a message, unless {@code PLENARY_REQUIRE_BROWSER} is set (CI sets it).
 *
 * <pre>
 *   BrowserScript script = BrowserScript.of("group-stage.mjs");
 *   String output = script.run(Map.of("PLENARY_URL", server.client().base(), …));   // exit 0, no "FAILED"
 * </pre>
 */
public final class BrowserScript {
  private final Path chromium;
  private final Path script;

  private BrowserScript(Path chromium, Path script) {
    this.chromium = chromium;
    this.script = script;
  }

  public static BrowserScript of(String name) {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    Path script = Path.of("..", "web-client", "e2e", name).toAbsolutePath().normalize();
    Path modules = script.getParent().getParent().resolve("node_modules");
    if (System.getenv("PLENARY_REQUIRE_BROWSER") == null) {
      Assumptions.assumeTrue(Files.isExecutable(chromium), "Chromium is not installed at " + chromium);
      Assumptions.assumeTrue(Files.isDirectory(modules.resolve("playwright-core"))
          && Files.isDirectory(modules.resolve("axe-core")), "web-client dependencies are not installed");
    }
    return new BrowserScript(chromium, script);
  }

  /**
   * Runs the script with {@code env} (plus {@code CHROMIUM} and {@code PLENARY_SCREENSHOTS}, the directory
   * {@code target/screenshots}); asserts that it ends within 300 s, exits 0 and printed no "FAILED"; returns
   * its output.
   */
  public String run(Map<String, String> env) throws Exception {
    Path shots = Path.of("target", "screenshots").toAbsolutePath();
    Files.createDirectories(shots);
    ProcessBuilder pb = new ProcessBuilder("node", script.toString())
        .directory(script.getParent().getParent().toFile())
        .redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("PLENARY_SCREENSHOTS", shots.toString());
    pb.environment().put("CHROMIUM", chromium.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("browser test finished in time").isTrue();
    assertThat(p.exitValue()).as("browser test output:%n%s", output).isZero();
    assertThat(output).doesNotContain("FAILED");
    return output;
  }
}
