package org.plenary.events;

import static org.plenary.schema.Tables.DELEGATION_MEMBER;
import static org.plenary.schema.Tables.EVENT;
import static org.plenary.schema.Tables.GROUP_STAGE;
import static org.plenary.schema.Tables.GROUP_STAGE_GUEST;
import static org.plenary.schema.Tables.REVISION;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jooq.impl.DSL;
import org.plenary.access.AuthHandler;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.audit.AuditLog;
import org.plenary.audit.LiveSignal;
import org.plenary.domain.DomainException;
import org.plenary.http.Http;
import org.plenary.http.Problem;
import org.plenary.http.Routes;
import org.plenary.store.Changes;
import org.plenary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates: Server-Sent Events per negotiation, fed from the audit log.
 *
 * <pre>
 *   curl -N localhost:8080/api/v1/negotiations/1/events -H "Authorization: Bearer $TOKEN" \
 *        -H 'Last-Event-ID: 41'
 *   id: 42
 *   event: participant.added
 *   data: {"id":42,"type":"participant.added","negotiation":1,…}
 * </pre>
 *
 * The node keeps, per negotiation with subscribers, a {@link Window} of recently read events. When a
 * signal says a negotiation has new events (PostgreSQL NOTIFY from any node, or an in-process signal
 * after an H2 commit), one read of the event table on this node refreshes the window and wakes its
 * subscribers, each of which sends what its viewer may see ({@link EventVisibility}). The table stays the
 * only truth: a node that missed a signal finds the events at the next one, at the latest at the next
 * heartbeat, which also re-reads every feed.
 *
 * <p>Event ids are not commit order: appends of one negotiation run in parallel (the audit log's lanes), so
 * an event can commit after one with a higher id. A feed therefore re-reads the ids above its floor (the
 * highest id it had seen {@link #LATE_COMMIT} ago) and takes every one it has not seen yet; a live stream
 * gets each event once. A resume with {@code Last-Event-ID: L} replays from the highest id appended more
 * than {@link #LATE_COMMIT} before event L, so an event that committed late is not lost; the events
 * between that point and L may come again (at least once: clients dedupe by the id in the data).
 */
public final class LiveUpdates extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);
  /** Heartbeat (and safety re-read) interval; {@code --sse-heartbeat-millis} ({@code Config}) changes it. */
  static final long DEFAULT_HEARTBEAT_MILLIS = 15_000;
  /** How long after its append an event may still commit and arrive (append is a transaction's last step). */
  static final Duration LATE_COMMIT = Duration.ofSeconds(5);
  private static final int KEEP = 2048;
  private static final int PAGE = 500;

  private final Database db;
  private final long heartbeatMillis;
  private final Changes changes;
  /** Touched only on this verticle's context. */
  private final Map<Long, Feed> feeds = new HashMap<>();
  /** Who each open stream was opened for; checked again at every heartbeat (this verticle's context). */
  private final Map<EventStream, Subscriber> subscribers = new HashMap<>();
  /** Open event streams on this node, for /metrics (the map itself belongs to the verticle's thread). */
  private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
  private Runnable stopListening = () -> { };
  private PgListener listener;
  private long timer = -1;

  /** The events of one negotiation as this node has read them, and its local subscribers. */
  private static final class Feed {
    final long negotiationId;
    volatile Window window;
    final Set<EventStream> streams = new HashSet<>();
    /** Ids above the floor already taken (read by the refresh on a worker, changed only between refreshes). */
    final Set<Long> taken = new HashSet<>();
    /** (nanoTime, highest id taken) after each refresh that took events; gives the floor. */
    final ArrayDeque<long[]> history = new ArrayDeque<>();
    long initialFloor;
    long highest;
    boolean reading;
    boolean dirty;

    Feed(long negotiationId, long initialFloor, long head) {
      this.negotiationId = negotiationId;
      this.initialFloor = initialFloor;
      this.highest = head;
      this.window = Window.empty(initialFloor);
      history.add(new long[] {System.nanoTime(), head});
    }

    /** The highest id taken {@link #LATE_COMMIT} ago: events below it have all committed by now. */
    long floor(long now) {
      long cutoff = now - LATE_COMMIT.toNanos();
      long floor = initialFloor;
      while (!history.isEmpty() && history.peekFirst()[0] <= cutoff) {
        long[] h = history.peekFirst();
        floor = Math.max(floor, h[1]);
        if (history.size() > 1) {
          history.pollFirst();
        } else {
          break;
        }
      }
      initialFloor = floor;
      return floor;
    }
  }

  /** The credentials and standing a stream was opened with: it ends when they no longer hold. */
  private record Subscriber(long negotiationId, String tokenHash, boolean viaCookie, long accountId,
      Membership membership) {}

  /** What a new subscriber needs: its membership, the newest event, and where the feed and its replay start. */
  private record Start(Membership membership, long head, long lookback, List<Long> recent, long resumeFloor,
      Set<String> groups, Set<Long> guestOf) {}

  private record Read(List<LiveEvent> events, boolean more) {}

  /** Live updates from {@code db}, with a heartbeat (and safety re-read) every {@code heartbeatMillis}. */
  public LiveUpdates(Database db, long heartbeatMillis) {
    this.db = db;
    this.heartbeatMillis = heartbeatMillis;
    this.changes = db.isPostgres() ? Changes.shared() : Changes.singleNode();
  }

  /**
   * This node's change generations, for read caches: moved after every local commit with events and, on
   * PostgreSQL, by the NOTIFYs of every node (uncacheable while the LISTEN connection is down).
   */
  /** Publishes the number of open event streams (SSE connections) on this node to {@code meters}. */
  public void measuredBy(io.micrometer.core.instrument.MeterRegistry meters) {
    io.micrometer.core.instrument.Gauge.builder("plenary.live.streams", open, java.util.concurrent.atomic.AtomicInteger::get)
        .description("open server-sent event streams on this node").register(meters);
  }

  public Changes changes() {
    return changes;
  }

  @Override
  public Future<?> start() {
    // On PostgreSQL the NOTIFY reaches this node too, so the in-process signal is only for H2.
    db.addTransactionListener(new LiveSignal(changes, db.isPostgres() ? n -> { } : this::wake));
    if (db.isPostgres() && db.dataSource() instanceof HikariDataSource ds) {
      listener = new PgListener(ds.getJdbcUrl(), ds.getUsername(), ds.getPassword(), changes, this::wake,
          this::wakeAll).start();
    }
    timer = vertx.setPeriodic(heartbeatMillis, id -> tick());
    // Logout, token revocation, password reset or a disabled account on this node end the streams at once.
    stopListening = org.plenary.access.AuthHandler.onRevocation(new org.plenary.access.AuthHandler.RevocationListener() {
      @Override
      public void tokenRevoked(String tokenHash) {
        context.runOnContext(v -> endWhere(s -> s.tokenHash().equals(tokenHash)));
      }

      @Override
      public void accountRevoked(long accountId) {
        context.runOnContext(v -> endWhere(s -> s.accountId() == accountId));
      }
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    stopListening.run();
    if (listener != null) {
      listener.close();
    }
    List<EventStream> open = new ArrayList<>();
    feeds.values().forEach(f -> open.addAll(f.streams));
    open.forEach(EventStream::end);
    return Future.succeededFuture();
  }

  public void mount(Routes api) {
    api.get("/negotiations/:n/events").handler(this::subscribe);
  }

  /** Negotiation {@code n} has new events: re-read its feed, if this node has one. */
  void wake(long n) {
    context.runOnContext(v -> {
      Feed f = feeds.get(n);
      if (f != null) {
        refresh(f);
      }
    });
  }

  void wakeAll() {
    context.runOnContext(v -> feeds.values().forEach(this::refresh));
  }

  private void tick() {
    for (Feed f : feeds.values()) {
      refresh(f);
      f.streams.forEach(EventStream::tick);
    }
    recheck();
  }

  private void endWhere(java.util.function.Predicate<Subscriber> revoked) {
    List<EventStream> ending = new ArrayList<>();
    subscribers.forEach((stream, s) -> {
      if (revoked.test(s)) {
        ending.add(stream);
      }
    });
    ending.forEach(EventStream::end);
  }

  /**
   * Checks every open stream's token and membership again (one read per heartbeat and node): a stream whose
   * session was revoked on another node, whose account was disabled, or whose caller's role or delegation in
   * the negotiation changed, ends; its EventSource reconnects and is then judged afresh.
   */
  private void recheck() {
    if (subscribers.isEmpty()) {
      return;
    }
    Map<EventStream, Subscriber> open = new HashMap<>(subscribers);
    db.read(dsl -> {
      Map<String, Boolean> standing = new HashMap<>();
      List<EventStream> ending = new ArrayList<>();
      open.forEach((stream, s) -> {
        String key = s.tokenHash() + ":" + s.viaCookie() + ":" + s.negotiationId();
        boolean ok = standing.computeIfAbsent(key, k -> org.plenary.access.Accounts.byToken(dsl, s.tokenHash(),
            s.viaCookie()).map(p -> {
              try {
                return Membership.require(dsl, s.negotiationId(), p).equals(s.membership());
              } catch (DomainException outsider) {
                return false;
              }
            }).orElse(false));
        if (!ok) {
          ending.add(stream);
        }
      });
      return ending;
    }).onSuccess(ending -> ending.forEach(EventStream::end))
        .onFailure(e -> LOG.warn("live updates: re-checking open streams failed: {}", e.getMessage()));
  }

  private void subscribe(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    Long resume = resumePoint(ctx);
    db.read(dsl -> {
      Membership m = Membership.require(dsl, n, p);
      Long max = dsl.select(DSL.max(EVENT.ID)).from(EVENT).where(EVENT.NEGOTIATION_ID.eq(n)).fetchOne().value1();
      long head = max == null ? 0 : max;
      long lookback = lookbackFloor(dsl, n, head);
      List<Long> recent = dsl.select(EVENT.ID).from(EVENT)
          .where(EVENT.NEGOTIATION_ID.eq(n), EVENT.ID.gt(lookback), EVENT.ID.le(head)).fetch(EVENT.ID);
      return new Start(m, head, lookback, recent, resume == null ? head : lookbackFloor(dsl, n, resume),
          groupsOf(dsl, m), guestStagesOf(dsl, m));
    }).onSuccess(start -> open(ctx, n, p, start, resume)).onFailure(ctx::fail);
  }

  /**
   * Where to replay from to resume after event {@code id} without losing an event that committed late: the
   * highest id appended {@link #LATE_COMMIT} before it ({@code id} itself when it is not an event here).
   */
  private static long lookbackFloor(org.jooq.DSLContext dsl, long n, long id) {
    java.time.OffsetDateTime at = dsl.select(EVENT.CREATED_AT).from(EVENT)
        .where(EVENT.ID.eq(id).and(EVENT.NEGOTIATION_ID.eq(n))).fetchOne(EVENT.CREATED_AT);
    if (at == null) {
      return id;
    }
    Long floor = dsl.select(DSL.max(EVENT.ID)).from(EVENT)
        .where(EVENT.NEGOTIATION_ID.eq(n), EVENT.ID.lt(id), EVENT.CREATED_AT.lt(at.minus(LATE_COMMIT)))
        .fetchOne().value1();
    return floor == null ? 0 : floor;
  }

  /** {@code Last-Event-ID} (sent by EventSource when it reconnects) wins over {@code ?since=}. */
  private static Long resumePoint(RoutingContext ctx) {
    String header = ctx.request().getHeader("Last-Event-ID");
    if (header != null && !header.isBlank()) {
      return eventId("Last-Event-ID", header);
    }
    String since = ctx.queryParams().get("since");
    return since == null ? null : eventId("since", since);
  }

  private static long eventId(String field, String raw) {
    try {
      long id = Long.parseLong(raw.strip());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through to the problem
    }
    throw Problem.invalid(field, "must be an event id (a whole number ≥ 0), got '" + raw + "'");
  }

  private void open(RoutingContext ctx, long n, Principal p, Start start, Long resume) {
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      return;
    }
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        // "identity" keeps compression off, so no encoder buffers an event; proxies must not buffer either.
        .putHeader("Content-Encoding", "identity")
        .putHeader("X-Accel-Buffering", "no");
    response.write(Buffer.buffer("retry: 2000\n: connected\n\n"));
    Context own = Vertx.currentContext();
    Executor onOwn = task -> own.runOnContext(v -> task.run());
    HttpConnection connection = ctx.request().connection();
    EventVisibility.Viewer viewer = new EventVisibility.Viewer(p.accountId(), start.membership().role(),
        start.membership().delegation(), start.groups(), start.guestOf());
    EventStream stream = new EventStream(viewer, start.resumeFloor(), sink(response),
        (after, limit) -> db.read(dsl -> LiveEvent.all(AuditLog.since(dsl, n, after, limit), unpublished(dsl, n))),
        onOwn);
    response.closeHandler(v -> stream.closed());
    response.exceptionHandler(e -> stream.closed());
    if (connection != null) {
      connection.shutdownHandler(v -> stream.end());
    }
    context.runOnContext(v -> {
      Feed f = feeds.get(n);
      boolean created = f == null;
      if (created) {
        f = new Feed(n, start.lookback(), start.head());
        // What had committed before the first subscriber came is history (its replay's business), not news.
        f.taken.addAll(start.recent());
        feeds.put(n, f);
      }
      Feed feed = f;
      feed.streams.add(stream);
      if (subscribers.put(stream, new Subscriber(n, p.tokenHash(), p.viaCookie(), p.accountId(),
          start.membership())) == null) {
        open.incrementAndGet();
      }
      stream.attach(() -> feed.window, feed.window.toSeq(), () -> context.runOnContext(x -> unsubscribe(feed, stream)));
      if (created) {
        refresh(feed);
      }
    });
  }

  /**
   * The groups whose private stages this member takes part in as a member: those of its delegation, for
   * delegates only (the chair and observers never see a group's stage, whatever their delegation).
   */
  private static Set<String> groupsOf(org.jooq.DSLContext dsl, Membership m) {
    if (m.delegation() == null || m.role() != org.plenary.access.Role.DELEGATE) {
      return Set.of();
    }
    return new HashSet<>(dsl.select(DELEGATION_MEMBER.GROUP_CODE).from(DELEGATION_MEMBER)
        .where(DELEGATION_MEMBER.MEMBER_CODE.eq(m.delegation())).fetch(DELEGATION_MEMBER.GROUP_CODE));
  }

  /** The group stages of this negotiation this member's delegation is invited to as a guest. */
  private static Set<Long> guestStagesOf(org.jooq.DSLContext dsl, Membership m) {
    if (m.delegation() == null || m.role() != org.plenary.access.Role.DELEGATE) {
      return Set.of();
    }
    return new HashSet<>(dsl.select(GROUP_STAGE_GUEST.STAGE_ID).from(GROUP_STAGE_GUEST).join(GROUP_STAGE)
        .on(GROUP_STAGE.ID.eq(GROUP_STAGE_GUEST.STAGE_ID))
        .where(GROUP_STAGE.NEGOTIATION_ID.eq(m.negotiationId()), GROUP_STAGE_GUEST.DELEGATION_CODE.eq(m.delegation()))
        .fetch(GROUP_STAGE_GUEST.STAGE_ID));
  }

  /**
   * The negotiation's revisions that are not published, read with the events: an event about one of them is
   * the chair's (see {@link EventVisibility}). Read after the events: a revision created unpublished before
   * the events were read is in the set (its state commits with its event), so nothing of it leaks; one
   * published in between is shown, as it is public by then.
   */
  private static Set<Long> unpublished(org.jooq.DSLContext dsl, long n) {
    return new java.util.HashSet<>(dsl.select(REVISION.ID).from(REVISION)
        .where(REVISION.NEGOTIATION_ID.eq(n).and(REVISION.STATE.eq("editing"))).fetch(REVISION.ID));
  }

  private void unsubscribe(Feed f, EventStream stream) {
    f.streams.remove(stream);
    if (subscribers.remove(stream) != null) {
      open.decrementAndGet();
    }
    if (f.streams.isEmpty() && feeds.get(f.negotiationId) == f) {
      feeds.remove(f.negotiationId);
    }
  }

  /**
   * One read of the table per wake-up and node, however many subscribers; wake-ups during a read coalesce.
   * It takes the ids above the feed's floor not taken yet, which includes events that committed late.
   */
  private void refresh(Feed f) {
    if (f.reading) {
      f.dirty = true;
      return;
    }
    f.reading = true;
    f.dirty = false;
    long floor = f.floor(System.nanoTime());
    Set<Long> taken = f.taken;
    db.read(dsl -> {
      List<Long> fresh = new ArrayList<>();
      for (Long id : dsl.select(EVENT.ID).from(EVENT)
          .where(EVENT.NEGOTIATION_ID.eq(f.negotiationId).and(EVENT.ID.gt(floor)))
          .orderBy(EVENT.ID).fetch(EVENT.ID)) {
        if (!taken.contains(id)) {
          fresh.add(id);
        }
      }
      List<Long> now = fresh.size() > PAGE ? fresh.subList(0, PAGE) : fresh;
      List<AuditLog.Event> read = now.isEmpty() ? List.of() : dsl.selectFrom(EVENT).where(EVENT.ID.in(now))
          .orderBy(EVENT.ID)
          .fetch(r -> new AuditLog.Event(r.getId(), r.getNegotiationId(), r.getAccountId(),
              r.getDelegationCode(), r.getType(), r.getSubject(), r.getPayload(), r.getCreatedAt()));
      List<LiveEvent> events = read.isEmpty() ? List.of() : LiveEvent.all(read, unpublished(dsl, f.negotiationId));
      return new Read(events, fresh.size() > PAGE);
    }).onComplete(ar -> {
      f.reading = false;
      if (ar.failed()) {
        LOG.warn("live updates: reading events of negotiation {} failed: {}", f.negotiationId,
            ar.cause().getMessage());
        return;
      }
      List<LiveEvent> got = ar.result().events();
      for (LiveEvent e : got) {
        f.taken.add(e.id());
        f.highest = Math.max(f.highest, e.id());
      }
      if (!got.isEmpty()) {
        f.history.add(new long[] {System.nanoTime(), f.highest});
      }
      f.taken.removeIf(id -> id <= floor);
      f.window = f.window.advance(got, KEEP, floor);
      if (!got.isEmpty()) {
        f.streams.forEach(EventStream::wake);
      }
      if (ar.result().more()) {
        f.dirty = true;
      }
      if (f.dirty && feeds.get(f.negotiationId) == f) {
        refresh(f);
      }
    });
  }

  private static EventStream.Sink sink(HttpServerResponse response) {
    return new EventStream.Sink() {
      @Override
      public void write(Buffer frame) {
        if (!response.closed()) {
          response.write(frame);
        }
      }

      @Override
      public boolean full() {
        return response.writeQueueFull();
      }

      @Override
      public void onDrain(Runnable then) {
        response.drainHandler(v -> then.run());
      }

      @Override
      public void end() {
        if (!response.closed() && !response.ended()) {
          response.end();
        }
      }

      @Override
      public void drop() {
        response.reset();
      }
    };
  }
}
