package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.testing.ApiClient;
import org.plenary.testing.Backend;
import org.plenary.testing.ChildNode;

/**
 * Runs Plenary in a child JVM, writes through the API, kills the JVM with SIGKILL right after the last
 * acknowledgement, restarts it, and checks every acknowledged write is there.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Acknowledged writes survive kill -9")
class KillNineDurabilityTest {
  @Parameter Backend backend;
  @TempDir Path temp;

  @Test
  @DisplayName("every negotiation acknowledged with 201 before a kill -9 is there after restart")
  void acknowledgedWritesSurvive() throws Exception {
    Backend.Db db = backend.newDatabase(temp);
    Path dataDir = temp.resolve("data");
    ChildNode first = ChildNode.start(db, dataDir);
    ApiClient admin = first.client().login("admin@plenary.test", "admin-password-1");
    Set<Long> acknowledged = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ApiClient.Response r = admin.post("/api/v1/negotiations", Map.of("title", "مفاوضة " + i));
      assertThat(r.status()).isEqualTo(201);
      acknowledged.add(r.json().get("id").asLong());
    }
    first.kill();

    ChildNode second = ChildNode.start(db, dataDir);
    try {
      ApiClient again = second.client().login("admin@plenary.test", "admin-password-1");
      Set<Long> stored = new HashSet<>();
      again.get("/api/v1/negotiations").json().get("negotiations").forEach(n -> stored.add(n.get("id").asLong()));
      assertThat(stored).containsAll(acknowledged);
    } finally {
      second.kill();
    }
  }
}
