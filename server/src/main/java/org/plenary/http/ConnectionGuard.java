package org.plenary.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps idle and slow clients from holding the server's file descriptors: at most {@code maxConnections}
 * open connections (one more is closed as soon as it is accepted), and a connection must deliver a request's
 * headers within {@code headerMillis} of opening, and the next request's within {@code keepAliveMillis} of the
 * previous response. Vert.x's own idle timeout closes connections on which nothing moves at all; this guard
 * also closes those that trickle a byte now and then (slowloris).
 *
 * <pre>
 *   ConnectionGuard guard = new ConnectionGuard(vertx, 10_000, 10_000, 60_000);
 *   server.connectionHandler(guard::opened).requestHandler(guard.wrap(router));
 * </pre>
 */
public final class ConnectionGuard {
  private final Vertx vertx;
  private final int maxConnections;
  private final long headerMillis;
  private final long keepAliveMillis;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final Map<HttpConnection, State> states = new ConcurrentHashMap<>();

  /** A connection's requests in flight and its pending deadline for the next request's headers (a timer id). */
  private static final class State {
    int inFlight;
    long timer = -1;
  }

  public ConnectionGuard(Vertx vertx, int maxConnections, long headerMillis, long keepAliveMillis) {
    if (maxConnections < 1 || headerMillis < 1 || keepAliveMillis < 1) {
      throw new IllegalArgumentException("connection limits must be positive");
    }
    this.vertx = vertx;
    this.maxConnections = maxConnections;
    this.headerMillis = headerMillis;
    this.keepAliveMillis = keepAliveMillis;
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
    states.put(connection, state);
    connection.closeHandler(v -> {
      open.decrementAndGet();
      State s = states.remove(connection);
      if (s != null) {
        synchronized (s) {
          cancel(s);
        }
      }
    });
    synchronized (state) {
      expectRequest(connection, state, headerMillis);
    }
  }

  /** The request handler, behind which each request holds off its connection's header deadline. */
  public Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
    return request -> {
      HttpConnection connection = request.connection();
      State state = connection == null ? null : states.get(connection);
      if (state != null) {
        synchronized (state) {
          state.inFlight++;
          cancel(state);
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Handler<Void> finished = v -> {
          if (done.compareAndSet(false, true)) {
            finished(connection, state);
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

  private void finished(HttpConnection connection, State state) {
    synchronized (state) {
      if (state.inFlight > 0 && --state.inFlight == 0 && states.get(connection) == state) {
        expectRequest(connection, state, keepAliveMillis);
      }
    }
  }

  private void expectRequest(HttpConnection connection, State state, long millis) {
    cancel(state);
    state.timer = vertx.setTimer(millis, id -> {
      synchronized (state) {
        if (state.timer != id) {
          return;
        }
        state.timer = -1;
      }
      connection.close();
    });
  }

  private void cancel(State state) {
    if (state.timer >= 0) {
      vertx.cancelTimer(state.timer);
      state.timer = -1;
    }
  }
}
