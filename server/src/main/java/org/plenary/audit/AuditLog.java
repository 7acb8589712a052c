package org.plenary.audit;

import static org.plenary.schema.Tables.EVENT;
import static org.plenary.schema.Tables.EVENT_CHAIN;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.plenary.http.Json;
import org.plenary.store.Changes;
import org.plenary.store.Sql;
import org.plenary.schema.tables.records.EventRecord;

/**
 * The append-only audit log. Every state change calls {@link #append} inside the transaction that
 * makes the change, so the change and its record commit or roll back together. Each event carries
 * the hash of the previous event of its chain (a few interleaved lanes per negotiation, one global chain):
 * editing or deleting a row breaks {@link #verify}.
 */
public final class AuditLog {
  public static final String GLOBAL_CHAIN = "global";

  /** Who acted: the account, and the delegation it acted for (null for secretariat or admin work). */
  public record Actor(Long accountId, String delegation) {
    public static final Actor SYSTEM = new Actor(null, null);
  }

  /** One stored event, as read back. */
  public record Event(long id, Long negotiationId, Long accountId, String delegation, String type,
      String subject, String payload, OffsetDateTime createdAt) {}

  private AuditLog() {}

  /**
   * Appends an event in the caller's transaction. Call it as the transaction's last statement: it locks a
   * chain head until commit.
   *
   * <p>A negotiation's log is {@value #LANES} interleaved hash chains ("lanes"): each event links to the
   * previous event of its lane, and an append takes whichever lane head no other transaction holds
   * ({@code FOR UPDATE SKIP LOCKED}), so concurrent submissions do not queue behind one row lock through
   * their commits. Every event still belongs to exactly one chain, so editing, removing or reordering any
   * event breaks {@link #verify}. The global chain (events outside negotiations) is a single lane.
   *
   * <p>Ordering: ids still grow with insertion time, but two concurrent appends of one negotiation may
   * commit in the other order (the window is the chain update and the commit, as the append comes last). A
   * reader resuming "after id X" ({@link #since}) should therefore re-read a little before X, or wait for
   * events a moment old, and drop ids it has already seen.
   */
  public static long append(DSLContext dsl, Long negotiationId, Actor actor, String type, String subject,
      Object payload) {
    return appendAll(dsl, negotiationId, List.of(new Pending(actor, type, subject, payload))).get(0);
  }

  /**
   * One event for {@link #appendAll}; {@code requestId} is the HTTP request that caused it (outside the hash: it
   * is for finding the request's log lines, not part of the record's content).
   */
  public record Pending(Actor actor, String type, String subject, Object payload, String requestId) {
    /** An event of the request being served on this thread ({@link org.plenary.store.RequestId#current}). */
    public Pending(Actor actor, String type, String subject, Object payload) {
      this(actor, type, subject, payload, org.plenary.store.RequestId.current());
    }
  }

  private static final String INSERT_EVENT = "insert into event (negotiation_id, account_id, delegation_code, type,"
      + " subject, payload, created_at, prev_hash, hash, chain_key, request_id) values ";

