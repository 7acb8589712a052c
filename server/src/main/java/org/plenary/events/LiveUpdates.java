package org.plenary.events;

import static org.plenary.schema.Tables.EVENT;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jooq.impl.DSL;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.http.Http;
import org.plenary.http.Problem;
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
 */
public final class LiveUpdates extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);
  /** Heartbeat (and safety re-read) interval; {@code -Dplenary.sse.heartbeatMillis=…} changes it. */
  static final long DEFAULT_HEARTBEAT_MILLIS = 15_000;
  private static final int KEEP = 512;
  private static final int PAGE = 500;

  private final Database db;
  private final long heartbeatMillis;
  /** Touched only on this verticle's context. */
  private final Map<Long, Feed> feeds = new HashMap<>();
  private PgListener listener;
  private long timer = -1;

  /** The events of one negotiation as this node has read them, and its local subscribers. */
  private static final class Feed {
    final long negotiationId;
    volatile Window window;
    final Set<EventStream> streams = new HashSet<>();
    boolean reading;
    boolean dirty;

    Feed(long negotiationId, long head) {
      this.negotiationId = negotiationId;
      this.window = Window.empty(head);
    }
  }

  private record Start(Membership membership, long head) {}

  public LiveUpdates(Database db) {
    this(db, Long.getLong("plenary.sse.heartbeatMillis", DEFAULT_HEARTBEAT_MILLIS));
  }

  public LiveUpdates(Database db, long heartbeatMillis) {
    this.db = db;
    this.heartbeatMillis = heartbeatMillis;
  }

  @Override
  public Future<?> start() {
    // On PostgreSQL the NOTIFY reaches this node too, so the in-process signal is only for H2.
    db.addTransactionListener(new LiveSignal(db.isPostgres() ? n -> { } : this::wake));
    if (db.isPostgres() && db.dataSource() instanceof HikariDataSource ds) {
      listener = new PgListener(ds.getJdbcUrl(), ds.getUsername(), ds.getPassword(), this::wake, this::wakeAll)
          .start();
    }
    timer = vertx.setPeriodic(heartbeatMillis, id -> tick());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    if (listener != null) {
      listener.close();
    }
    List<EventStream> open = new ArrayList<>();
    feeds.values().forEach(f -> open.addAll(f.streams));
    open.forEach(EventStream::end);
    return Future.succeededFuture();
  }

  public void mount(Router api) {
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
  }

  private void subscribe(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    Long resume = resumePoint(ctx);
    db.read(dsl -> {
      Membership m = Membership.require(dsl, n, p);
      Long head = dsl.select(DSL.max(EVENT.ID)).from(EVENT).where(EVENT.NEGOTIATION_ID.eq(n)).fetchOne().value1();
      return new Start(m, head == null ? 0 : head);
    }).onSuccess(start -> open(ctx, n, p, start, resume)).onFailure(ctx::fail);
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
        start.membership().delegation());
    EventStream stream = new EventStream(viewer, resume != null ? resume : start.head(), sink(response),
        (after, limit) -> db.read(dsl -> LiveEvent.all(AuditLog.since(dsl, n, after, limit))), onOwn);
    response.closeHandler(v -> stream.closed());
    response.exceptionHandler(e -> stream.closed());
    if (connection != null) {
      connection.shutdownHandler(v -> stream.end());
    }
    context.runOnContext(v -> {
      Feed f = feeds.get(n);
      boolean created = f == null;
      if (created) {
        f = new Feed(n, start.head());
        feeds.put(n, f);
      }
      Feed feed = f;
      feed.streams.add(stream);
      stream.attach(() -> feed.window, () -> context.runOnContext(x -> unsubscribe(feed, stream)));
      if (created) {
        refresh(feed);
      }
      stream.wake();
    });
  }

  private void unsubscribe(Feed f, EventStream stream) {
    f.streams.remove(stream);
    if (f.streams.isEmpty() && feeds.get(f.negotiationId) == f) {
      feeds.remove(f.negotiationId);
    }
  }

  /** One read of the table per wake-up and node, however many subscribers; wake-ups during a read coalesce. */
  private void refresh(Feed f) {
    if (f.reading) {
      f.dirty = true;
      return;
    }
    f.reading = true;
    f.dirty = false;
    long after = f.window.to();
    db.read(dsl -> LiveEvent.all(AuditLog.since(dsl, f.negotiationId, after, PAGE))).onComplete(ar -> {
      f.reading = false;
      if (ar.failed()) {
        LOG.warn("live updates: reading events of negotiation {} failed: {}", f.negotiationId,
            ar.cause().getMessage());
        return;
      }
      List<LiveEvent> got = ar.result();
      if (!got.isEmpty()) {
        f.window = f.window.advance(got, KEEP);
        f.streams.forEach(EventStream::wake);
        if (got.size() == PAGE) {
          f.dirty = true;
        }
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
