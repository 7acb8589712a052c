package org.plenary.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.EVENT;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.testing.Backend;
import org.plenary.testing.TestServer;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The audit log's hash chains")
class AuditLogTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  DSLContext dsl;
  long n;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    dsl = server.plenary().database().dsl();
    n = server.negotiation("القرار 88");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void appendConcurrently(int threads, int each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int tid = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            int k = i;
            dsl.transaction(cfg -> AuditLog.append(cfg.dsl(), n, new AuditLog.Actor(null, "EGY"), "test.event",
                "t:" + tid, Map.of("i", k, "نص", "تعديل")));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("concurrent appends on one negotiation spread over lanes and every chain verifies")
  void concurrentAppendsVerify() throws Exception {
    appendConcurrently(12, 25);
    assertThat(dsl.fetchCount(EVENT, EVENT.NEGOTIATION_ID.eq(n))).isEqualTo(1 + 300);
    assertThat(AuditLog.verify(dsl, n)).isEqualTo(-1);
    assertThat(AuditLog.verify(dsl, null)).isEqualTo(-1);
  }

  @Test
  @DisplayName("an edited payload, a removed middle event, and a removed last event are each detected")
  void tamperingIsDetected() throws Exception {
    appendConcurrently(6, 10);
    List<Long> ids = dsl.select(EVENT.ID).from(EVENT).where(EVENT.NEGOTIATION_ID.eq(n)).orderBy(EVENT.ID).fetch(EVENT.ID);
    long victim = ids.get(20);
    dsl.update(EVENT).set(EVENT.PAYLOAD, "{\"i\":99}").where(EVENT.ID.eq(victim)).execute();
    assertThat(AuditLog.verify(dsl, n)).isEqualTo(victim);
    dsl.delete(EVENT).where(EVENT.ID.eq(victim)).execute();
    assertThat(AuditLog.verify(dsl, n)).isNotEqualTo(-1);
  }

  @Test
  @DisplayName("removing the newest event of a lane is detected by its head")
  void removedTailIsDetected() throws Exception {
    appendConcurrently(4, 5);
    assertThat(AuditLog.verify(dsl, n)).isEqualTo(-1);
    long last = dsl.select(EVENT.ID).from(EVENT).where(EVENT.NEGOTIATION_ID.eq(n)).orderBy(EVENT.ID.desc()).limit(1)
        .fetchOne(EVENT.ID);
    dsl.delete(EVENT).where(EVENT.ID.eq(last)).execute();
    assertThat(AuditLog.verify(dsl, n)).isNotEqualTo(-1);
  }
}
