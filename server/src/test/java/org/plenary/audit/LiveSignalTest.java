package org.plenary.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenary.schema.Tables.NEGOTIATION;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.store.Changes;
import org.plenary.testing.Backend;
import org.plenary.testing.TestServer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The change signal of committed events")
class LiveSignalTest {
  static final AuditLog.Actor ACTOR = new AuditLog.Actor(null, "EGY");

  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  DSLContext dsl;
  Changes changes;
  /** A negotiation inserted without an event: only this test's appends signal it. */
  long quiet;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    dsl = server.plenary().database().dsl();
    changes = server.plenary().changes();
    quiet = dsl.insertInto(NEGOTIATION).set(NEGOTIATION.TITLE, "القرار 88").set(NEGOTIATION.LANGUAGES, "ar")
        .returningResult(NEGOTIATION.ID).fetchOne().value1();
    server.awaitReliableCaches();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("a commit moves the generations before the transaction returns: content for proposal.*, both for others; a rollback none")
  void commitMovesGenerations() {
    long s0 = changes.structure(quiet);
    long c0 = changes.content(quiet);
    assertThatThrownBy(() -> dsl.transaction(cfg -> {
      AuditLog.append(cfg.dsl(), quiet, ACTOR, "participant.added", "account:1", Map.of());
      throw new IllegalStateException("rolled back");
    })).hasMessageContaining("rolled back");
    assertThat(changes.structure(quiet)).isEqualTo(s0);
    assertThat(changes.content(quiet)).isEqualTo(c0);

    dsl.transaction(cfg -> AuditLog.append(cfg.dsl(), quiet, ACTOR, "proposal.created", "proposal:1", Map.of()));
    long c1 = changes.content(quiet);
    assertThat(c1).as("content moved").isNotEqualTo(c0);
    assertThat(changes.structure(quiet)).as("structure kept").isEqualTo(s0);

    dsl.transaction(cfg -> AuditLog.append(cfg.dsl(), quiet, ACTOR, "revision.comment-window", "revision:1", Map.of()));
    assertThat(changes.structure(quiet)).isNotEqualTo(s0);
    assertThat(changes.content(quiet)).isNotEqualTo(c1);
  }

  @Test
  @DisplayName("one NOTIFY per negotiation and kind in a transaction on PostgreSQL (\"n:c\" content, \"n\" structure, \"n:r\" a record), none on H2")
  void notifyPayloads() throws Exception {
    if (backend == Backend.H2) {
      // one node: the signal stays in the process, after commit
      dsl.transaction(cfg -> assertThat(LiveSignal.needsNotify(cfg.dsl(), quiet, "proposal.created")).isFalse());
      return;
    }
    Backend.Db db = server.db();
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      try (Statement s = c.createStatement()) {
        s.execute("LISTEN " + LiveSignal.CHANNEL);
      }
      dsl.transaction(cfg -> {
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "proposal.created", "proposal:1", Map.of());
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "proposal.updated", "proposal:1", Map.of());
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "participant.added", "account:1", Map.of());
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "participant.added", "account:2", Map.of());
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "proposal.withdrawn", "proposal:1", Map.of());
      });
      dsl.transaction(cfg -> {
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "revision.created", "revision:1", Map.of());
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "proposal.created", "proposal:2", Map.of());
      });
      dsl.transaction(cfg -> AuditLog.append(cfg.dsl(), quiet, ACTOR, "proposal.replied", "proposal:2", Map.of()));
      dsl.transaction(cfg -> AuditLog.append(cfg.dsl(), null, ACTOR, "account.created", "account:3", Map.of()));
      dsl.transaction(cfg -> {
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "access.denied", "GET /x", Map.of());
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "proposal.created", "proposal:3", Map.of());
      });
      dsl.transaction(cfg -> {
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "proposal.created", "proposal:4", Map.of());
        AuditLog.append(cfg.dsl(), quiet, ACTOR, "access.denied", "GET /y", Map.of());
      });
      // A sentinel after them all: notifications come in commit order.
      dsl.resultQuery("select pg_notify({0}, 'end')", org.jooq.impl.DSL.inline(LiveSignal.CHANNEL)).fetch();
      List<String> heard = new ArrayList<>();
      PGConnection pg = c.unwrap(PGConnection.class);
      long until = System.nanoTime() + 5_000_000_000L;
      while (!heard.contains("end") && System.nanoTime() < until) {
        PGNotification[] got = pg.getNotifications(200);
        if (got != null) {
          for (PGNotification n : got) {
            heard.add(n.getParameter());
          }
        }
      }
      assertThat(heard).containsExactly(quiet + ":c", String.valueOf(quiet), String.valueOf(quiet), quiet + ":c",
          quiet + ":r", quiet + ":c", quiet + ":c", "end");
    }
  }
}
