package org.plenary.proposal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.store.Database;
import org.plenary.store.Sql;

/**
 * Group commit of new proposals. A POST does not get a transaction of its own: it joins a queue, and a
 * writer takes everything waiting (up to {@link GroupCommit#maxBatch}) into one transaction. That transaction reads
 * what all of them need in three queries (their idempotency keys, the revisions' comment windows, the
 * paragraphs; plain JDBC, see {@link Sql}), checks each submission on its own, writes the ones that pass with batched inserts, appends
 * their audit events as one run of one lane ({@link AuditLog#appendAll}) and commits once. Only then does
 * each caller get its answer: an acknowledged proposal has committed, exactly as with a transaction per
 * request.
 *
 * <ul>
 *   <li>No waiting for company: a writer starts as soon as a submission arrives and no more than
 *       {@link GroupCommit#writers} are busy; batches grow only while the writers are busy, that is under load.</li>
 *   <li>Each submission is checked alone. One that fails a check (closed window, unknown co-sponsor, bad
 *       anchor…) gets its problem and writes nothing; the others go on. If the transaction itself fails
 *       (a database error, a concurrent duplicate of an idempotency key from another node), nothing of it
 *       is kept and each of its submissions is run again in a transaction of its own, so one bad submission
 *       can never take others down with it, and a duplicate key resolves to the stored response as before.</li>
 *   <li>Two submissions of one batch with the same idempotency key: the later one waits for the next batch,
 *       where it finds the first one's stored response.</li>
 * </ul>
 */
