package org.plenary.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenary.schema.Tables.EVENT;
import static org.plenary.schema.Tables.EVENT_CHAIN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.Config;
import org.plenary.Plenary;
import org.plenary.schema.tables.records.EventRecord;
import org.plenary.testing.Backend;
import org.plenary.testing.TestServer;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The audit chain is keyed, and checkpoints show a rewrite")
class AuditKeyTest {
  @Parameter Backend backend;
  @TempDir Path temp;

  /** Rewrites every event of a negotiation's chain (payload of the first changed), recomputing each lane with {@code key}. */
  private static void rewrite(DSLContext dsl, long n, AuditKey key) {
    List<EventRecord> rows = dsl.selectFrom(EVENT).where(EVENT.NEGOTIATION_ID.eq(n)).orderBy(EVENT.ID).fetch();
    Map<String, String> prev = new HashMap<>();
    String base = "negotiation:" + n;
    boolean first = true;
    for (EventRecord r : rows) {
      String lane = r.getChainKey() == null ? base : r.getChainKey();
      String payload = first ? "{\"title\":\"rewritten\"}" : r.getPayload();
      first = false;
      String p = prev.getOrDefault(lane, "");
      String h = AuditLog.hash(key, p, r.getNegotiationId(), r.getAccountId(), r.getDelegationCode(), r.getType(),
          r.getSubject(), payload, r.getCreatedAt().withOffsetSameInstant(ZoneOffset.UTC));
      dsl.update(EVENT).set(EVENT.PAYLOAD, payload).set(EVENT.PREV_HASH, p.isEmpty() ? null : p).set(EVENT.HASH, h)
          .where(EVENT.ID.eq(r.getId())).execute();
      prev.put(lane, h);
    }
    prev.forEach((lane, h) -> dsl.update(EVENT_CHAIN).set(EVENT_CHAIN.LAST_HASH, h)
        .where(EVENT_CHAIN.CHAIN_KEY.eq(lane)).execute());
  }

  @Test
  @DisplayName("a rewrite with recomputed SHA-256 hashes (what the database alone allows) breaks verification")
  void rewriteWithoutTheKeyShows() {
    try (TestServer server = TestServer.start(backend, temp)) {
      long n = server.negotiation("القرار 88");
      server.participant(n, "egypt@example.org", "delegate", "EGY");
      String audit = "/api/v1/negotiations/" + n + "/audit";
      assertThat(server.admin.get(audit).json().get("verification").get("intact").asBoolean()).isTrue();
      rewrite(server.plenary().database().dsl(), n, null);
      assertThat(server.admin.get(audit).json().get("verification").get("intact").asBoolean()).isFalse();
    }
  }

  @Test
  @DisplayName("a rewrite by someone holding the key verifies, but not against a checkpoint taken before it")
  void checkpointShowsRewriteWithTheKey() {
    try (TestServer server = TestServer.start(backend, temp)) {
      long n = server.negotiation("القرار 88");
      server.participant(n, "egypt@example.org", "delegate", "EGY");
      String base = "/api/v1/negotiations/" + n + "/audit";
      JsonNode checkpoint = server.admin.get(base + "/checkpoint").json();
      assertThat(checkpoint.get("heads").size()).isPositive();
      JsonNode fresh = server.admin.post(base + "/checkpoint/verify", checkpoint).json();
      assertThat(fresh.get("ok").asBoolean()).as(fresh.toString()).isTrue();
      // a forged signature is refused
      var forged = ((com.fasterxml.jackson.databind.node.ObjectNode) checkpoint.deepCopy()).put("at", "2020-01-01T00:00:00Z");
      assertThat(server.admin.post(base + "/checkpoint/verify", forged).json().get("signatureValid").asBoolean()).isFalse();
      rewrite(server.plenary().database().dsl(), n, AuditKey.load(TestServer.AUDIT_KEY, temp));
      assertThat(server.admin.get(base).json().get("verification").get("intact").asBoolean()).isTrue();
      JsonNode after = server.admin.post(base + "/checkpoint/verify", checkpoint).json();
      assertThat(after.get("ok").asBoolean()).isFalse();
      assertThat(after.get("headsPresent").asBoolean()).isFalse();
      // a delegate may not take or check checkpoints
      var egypt = server.client().login("egypt@example.org", "password-of-egypt@example.org");
      assertThat(egypt.get(base + "/checkpoint").status()).isEqualTo(403);
      assertThat(server.admin.post(base + "/checkpoint/verify", Map.of("at", "x")).status()).isEqualTo(400);
    }
  }

  @Test
  @DisplayName("without PLENARY_AUDIT_KEY the key is a 0600 file in the data directory; another key is refused at start")
  void keyFileAndMismatch() throws Exception {
    Backend.Db db = backend.newDatabase(temp);
    Path data = temp.resolve("data");
    Map<String, String> env = Map.of("PLENARY_ADMIN_EMAIL", TestServer.ADMIN_EMAIL, "PLENARY_ADMIN_PASSWORD",
        TestServer.ADMIN_PASSWORD, "PLENARY_PASSWORD_ITERATIONS", "1000");
    String[] args = {"--port", "0", "--host", "127.0.0.1", "--data-dir", data.toString(), "--db-url", db.url(),
        "--db-user", db.user(), "--db-password", db.password(), "--db-pool-size", "4"};
    try (Plenary first = Plenary.start(Config.from(args, env))) {
      Path key = data.resolve(AuditKey.FILE);
      assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      if (backend == Backend.H2) {
        assertThat(data.resolve("plenary.mv.db")).exists();
        try (var files = Files.list(data)) {
          files.filter(f -> f.getFileName().toString().startsWith("plenary.")).forEach(f -> {
            try {
              assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                  .isEqualTo("rw-------");
            } catch (java.io.IOException e) {
              throw new AssertionError(e);
            }
          });
        }
      }
      assertThat(AuditLog.verify(first.database().dsl(), null)).isEqualTo(-1);
    }
    Map<String, String> otherKey = new HashMap<>(env);
    otherKey.put("PLENARY_AUDIT_KEY", "a-different-key-of-at-least-thirty-two-chars");
    assertThatThrownBy(() -> Plenary.start(Config.from(args, otherKey)))
        .hasStackTraceContaining("not the key this database's audit chain was written with");
  }
}
