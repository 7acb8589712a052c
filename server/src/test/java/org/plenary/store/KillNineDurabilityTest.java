package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.testing.ApiClient;
import org.plenary.testing.Backend;

/**
 * Runs Plenary in a child JVM, writes through the API, kills the JVM with SIGKILL right after the last
 * acknowledgement, restarts it, and checks every acknowledged write is there.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Acknowledged writes survive kill -9")
class KillNineDurabilityTest {
  private static final Pattern LISTENING = Pattern.compile("Plenary listening on (http://\\S+?)/?$");

  @Parameter Backend backend;
  @TempDir Path temp;

  @Test
  @DisplayName("every negotiation acknowledged with 201 before a kill -9 is there after restart")
  void acknowledgedWritesSurvive() throws Exception {
    Backend.Db db = backend.newDatabase(temp);
    Path dataDir = temp.resolve("data");
    Child first = Child.start(db, dataDir);
    ApiClient admin = new ApiClient(first.base).login("admin@plenary.test", "admin-password-1");
    Set<Long> acknowledged = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ApiClient.Response r = admin.post("/api/v1/negotiations", Map.of("title", "مفاوضة " + i));
      assertThat(r.status()).isEqualTo(201);
      acknowledged.add(r.json().get("id").asLong());
    }
    first.process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    assertThat(first.process.isAlive()).isFalse();

    Child second = Child.start(db, dataDir);
    try {
      ApiClient again = new ApiClient(second.base).login("admin@plenary.test", "admin-password-1");
      Set<Long> stored = new HashSet<>();
      again.get("/api/v1/negotiations").json().get("negotiations").forEach(n -> stored.add(n.get("id").asLong()));
      assertThat(stored).containsAll(acknowledged);
    } finally {
      second.process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }

  private record Child(Process process, String base) {
    static Child start(Backend.Db db, Path dataDir) throws Exception {
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "-Xmx256m", "org.plenary.Main",
          "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir.toString(),
          "--db-url", db.url(), "--db-user", db.user(), "--db-password", db.password()));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("PLENARY_ADMIN_EMAIL", "admin@plenary.test");
      pb.environment().put("PLENARY_ADMIN_PASSWORD", "admin-password-1");
      pb.environment().put("PLENARY_PASSWORD_ITERATIONS", "1000");
      Process p = pb.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> base = new CompletableFuture<>();
      StringBuilder log = new StringBuilder();
      Thread reader = new Thread(() -> {
        try {
          String line;
          while ((line = out.readLine()) != null) {
            synchronized (log) {
              log.append(line).append(File.separatorChar == '/' ? "\n" : "\r\n");
            }
            Matcher m = LISTENING.matcher(line.strip());
            if (m.find()) {
              base.complete(m.group(1).replace("localhost", "127.0.0.1"));
            }
          }
          base.completeExceptionally(new IllegalStateException("child exited:\n" + log));
        } catch (Exception e) {
          base.completeExceptionally(e);
        }
      }, "child-output");
      reader.setDaemon(true);
      reader.start();
      return new Child(p, base.get(60, TimeUnit.SECONDS));
    }
  }
}