final class Submissions {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Submissions.class);

  private final GroupCommit settings;

  /** One POST of a proposal: who, where, the draft as parsed, its idempotency key and request hash. */
  record Submission(Principal principal, Membership membership, long negotiationId, long revisionId,
      ProposalDraft draft, String key, String requestHash, Context context, Promise<Created> result) {

    String idempotencyId() {
      return key == null ? null : principal.accountId() + " " + key;
    }
  }

  /** A submission that passed its checks, ready to insert. */
  private record Prepared(Submission s, ProposalDraft.Checked checked, String acting, boolean breaksSilence,
      Stances.Replaced replaced) {}

  private final Database db;
  private final ConcurrentLinkedDeque<Submission> queue = new ConcurrentLinkedDeque<>();
  private final AtomicInteger writers = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  /** Told each batch's size as it commits (the /metrics histogram); nothing by default. */
  private volatile java.util.function.IntConsumer batchSizes = size -> {};

  /** The group commit into {@code db}, with its batch size, writers and queue bound. */
  Submissions(Database db, GroupCommit settings) {
    this.db = Objects.requireNonNull(db, "db");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Queues a submission; the future completes (on the caller's context) after its transaction commits. */
  Future<Created> submit(Principal p, Membership m, long n, long r, ProposalDraft draft, String key, String hash,
      Context context) {
    int maxQueue = settings.maxQueue();
    if (waiting.incrementAndGet() > maxQueue) {
      waiting.decrementAndGet();
      return Future.failedFuture(new Problem(503, "busy", "Too many submissions at once",
          "more than " + maxQueue + " proposals are waiting to be stored; nothing of yours was stored, send it "
              + "again (with the same Idempotency-Key) in a moment", List.of(), Map.of("retryAfter", 1)));
    }
    Promise<Created> promise = Promise.promise();
    queue.add(new Submission(p, m, n, r, draft, key, hash, context, promise));
    startWriter();
    return promise.future();
  }

  private void startWriter() {
    while (!queue.isEmpty()) {
      int busy = writers.get();
      if (busy >= settings.writers()) {
        return;
      }
      if (writers.compareAndSet(busy, busy + 1)) {
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        db.read(dsl -> {
          ran.set(true);
          drain();
          return null;
        }).onFailure(e -> {
          if (!ran.get()) { // the worker pool refused (the server is stopping): nobody will take the queue
            writers.decrementAndGet();
            for (Submission s; (s = queue.poll()) != null; ) {
              waiting.decrementAndGet();
              complete(s, e);
            }
          }
        });
        return;
      }
    }
  }

  /** Submissions queued or being written now. */
  int waiting() {
    return waiting.get();
  }

  /** Where each batch's size goes. */
  void reportBatchSizes(java.util.function.IntConsumer to) {
    batchSizes = Objects.requireNonNull(to, "to");
  }

  /** Runs batches until the queue is empty; then lets another writer start if work came in meanwhile. */
  private void drain() {
    try {
      for (List<Submission> batch = take(); !batch.isEmpty(); batch = take()) {
        batchSizes.accept(batch.size());
        run(batch);
      }
    } finally {
      writers.decrementAndGet();
      startWriter();
    }
  }

  private List<Submission> take() {
    List<Submission> batch = new ArrayList<>();
    List<Submission> later = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    Submission s;
    while (batch.size() < settings.maxBatch() && (s = queue.poll()) != null) {
      waiting.decrementAndGet();
      String id = s.idempotencyId();
      if (id != null && !keys.add(id)) {
        later.add(s);
      } else {
        batch.add(s);
      }
    }
    for (int i = later.size() - 1; i >= 0; i--) {
      waiting.incrementAndGet();
      queue.addFirst(later.get(i));
    }
    return batch;
  }

  /** One transaction for the batch; if it fails as a whole, each submission again in its own. */
  void run(List<Submission> batch) {
    List<Object> outcomes;
    try {
      outcomes = db.dsl().transactionResult(cfg -> write(cfg.dsl(), batch));
    } catch (RuntimeException | Error e) {
      LOG.debug("group commit: a batch of {} failed ({}); each runs again alone", batch.size(), e.toString());
      if (batch.size() > 1) {
        batch.forEach(s -> run(List.of(s)));
      } else {
        alone(batch.get(0), e);
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      complete(batch.get(i), outcomes.get(i));
    }
  }

  /** The transaction of a single submission failed: a concurrent identical request won, or a real error. */
  private void alone(Submission s, Throwable e) {
    Object outcome = e;
    if (s.key() != null && IdempotencyKeys.isDuplicateKey(e)) {
      try {
        outcome = IdempotencyKeys.find(db.dsl(), s.principal().accountId(), s.key())
            .map(stored -> (Object) Created.replayed(IdempotencyKeys.replay(stored, s.requestHash(), s.key())))
            .orElse(e);
      } catch (RuntimeException replay) {
        outcome = replay;
      }
    }
    complete(s, outcome);
  }

  private static void complete(Submission s, Object outcome) {
    s.context().runOnContext(v -> {
      if (outcome instanceof Created c) {
        s.result().complete(c);
      } else {
        s.result().fail((Throwable) outcome);
      }
    });
  }

  /** The batch's transaction: per submission a {@link Created} or the problem that refused it. */
  static List<Object> write(DSLContext dsl, List<Submission> batch) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    Map<String, IdempotencyKeys.Stored> stored = IdempotencyKeys.findAll(dsl, batch.stream()
        .filter(s -> s.key() != null).map(s -> new IdempotencyKeys.Id(s.principal().accountId(), s.key())).toList());
    Set<Long> revisions = new HashSet<>();
    Set<Long> paragraphs = new HashSet<>();
    for (Submission s : batch) {
      revisions.add(s.revisionId());
      if (s.draft().paragraph() != null) {
        paragraphs.add(s.draft().paragraph());
      }
    }
    Map<Long, Map.Entry<Long, CommentWindow>> windows = new HashMap<>();
    Map<String, Proposals.Target> texts = new HashMap<>();
    List<Long> rs = List.copyOf(revisions);
    List<Long> ps = List.copyOf(paragraphs);
    dsl.connection(c -> {
      // with the first published revision after each (a superseded revision takes no new proposals)
      try (var q = c.prepareStatement("select r.id, r.negotiation_id, r.comment_deadline, r.silence_procedure,"
          + " l.id, l.label from revision r left join revision l on l.id = (select n.id from revision n"
          + " where n.negotiation_id = r.negotiation_id and n.state = 'published' and n.seq > r.seq"
          + " order by n.seq limit 1) where r.id in (" + Sql.params(rs.size()) + ")")) {
        Sql.bind(q, 1, rs);
        try (var row = q.executeQuery()) {
          while (row.next()) {
            long later = row.getLong(5);
            Long superseding = row.wasNull() ? null : later;
            windows.put(row.getLong(1), Map.entry(row.getLong(2),
                new CommentWindow(row.getObject(3, OffsetDateTime.class), row.getBoolean(4), superseding,
                    row.getString(6))));
          }
        }
      }
      if (ps.isEmpty()) {
        return;
      }
      try (var q = c.prepareStatement("select revision_id, paragraph_id, number, kind, text, direction"
          + " from paragraph_version where revision_id in (" + Sql.params(rs.size()) + ") and paragraph_id in ("
          + Sql.params(ps.size()) + ") and position is not null")) {
        Sql.bind(q, Sql.bind(q, 1, rs), ps);
        try (var row = q.executeQuery()) {
          while (row.next()) {
            texts.put(row.getLong(1) + " " + row.getLong(2), new Proposals.Target(row.getLong(2), row.getString(3),
                row.getString(4), row.getString(5), row.getString(6)));
          }
        }
      }
    });

    Object[] outcomes = new Object[batch.size()];
    List<Prepared> accepted = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    Set<String> stances = new HashSet<>();
    for (int i = 0; i < batch.size(); i++) {
      Submission s = batch.get(i);
      try {
        IdempotencyKeys.Stored earlier = s.key() == null ? null : stored.get(s.idempotencyId());
        if (earlier != null) {
          outcomes[i] = Created.replayed(IdempotencyKeys.replay(earlier, s.requestHash(), s.key()));
          continue;
        }
        Map.Entry<Long, CommentWindow> window = windows.get(s.revisionId());
        if (window == null || window.getKey() != s.negotiationId()) {
          throw Problem.notFound("revision " + s.revisionId());
        }
        Proposals.Target paragraph = s.draft().paragraph() == null ? null
            : texts.get(s.revisionId() + " " + s.draft().paragraph());
        accepted.add(prepare(dsl, s, window.getValue(), paragraph, now, stances));
        positions.add(i);
      } catch (Problem | DomainException refused) {
        outcomes[i] = refused;
      }
    }

    List<Proposal> inserted = Proposals.insertAll(dsl, accepted.stream().map(a -> new Proposals.New(
        a.s().negotiationId(), a.s().revisionId(), a.checked(), a.acting(), a.s().membership().delegation(),
        a.s().principal().accountId(), a.breaksSilence())).toList(), now);
    List<IdempotencyKeys.Entry> responses = new ArrayList<>();
    Map<Long, List<AuditLog.Pending>> events = new LinkedHashMap<>();
    for (Prepared a : accepted) {
      if (a.replaced() != null && Proposals.withdraw(dsl, a.replaced().id(), a.replaced().version(), now)) {
        // a new stance replaces the delegation's opposite one: that one is withdrawn, and the log says so
        Proposal old = Proposals.get(dsl, a.s().revisionId(), a.replaced().id()).orElseThrow();
        events.computeIfAbsent(a.s().negotiationId(), k -> new ArrayList<>()).add(new AuditLog.Pending(
            new AuditLog.Actor(a.s().principal().accountId(), old.delegation()), "proposal.withdrawn",
            "proposal:" + old.id(), ProposalViews.event(old)));
      }
    }
    for (int j = 0; j < inserted.size(); j++) {
      Proposal stored1 = inserted.get(j);
      Submission s = accepted.get(j).s();
      Created created = new Created(201, ProposalViews.location(s.negotiationId(), s.revisionId(), stored1.id()),
          Json.string(ProposalViews.proposal(stored1, ProposalViews.Viewer.of(s.membership()))), stored1.etag(), false);
      outcomes[positions.get(j)] = created;
      if (s.key() != null) {
        responses.add(new IdempotencyKeys.Entry(s.principal().accountId(), s.key(),
            new IdempotencyKeys.Stored(s.requestHash(), created.status(), created.location(), created.body())));
      }
      events.computeIfAbsent(s.negotiationId(), k -> new ArrayList<>()).add(new AuditLog.Pending(
          new AuditLog.Actor(s.principal().accountId(), stored1.delegation()), "proposal.created",
          "proposal:" + stored1.id(), ProposalViews.event(stored1), org.plenary.store.RequestId.of(s.context())));
    }
    IdempotencyKeys.storeAll(dsl, responses);
    // the audit log last: its lane lock is held only from here to the commit
    events.forEach((n, list) -> AuditLog.appendAll(dsl, n, list));
    return java.util.Arrays.asList(outcomes);
  }

  /** The checks of one submission, in the order a single request has always made them. */
  private static Prepared prepare(DSLContext dsl, Submission s, CommentWindow window, Proposals.Target paragraph,
      OffsetDateTime now, Set<String> stances) {
    Membership m = s.membership();
    ProposalDraft draft = s.draft();
    ProposalPermissions.requireMayPropose(m.role());
    String acting = m.actingFor(dsl, draft.onBehalfOf());
    window.requireOpen(now);
    ProposalDraft.Target target = draft.target() == null ? null
        : Proposals.target(dsl, s.revisionId(), draft.target()).orElse(null);
    ProposalDraft.Checked checked = draft.check(s.revisionId(), paragraph == null ? null : paragraph.text(), target);
    window.requireAllowed(checked.kind(), checked.targetId() != null, now);
    ProposalService.checkCosponsors(dsl, s.negotiationId(), checked.cosponsors(), acting, m.delegation());
    Stances.Replaced replaced = checked.targetId() == null ? null
        : Stances.check(dsl, checked.kind(), checked.targetId(), acting, stances);
    return new Prepared(s, checked, acting, window.breaksSilence(checked.kind(), checked.targetId() != null, now),
        replaced);
  }
}
