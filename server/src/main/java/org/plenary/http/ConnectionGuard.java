package org.plenary.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps idle and slow clients from holding the server's file descriptors: at most {@code maxConnections}
 * open connections (one more is closed as soon as it is accepted), and a connection must deliver a request's
 * headers within {@code headerMillis} of opening, and the next request's within {@code keepAliveMillis} of the
 * previous response. Vert.x's own idle timeout closes connections on which nothing moves at all; this guard
 * also closes those that trickle a byte now and then (slowloris).
 *
 * <p>The deadlines are kept as numbers on each connection and one periodic sweep per node closes the
 * connections past theirs (every quarter of the shorter timeout, at most every second): a request costs two
 * writes, not a timer set and a timer cancelled, and a deadline holds to within a quarter of its length.
 *
 * <pre>
 *   ConnectionGuard guard = new ConnectionGuard(vertx, 10_000, 10_000, 60_000);
 *   server.connectionHandler(guard::opened).requestHandler(guard.wrap(router));
 * </pre>
 */
public final class ConnectionGuard {
  private static final long MAX_SWEEP_MILLIS = 1000;
  private static final long MIN_SWEEP_MILLIS = 10;
  private final int maxConnections;
  private final long headerNanos;
  private final long keepAliveNanos;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final Map<HttpConnection, State> states = new ConcurrentHashMap<>();

  /** A connection's requests in flight, and when it must have sent the next request's headers (0: no deadline). */
  private static final class State {
    int inFlight;
    long deadline;
  }

  public ConnectionGuard(Vertx vertx, int maxConnections, long headerMillis, long keepAliveMillis) {
    if (maxConnections < 1 || headerMillis < 1 || keepAliveMillis < 1) {
      throw new IllegalArgumentException("connection limits must be positive");
    }
    this.maxConnections = maxConnections;
    this.headerNanos = TimeUnit.MILLISECONDS.toNanos(headerMillis);
    this.keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(keepAliveMillis);
    long sweep = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, Math.min(headerMillis, keepAliveMillis) / 4));
    vertx.setPeriodic(sweep, id -> sweep(System.nanoTime()));
  }

  /** For {@code HttpServer.connectionHandler}: counts the connection, or closes it when the node is full. */
  public void opened(HttpConnection connection) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      refused.incrementAndGet();
      connection.close();
      return;
    }
    State state = new State();
    state.deadline = System.nanoTime() + headerNanos;
    states.put(connection, state);
    connection.closeHandler(v -> {
      open.decrementAndGet();
      states.remove(connection);
    });
  }

  /** The request handler, behind which each request holds off its connection's header deadline. */
  public Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
    return request -> {
      HttpConnection connection = request.connection();
      State state = connection == null ? null : states.get(connection);
      if (state != null) {
        synchronized (state) {
          state.inFlight++;
          state.deadline = 0;
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Handler<Void> finished = v -> {
          if (done.compareAndSet(false, true)) {
            finished(state);
          }
        };
        request.response().closeHandler(finished);
        request.response().endHandler(finished);
      }
      next.handle(request);
    };
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  /** Connections closed at once because the node was full, since the start. */
  public int refused() {
    return refused.get();
  }

  private void finished(State state) {
    synchronized (state) {
      if (state.inFlight > 0 && --state.inFlight == 0) {
        state.deadline = System.nanoTime() + keepAliveNanos;
      }
    }
  }

  /** Closes every connection whose deadline for its next request's headers has passed. */
  private void sweep(long now) {
    states.forEach((connection, state) -> {
      boolean late;
      synchronized (state) {
        late = state.inFlight == 0 && state.deadline != 0 && now - state.deadline >= 0;
        if (late) {
          state.deadline = 0;
        }
      }
      if (late) {
        connection.close();
      }
    });
  }
}