  /**
   * Appends events of one negotiation (or of the global chain, {@code negotiationId} null) in the caller's
   * transaction, as consecutive links of one lane: one lane lock, one multi-row insert (plain JDBC, see
   * {@code store.Sql}), one head update (and NOTIFY) however many events there are; returns their ids in order.
   * {@link #append} is this for one event; group commit ({@code proposal.Submissions}) appends a batch's events
   * at once. Call it last in the transaction, as it holds a lane head until commit.
   */
  public static List<Long> appendAll(DSLContext dsl, Long negotiationId, List<Pending> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    String base = negotiationId == null ? GLOBAL_CHAIN : "negotiation:" + negotiationId;
    Head head = lockHead(dsl, base, negotiationId == null ? 1 : LANES);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    String chainKey = head.key().equals(base) ? null : head.key();
    String[] prevs = new String[events.size()];
    String[] hashes = new String[events.size()];
    String[] payloads = new String[events.size()];
    String prev = head.lastHash();
    AuditKey key = AuditKey.attached(dsl);
    for (int i = 0; i < events.size(); i++) {
      Pending e = events.get(i);
      payloads[i] = e.payload() instanceof String s ? s : Json.string(e.payload() == null ? Json.object() : e.payload());
      prevs[i] = prev;
      hashes[i] = hash(key, prev, negotiationId, e.actor().accountId(), e.actor().delegation(), e.type(), e.subject(),
          payloads[i], now);
      prev = hashes[i];
    }
    String sql = INSERT_EVENT + Sql.rows(events.size(), 11);
    long[] ids = dsl.connectionResult(c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
        int p = 0;
        for (int i = 0; i < events.size(); i++) {
          Pending e = events.get(i);
          Sql.setLong(ps, ++p, negotiationId);
          Sql.setLong(ps, ++p, e.actor().accountId());
          ps.setString(++p, e.actor().delegation());
          ps.setString(++p, e.type());
          ps.setString(++p, e.subject());
          ps.setString(++p, payloads[i]);
          ps.setObject(++p, now);
          ps.setString(++p, prevs[i].isEmpty() ? null : prevs[i]);
          ps.setString(++p, hashes[i]);
          ps.setString(++p, chainKey);
          ps.setString(++p, e.requestId());
        }
        ps.executeUpdate();
        return Sql.generatedIds(ps, events.size());
      }
    });
    // the signal is the widest kind among the events (a structure change covers content)
    String widest = events.stream().map(Pending::type)
        .reduce((a, b) -> Changes.Kind.wider(Changes.Kind.of(a), Changes.Kind.of(b)) == Changes.Kind.of(a) ? a : b)
        .orElseThrow();
    moveHead(dsl, negotiationId, head.key(), prev, widest);
    return java.util.Arrays.stream(ids).boxed().toList();
  }

  /** Moves a lane head to {@code hash}; on PostgreSQL the live feeds' NOTIFY rides on it. */
  private static void moveHead(DSLContext dsl, Long negotiationId, String key, String hash, String type) {
    // PostgreSQL: the live feeds' NOTIFY rides on the head update (one round trip less per change). Plain JDBC
    // (store.Sql): it runs in every change's transaction.
    boolean notify = LiveSignal.needsNotify(dsl, negotiationId, type);
    dsl.connection(c -> {
      try (var update = c.prepareStatement(notify ? MOVE_HEAD + " returning pg_notify('" + LiveSignal.CHANNEL + "', ?)"
          : MOVE_HEAD)) {
        update.setString(1, hash);
        update.setString(2, key);
        if (notify) {
          update.setString(3, LiveSignal.payload(negotiationId, type));
          update.executeQuery().close();
        } else {
          update.executeUpdate();
        }
      }
    });
  }

  private static final String MOVE_HEAD = "update event_chain set last_hash = ? where chain_key = ?";

  /** Lanes per negotiation: about the number of connections that append at once. */
  static final int LANES = 32;

  private record Head(String key, String lastHash) {}

  /** The key of lane {@code i} of a chain; lane 0 keeps the chain's own key (events before lanes existed). */
  static String laneKey(String base, int i) {
    return i == 0 ? base : base + "#" + i;
  }

  /** Locks a free lane head of the chain (creating the lanes on first use), or waits for a random one. */
  private static Head lockHead(DSLContext dsl, String base, int lanes) {
    List<String> keys = new java.util.ArrayList<>(lanes);
    for (int i = 0; i < lanes; i++) {
      keys.add(laneKey(base, i));
    }
    // plain JDBC: this runs in every change's transaction (see store.Sql)
    Head free = dsl.connectionResult(c -> {
      try (var q = c.prepareStatement("select chain_key, last_hash from event_chain where chain_key in ("
          + Sql.params(lanes) + ") limit 1 for update skip locked")) {
        Sql.bind(q, 1, keys);
        try (var row = q.executeQuery()) {
          return row.next() ? new Head(row.getString(1), row.getString(2)) : null;
        }
      }
    });
    if (free != null) {
      return free;
    }
    if (!dsl.fetchExists(EVENT_CHAIN, EVENT_CHAIN.CHAIN_KEY.eq(keys.get(lanes - 1)))) {
      var insert = dsl.insertInto(EVENT_CHAIN, EVENT_CHAIN.CHAIN_KEY, EVENT_CHAIN.LAST_HASH);
      for (String k : keys) {
        insert = insert.values(k, "");
      }
      insert.onConflictDoNothing().execute();
    }
    String key = keys.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(lanes));
    String last = dsl.select(EVENT_CHAIN.LAST_HASH).from(EVENT_CHAIN)
        .where(EVENT_CHAIN.CHAIN_KEY.eq(key)).forUpdate().fetchOne(EVENT_CHAIN.LAST_HASH);
    return new Head(key, last);
  }

  /** Events of a negotiation after {@code afterId}, oldest first. */
  public static List<Event> since(DSLContext dsl, long negotiationId, long afterId, int limit) {
    return dsl.selectFrom(EVENT)
        .where(EVENT.NEGOTIATION_ID.eq(negotiationId).and(EVENT.ID.gt(afterId)))
        .orderBy(EVENT.ID)
        .limit(limit)
        .fetch(AuditLog::toEvent);
  }

  /**
   * Recomputes a negotiation's chains (or the global one); returns the id of the first event whose hash or
   * link does not match, or -1 when intact. A lane whose head does not match its last event (an event removed
   * from the end) reports that last event, or 0 when the lane has none left.
   */
  public static long verify(DSLContext dsl, Long negotiationId) {
    String base = negotiationId == null ? GLOBAL_CHAIN : "negotiation:" + negotiationId;
    // The heads first, then the events: an event appended in between is newer than its head (a lane's appends
    // commit one after the other), so each head must be the hash of some event of its lane, not its last one.
    var heads = dsl.select(EVENT_CHAIN.CHAIN_KEY, EVENT_CHAIN.LAST_HASH).from(EVENT_CHAIN)
        .where(EVENT_CHAIN.CHAIN_KEY.eq(base).or(EVENT_CHAIN.CHAIN_KEY.like(base + "#%")))
        .fetch();
    var rows = dsl.selectFrom(EVENT)
        .where(negotiationId == null ? EVENT.NEGOTIATION_ID.isNull() : EVENT.NEGOTIATION_ID.eq(negotiationId))
        .orderBy(EVENT.ID)
        .fetch();
    java.util.Map<String, java.util.Set<String>> hashesByLane = new java.util.HashMap<>();
    java.util.Map<String, String> prevByLane = new java.util.HashMap<>();
    java.util.Map<String, Long> lastIdByLane = new java.util.HashMap<>();
    long firstBad = Long.MAX_VALUE;
    AuditKey key = AuditKey.attached(dsl);
    for (EventRecord r : rows) {
      String lane = r.getChainKey() == null ? base : r.getChainKey();
      if (!lane.equals(base) && !lane.startsWith(base + "#")) {
        firstBad = Math.min(firstBad, r.getId());
        continue;
      }
      String prev = prevByLane.getOrDefault(lane, "");
      String expectedPrev = prev.isEmpty() ? null : prev;
      String h = hash(key == null || key.plain(r.getId()) ? null : key, prev, r.getNegotiationId(), r.getAccountId(), r.getDelegationCode(), r.getType(),
          r.getSubject(), r.getPayload(), r.getCreatedAt().withOffsetSameInstant(ZoneOffset.UTC));
      if (!java.util.Objects.equals(expectedPrev, r.getPrevHash()) || !h.equals(r.getHash())) {
        firstBad = Math.min(firstBad, r.getId());
      }
      prevByLane.put(lane, r.getHash());
      lastIdByLane.put(lane, r.getId());
      hashesByLane.computeIfAbsent(lane, k -> new java.util.HashSet<>()).add(r.getHash());
    }
    for (var head : heads) {
      // an event removed from the end of a lane leaves its head pointing at nothing
      boolean found = head.value2().isEmpty()
          || hashesByLane.getOrDefault(head.value1(), java.util.Set.of()).contains(head.value2());
      if (!found) {
        firstBad = Math.min(firstBad, lastIdByLane.getOrDefault(head.value1(), 0L));
      }
    }
    return firstBad == Long.MAX_VALUE ? -1 : firstBad;
  }

  /** The head of one lane at a checkpoint: its last event and that event's hash. */
  public record LaneHead(String lane, long lastEventId, String hash) {}

  /**
   * The heads of a chain's lanes at one moment, signed with the audit key. The secretariat keeps it outside
   * Plenary; {@link #check} later tells whether the chain still holds those very events: a rewrite of anything
   * before the checkpoint changes the hashes at its heads, even by someone holding the key.
   */
  public record Checkpoint(Long negotiation, String at, List<LaneHead> heads, String signature) {
    String canonical() {
      StringBuilder b = new StringBuilder("plenary-audit-checkpoint\u001f").append(negotiation).append('\u001f').append(at);
      for (LaneHead h : heads) {
        b.append('\u001f').append(h.lane()).append(':').append(h.lastEventId()).append(':').append(h.hash());
      }
      return b.toString();
    }
  }

  /** What {@link #check} found. */
  public record CheckpointCheck(boolean signatureValid, boolean chainIntact, boolean headsPresent,
      List<String> mismatchedLanes) {
    public boolean ok() {
      return signatureValid && chainIntact && headsPresent;
    }
  }

  /** The current checkpoint of a negotiation's chain (or the global one); needs the audit key. */
  public static Checkpoint checkpoint(DSLContext dsl, Long negotiationId) {
    AuditKey key = java.util.Objects.requireNonNull(AuditKey.attached(dsl), "no audit key attached");
    String base = negotiationId == null ? GLOBAL_CHAIN : "negotiation:" + negotiationId;
    List<LaneHead> heads = new java.util.ArrayList<>();
    var last = dsl.select(EVENT.CHAIN_KEY, org.jooq.impl.DSL.max(EVENT.ID)).from(EVENT)
        .where(negotiationId == null ? EVENT.NEGOTIATION_ID.isNull() : EVENT.NEGOTIATION_ID.eq(negotiationId))
        .groupBy(EVENT.CHAIN_KEY).fetch();
    for (var r : last) {
      String lane = r.value1() == null ? base : r.value1();
      String hash = dsl.select(EVENT.HASH).from(EVENT).where(EVENT.ID.eq(r.value2())).fetchOne(EVENT.HASH);
      heads.add(new LaneHead(lane, r.value2(), hash));
    }
    heads.sort(java.util.Comparator.comparing(LaneHead::lane));
    // Instant.toString() always writes the seconds (RFC 3339); OffsetDateTime's drops them when they are zero
    String at = java.time.Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Checkpoint unsigned = new Checkpoint(negotiationId, at, List.copyOf(heads), null);
    return new Checkpoint(negotiationId, at, unsigned.heads(), key.mac(unsigned.canonical()));
  }

  /** Checks an earlier checkpoint: its signature, the chain as it is now, and that its heads are still there. */
  public static CheckpointCheck check(DSLContext dsl, Checkpoint earlier) {
    AuditKey key = java.util.Objects.requireNonNull(AuditKey.attached(dsl), "no audit key attached");
    boolean signed = earlier.signature() != null && MessageDigest.isEqual(
        key.mac(new Checkpoint(earlier.negotiation(), earlier.at(), earlier.heads(), null).canonical())
            .getBytes(StandardCharsets.UTF_8), earlier.signature().getBytes(StandardCharsets.UTF_8));
    boolean intact = verify(dsl, earlier.negotiation()) < 0;
    List<String> mismatched = new java.util.ArrayList<>();
    for (LaneHead h : earlier.heads()) {
      var row = dsl.select(EVENT.HASH, EVENT.NEGOTIATION_ID).from(EVENT).where(EVENT.ID.eq(h.lastEventId())).fetchOne();
      if (row == null || !h.hash().equals(row.value1())
          || !java.util.Objects.equals(row.value2(), earlier.negotiation())) {
        mismatched.add(h.lane());
      }
    }
    return new CheckpointCheck(signed, intact, mismatched.isEmpty(), List.copyOf(mismatched));
  }

  private static Event toEvent(EventRecord r) {
    return new Event(r.getId(), r.getNegotiationId(), r.getAccountId(), r.getDelegationCode(), r.getType(),
        r.getSubject(), r.getPayload(), r.getCreatedAt());
  }

  /** The plain SHA-256 link of one event (no key): public so an archive's exported chain can be checked. */
  public static String hash(String prev, Long negotiationId, Long accountId, String delegation, String type,
      String subject, String payload, OffsetDateTime at) {
    return hash(null, prev, negotiationId, accountId, delegation, type, subject, payload, at);
  }

  /**
   * The link of one event: HMAC-SHA256 under the audit key ({@link AuditKey}), so rewriting events and
   * recomputing the chain needs the key, which is not in the database; plain SHA-256 without a key (events
   * written before keying, and bare contexts in tools and tests).
   */
  public static String hash(AuditKey key, String prev, Long negotiationId, Long accountId, String delegation, String type,
      String subject, String payload, OffsetDateTime at) {
    String canonical = String.join("\u001f", prev, String.valueOf(negotiationId), String.valueOf(accountId),
        String.valueOf(delegation), type, String.valueOf(subject), payload,
        at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).toString());
    if (key != null) {
      return key.mac(canonical);
    }
    return org.plenary.store.Digests.sha256Hex(canonical);
  }
}
