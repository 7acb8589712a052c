package org.plenary.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.ACCOUNT;
import static org.plenary.schema.Tables.EVENT;
import static org.plenary.schema.Tables.PROPOSAL;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.http.Problem;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Group commit of new proposals")
class GroupCommitTest {
  static final List<String> DELEGATIONS = List.of("EGY", "IRQ", "SAU", "DEU", "IRN", "ARE", "MAR", "TUN");

  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  DSLContext dsl;
  long n;
  long r;
  String base;
  List<Long> paragraphs = new ArrayList<>();
  final Map<String, ApiClient> delegates = new HashMap<>();

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    dsl = server.plenary().database().dsl();
    n = server.negotiation("القرار 88 (كيغالي، 2022)");
    r = server.revision(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    base = "/api/v1/negotiations/" + n + "/revisions/" + r;
    for (JsonNode p : server.admin.get(base).json().get("paragraphs")) {
      if (p.get("text").asText().length() > 40) {
        paragraphs.add(p.get("id").asLong());
      }
    }
    for (String d : DELEGATIONS) {
      delegates.put(d, server.participant(n, d.toLowerCase() + "@delegation.test", "delegate", d));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Map<String, Object> amendment(long paragraph, String text) {
    return Map.of("kind", "amend", "paragraph", paragraph, "text", text,
        "rationale", "تحديث الأرقام وفقاً لأحدث إحصاءات الاتحاد (ITU).");
  }

  @Test
  @DisplayName("concurrent submissions, refused ones and same-key retries among them, are each stored once and audited once")
  void concurrentSubmissions() throws Exception {
    record Sent(String delegation, String key, Map<String, Object> body, String expect) {}
    List<Sent> sends = new ArrayList<>();
    for (int i = 0; i < 96; i++) {
      String d = DELEGATIONS.get(i % DELEGATIONS.size());
      long p = paragraphs.get(i % paragraphs.size());
      String key = "k-" + i;
      if (i % 12 == 5) {
        // an anchor that quotes nothing in the paragraph: 400, and nothing of it stored
        sends.add(new Sent(d, key, Map.of("kind", "amend", "paragraph", p, "text", "٢,٦",
            "anchor", Map.of("exact", "نص غير موجود في الفقرة WSIS+20")), "refused"));
      } else if (i % 12 == 7) {
        // the same request sent twice at once (a client retrying): one proposal, the same answer twice
        Map<String, Object> body = amendment(p, "(أ) نص مقترح مكرر " + i);
        sends.add(new Sent(d, key, body, "same"));
        sends.add(new Sent(d, key, body, "same"));
      } else if (i % 12 == 9) {
        // the key reused with another body: one of the two is stored, the other gets 422
        sends.add(new Sent(d, key, amendment(p, "(ب) الصيغة الأولى " + i), "reused"));
        sends.add(new Sent(d, key, amendment(p, "(ب) الصيغة الثانية " + i), "reused"));
      } else {
        sends.add(new Sent(d, key, amendment(p, "(ج) نص مقترح للفقرة يشمل WSIS+20 و(ITU) " + i), "stored"));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<java.util.concurrent.Future<Response>> futures = new ArrayList<>();
    try {
      for (Sent s : sends) {
        ApiClient as = delegates.get(s.delegation()).withHeader(IdempotencyKeys.HEADER, s.key());
        futures.add(pool.submit((Callable<Response>) () -> as.post(base + "/proposals", s.body())));
      }
      Map<String, List<Response>> byKey = new HashMap<>();
      Set<Long> ids = new HashSet<>();
      for (int i = 0; i < sends.size(); i++) {
        Sent s = sends.get(i);
        Response res = futures.get(i).get(60, TimeUnit.SECONDS);
        byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(res);
        switch (s.expect()) {
          case "refused" -> {
            assertThat(res.status()).as(res.text()).isEqualTo(400);
            assertThat(res.contentType()).startsWith("application/problem+json");
          }
          case "stored", "same" -> {
            assertThat(res.status()).as(res.text()).isEqualTo(201);
            ids.add(res.json().get("id").asLong());
          }
          default -> {
            assertThat(res.status()).as(res.text()).isIn(201, 422);
            if (res.status() == 201) {
              ids.add(res.json().get("id").asLong());
            }
          }
        }
      }
      for (Sent s : sends) {
        List<Response> answers = byKey.get(s.key());
        if (s.expect().equals("same")) {
          assertThat(answers.get(0).json().get("id")).isEqualTo(answers.get(1).json().get("id"));
          assertThat(answers.stream().filter(a -> "true".equals(a.header("Idempotent-Replayed"))).count()).isEqualTo(1);
        } else if (s.expect().equals("reused")) {
          assertThat(answers.stream().map(Response::status).toList()).containsExactlyInAnyOrder(201, 422);
        }
      }
      // 96 submissions: 8 refused, 8 sent twice, 8 with a reused key; every acknowledged id is stored once
      assertThat(ids).hasSize(96 - 8);
      assertThat(dsl.fetchCount(PROPOSAL, PROPOSAL.REVISION_ID.eq(r))).isEqualTo(ids.size());
      for (long id : ids) {
        assertThat(dsl.fetchCount(EVENT, EVENT.TYPE.eq("proposal.created").and(EVENT.SUBJECT.eq("proposal:" + id))))
            .as("events of proposal " + id).isEqualTo(1);
        Response read = delegates.get("EGY").get(base + "/proposals/" + id);
        assertThat(read.status()).isEqualTo(200);
      }
      assertThat(AuditLog.verify(dsl, n)).isEqualTo(-1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("a batch that fails in the database is run again one by one: the failing submission alone is refused")
  void failingBatchFallsBackToOneByOne() throws Exception {
    Submissions submissions = new Submissions(server.plenary().database(), GroupCommit.DEFAULT);
    long egy = accountOf("egy@delegation.test");
    Principal egyPrincipal = new Principal(egy, "egy@delegation.test", "EGY", false, "-", false, null);
    Membership egyMember = new Membership(n, egy, Role.DELEGATE, "EGY");
    // a delegation code that is not in the reference data: only the database's foreign key stops it
    Membership ghost = new Membership(n, egy, Role.DELEGATE, "ZZZ");
    Context context = server.plenary().vertx().getOrCreateContext();
    long p = paragraphs.get(0);

    // first a stored submission with a key, so that the batch below also holds a retry of it
    Submissions.Submission first = submission(egyPrincipal, egyMember, p, "أولاً", "key-1", context);
    submissions.run(List.of(first));
    Created firstAnswer = await(first.result().future());
    assertThat(firstAnswer.status()).isEqualTo(201);

    Submissions.Submission good1 = submission(egyPrincipal, egyMember, p, "ثانياً", "key-2", context);
    Submissions.Submission bad = submission(egyPrincipal, ghost, p, "لا يُخزَّن", "key-3", context);
    Submissions.Submission good2 = submission(egyPrincipal, egyMember, p, "ثالثاً", null, context);
    Submissions.Submission retry = submission(egyPrincipal, egyMember, p, "أولاً", "key-1", context);
    Submissions.Submission refused = new Submissions.Submission(egyPrincipal, egyMember, n, r,
        new ProposalDraft("amend", p, null, null, "x", null, new Anchor.Input("غير موجود", null, null, null, null),
            null, List.of()), "key-4", "hash-key-4", context, io.vertx.core.Promise.promise());
    submissions.run(List.of(good1, bad, good2, retry, refused));

    assertThat(await(good1.result().future()).status()).isEqualTo(201);
    assertThat(await(good2.result().future()).status()).isEqualTo(201);
    Created replayed = await(retry.result().future());
    assertThat(replayed.replayed()).isTrue();
    assertThat(replayed.body()).isEqualTo(firstAnswer.body());
    Throwable badError = failure(bad.result().future());
    assertThat(badError).isNotInstanceOf(Problem.class).isNotInstanceOf(DomainException.class);
    assertThat(failure(refused.result().future())).isInstanceOf(DomainException.class)
        .satisfies(e -> assertThat(((DomainException) e).kind()).isEqualTo(DomainException.Kind.INVALID));
    assertThat(dsl.fetchCount(PROPOSAL, PROPOSAL.REVISION_ID.eq(r))).isEqualTo(3);
    assertThat(dsl.fetchCount(PROPOSAL, PROPOSAL.DELEGATION_CODE.eq("ZZZ"))).isZero();
    assertThat(dsl.fetchCount(EVENT, EVENT.TYPE.eq("proposal.created").and(EVENT.NEGOTIATION_ID.eq(n)))).isEqualTo(3);
    assertThat(AuditLog.verify(dsl, n)).isEqualTo(-1);

    // a batch that passes commits as one: its events are consecutive links of one lane
    List<Submissions.Submission> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(submission(egyPrincipal, egyMember, paragraphs.get(i), "دفعة " + i, "batch-" + i, context));
    }
    submissions.run(batch);
    List<Long> created = new ArrayList<>();
    for (Submissions.Submission s : batch) {
      long id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(await(s.result().future()).body())
          .get("id").asLong();
      created.add(id);
      // each answer names the row that holds its own text (ids of a multi-row insert are matched in order)
      assertThat(dsl.select(PROPOSAL.TEXT).from(PROPOSAL).where(PROPOSAL.ID.eq(id)).fetchOne(PROPOSAL.TEXT))
          .isEqualTo(s.draft().text());
    }
    var events = dsl.selectFrom(EVENT).where(EVENT.SUBJECT.in(created.stream().map(id -> "proposal:" + id).toList()))
        .orderBy(EVENT.ID).fetch();
    assertThat(events).hasSize(5);
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).getChainKey()).isEqualTo(events.get(0).getChainKey());
      assertThat(events.get(i).getPrevHash()).isEqualTo(events.get(i - 1).getHash());
    }
    assertThat(AuditLog.verify(dsl, n)).isEqualTo(-1);
  }

  @Test
  @DisplayName("beyond its bound the queue refuses at once with 503 and a retry time, and stores nothing")
  void boundedQueue() throws Exception {
    Submissions full = new Submissions(server.plenary().database(), new GroupCommit(64, 2, 0));
    long egy = accountOf("egy@delegation.test");
    Principal principal = new Principal(egy, "egy@delegation.test", "EGY", false, "-", false, null);
    ProposalDraft draft = new ProposalDraft("amend", paragraphs.get(0), null, null, "(أ) نص WSIS+20", null, null,
        null, List.of());
    Throwable refused = failure(full.submit(principal, new Membership(n, egy, Role.DELEGATE, "EGY"), n, r, draft,
        "k", "h", server.plenary().vertx().getOrCreateContext()));
    assertThat(refused).isInstanceOf(Problem.class);
    assertThat(((Problem) refused).status()).isEqualTo(503);
    assertThat(((Problem) refused).extensions()).containsEntry("retryAfter", 1);
    assertThat(dsl.fetchCount(PROPOSAL, PROPOSAL.REVISION_ID.eq(r))).isZero();
  }

  Submissions.Submission submission(Principal principal, Membership m, long paragraph, String text, String key,
      Context context) {
    ProposalDraft draft = new ProposalDraft("amend", paragraph, null, null, "(أ) " + text + " WSIS+20", null, null,
        null, List.of());
    return new Submissions.Submission(principal, m, n, r, draft, key, key == null ? null : "hash-" + text, context,
        io.vertx.core.Promise.promise());
  }

  long accountOf(String email) {
    return dsl.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.EMAIL.eq(email)).fetchOne(ACCOUNT.ID);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static Throwable failure(Future<?> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }
}
