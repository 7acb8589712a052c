package org.plenary.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.plenary.store.Database;

/**
 * What {@code GET /health} answers: the process is up and the database answered a {@code select 1} at most
 * {@link #MAX_AGE_MILLIS} ago. The answer is kept as ready bytes, so a load balancer polling hard costs no
 * query and no worker hop; when it is older, the next request runs one probe, and every request arriving
 * meanwhile waits for that same probe (never more than one at a time). Shared by the HTTP server's instances.
 */
public final class HealthProbe {
  /** How old an answer may be and still be given. */
  public static final long MAX_AGE_MILLIS = 1000;

  /** One probe's answer: its status code and body as sent. */
  public record Result(int status, Buffer body, long atNanos) {
    void send(RoutingContext ctx) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("Cache-Control", "no-store").end(body);
    }
  }

  private final Database db;
  private final LongSupplier nanos;
  private final long maxAgeNanos;
  private volatile Result last;
  private final AtomicReference<Future<Result>> running = new AtomicReference<>();

  public HealthProbe(Database db) {
    this(db, MAX_AGE_MILLIS, System::nanoTime);
  }

  HealthProbe(Database db, long maxAgeMillis, LongSupplier nanos) {
    this.db = db;
    this.maxAgeNanos = maxAgeMillis * 1_000_000L;
    this.nanos = nanos;
  }

  Database database() {
    return db;
  }

  /** The last answer while it is recent enough, else null (then {@link #probe}). */
  public Result fresh() {
    Result r = last;
    return r != null && nanos.getAsLong() - r.atNanos() < maxAgeNanos ? r : null;
  }

  /** The probe now running, or a new one; it never fails (a database that does not answer gives a 503). */
  public Future<Result> probe() {
    Future<Result> current = running.get();
    if (current != null) {
      return current;
    }
    Promise<Result> promise = Promise.promise();
    if (!running.compareAndSet(null, promise.future())) {
      Future<Result> other = running.get();
      return other != null ? other : probe();
    }
    Future<Integer> asked;
    try {
      asked = db.ping();
    } catch (RuntimeException e) {
      asked = Future.failedFuture(e);
    }
    asked.onComplete(ar -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", ar.succeeded() ? "UP" : "DOWN");
      body.put("database", db.isPostgres() ? "postgresql" : "h2");
      if (ar.failed()) {
        body.put("detail", "the database does not answer");
      }
      Result result = new Result(ar.succeeded() ? 200 : 503, Buffer.buffer(Json.bytes(body)), nanos.getAsLong());
      if (ar.succeeded()) {
        last = result; // a failure is not kept: the next request asks again
      }
      running.set(null);
      promise.complete(result);
    });
    return promise.future();
  }
}
