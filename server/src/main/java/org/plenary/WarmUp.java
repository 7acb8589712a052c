package org.plenary;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * {@code java -XX:ArchiveClassesAtExit=plenary.jsa -jar plenary.jar warm-up}: starts a throw-away server (H2 in a
 * temporary directory, a free port on the loopback), asks it what a client asks first (health, log in, who am
 * I, the negotiations), stops it and exits. The build runs it so that the JVM writes the classes it loaded into
 * a class-data-sharing archive, which the {@code plenary} launcher hands to the JVM: a start then maps those
 * classes instead of loading, verifying and linking them one by one.
 */
final class WarmUp {
  private WarmUp() {}

  static int run() {
    // a build's output, not a server's log: errors only
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs) {
      logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.ERROR);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("plenary-warm-up");
      String password = "warm-up-" + Long.toHexString(System.nanoTime());
      Config config = Config.from(new String[] {"--host", "127.0.0.1", "--port", "0", "--data-dir",
          dir.toString()}, Map.of("PLENARY_ADMIN_PASSWORD", password, "PLENARY_PASSWORD_ITERATIONS", "1000"));
      try (Plenary plenary = Plenary.start(config)) {
        String base = "http://127.0.0.1:" + plenary.port();
        request(base + "/health", null, null);
        String login = request(base + "/api/v1/session", null, "{\"email\":\"" + config.adminEmail()
            + "\",\"password\":\"" + password + "\"}");
        String token = login.replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        request(base + "/api/v1/me", token, null);
        request(base + "/api/v1/negotiations", token, null);
        request(base + "/api/v1/negotiations/1/revisions/1", token, null);
      }
      return 0;
    } catch (Exception e) {
      System.err.println("plenary warm-up: " + e);
      return 1;
    } finally {
      if (dir != null) {
        try (var files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
          // a temporary directory left behind
        }
      }
    }
  }

  /** GET (or POST of a JSON {@code body}); the response body whatever the status. */
  private static String request(String url, String token, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    if (token != null) {
      c.setRequestProperty("Authorization", "Bearer " + token);
    }
    if (body != null) {
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }
}
