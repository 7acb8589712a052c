package org.plenary.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.EVENT;
import static org.plenary.schema.Tables.PROPOSAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.audit.AuditLog;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

/**
 * A client that retries through a load balancer sends one submission to two nodes at once. Each node's group
 * commit finds no stored response and inserts; the database's primary key lets one commit, the other's batch
 * fails as a whole, is run again submission by submission, and the duplicate then answers with the stored
 * response. Other submissions in that batch are stored all the same.
 */
@DisplayName("The same Idempotency-Key sent to two nodes at once")
class CrossNodeIdempotencyTest {
  @TempDir Path temp;

  @Test
  @DisplayName("is stored once; both nodes answer 201 with the same proposal, and nothing else is lost")
  void sameKeyOnTwoNodes() throws Exception {
    Backend.Db db = Backend.POSTGRESQL.newDatabase(temp);
    try (TestServer a = TestServer.start(db, temp.resolve("a")); TestServer b = TestServer.start(db, temp.resolve("b"))) {
      long n = a.negotiation("القرار 88 (كيغالي، 2022)");
      var zero = a.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
      long r = zero.get("id").asLong();
      long paragraph = Samples.paragraphWith(zero, "لا يزال 2,9 مليار شخص");
      String proposals = "/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals";
      ApiClient onA = a.participant(n, "egypt@example.org", "delegate", "EGY");
      ApiClient onB = b.client().login("egypt@example.org", "password-of-egypt@example.org");

      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        record Pair(Future<Response> a, Future<Response> b) {}
        List<Pair> pairs = new ArrayList<>();
        List<Future<Response>> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          String key = "retry-" + i;
          Map<String, Object> body = Map.of("kind", "amend", "paragraph", paragraph,
              "text", "لا يزال 2,6 مليار شخص غير متصلين (ITU) " + i);
          ApiClient keyedA = onA.withHeader(IdempotencyKeys.HEADER, key);
          ApiClient keyedB = onB.withHeader(IdempotencyKeys.HEADER, key);
          pairs.add(new Pair(pool.submit((Callable<Response>) () -> keyedA.post(proposals, body)),
              pool.submit((Callable<Response>) () -> keyedB.post(proposals, body))));
          // distinct submissions alongside, in the same batches
          Map<String, Object> other = Map.of("kind", "comment", "paragraph", paragraph, "text", "تعليق " + i);
          ApiClient keyedOther = (i % 2 == 0 ? onA : onB).withHeader(IdempotencyKeys.HEADER, "other-" + i);
          others.add(pool.submit((Callable<Response>) () -> keyedOther.post(proposals, other)));
        }
        List<Long> ids = new ArrayList<>();
        for (Pair p : pairs) {
          Response first = p.a().get(60, TimeUnit.SECONDS);
          Response second = p.b().get(60, TimeUnit.SECONDS);
          assertThat(first.status()).as(first.text()).isEqualTo(201);
          assertThat(second.status()).as(second.text()).isEqualTo(201);
          assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
          ids.add(first.json().get("id").asLong());
        }
        for (Future<Response> f : others) {
          Response o = f.get(60, TimeUnit.SECONDS);
          assertThat(o.status()).as(o.text()).isEqualTo(201);
          ids.add(o.json().get("id").asLong());
        }
        DSLContext dsl = a.plenary().database().dsl();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(dsl.fetchCount(PROPOSAL, PROPOSAL.REVISION_ID.eq(r))).isEqualTo(60);
        assertThat(dsl.fetchCount(EVENT, EVENT.TYPE.eq("proposal.created").and(EVENT.NEGOTIATION_ID.eq(n))))
            .isEqualTo(60);
        assertThat(AuditLog.verify(dsl, n)).isEqualTo(-1);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
