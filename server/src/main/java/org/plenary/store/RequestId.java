package org.plenary.store;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * One id per HTTP request: the caller's {@code X-Request-Id} when it is sane (1 to 64 letters, digits,
 * {@code . _ : -}), else a fresh one; it is returned as {@code X-Request-Id}, is in every log line written
 * while the request's database work runs (MDC key {@code requestId}) and in the {@code request_id} column of
 * the audit events the request appends.
 *
 * <p>It travels on the request's Vert.x (duplicated) context, and {@code store.Database} carries it onto the
 * worker thread that runs the transaction ({@link #carried}).
 */
public final class RequestId {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Object KEY = RequestId.class;
  private static final ThreadLocal<String> ON_WORKER = new ThreadLocal<>();

  private RequestId() {}

  /** The first handler of the router: takes or makes the id, answers it, puts it on the request's context. */
  public static Handler<RoutingContext> handler() {
    return ctx -> {
      String given = ctx.request().getHeader(HEADER);
      String id = given != null && SANE.matcher(given).matches() ? given : fresh();
      ctx.response().putHeader(HEADER, id);
      Context c = Vertx.currentContext();
      if (c instanceof ContextInternal internal) {
        internal.localContextData().put(KEY, id);
      }
      ctx.next();
    };
  }

  /**
   * A random version-4 UUID. A request id names a request in the logs and the audit, it guards nothing, so it
   * comes from the thread's own generator: {@code UUID.randomUUID()} reads the shared, locked SecureRandom, a
   * few percent of a cached read's time.
   */
  static String fresh() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & ~(3L << 62)) | (1L << 63); // the IETF variant
    return new UUID(high, low).toString();
  }

  /** The id of the request being served on this thread (event loop or worker), or null. */
  public static String current() {
    String onWorker = ON_WORKER.get();
    return onWorker != null ? onWorker : of(Vertx.currentContext());
  }

  /** The id of the request whose context this is, or null. */
  public static String of(Context context) {
    return context instanceof ContextInternal internal && internal.localContextData().get(KEY) instanceof String s
        ? s : null;
  }

  /** {@code work} wrapped to run with the current request's id on whatever thread runs it (and in the MDC). */
  public static <T> Callable<T> carried(Callable<T> work) {
    String id = current();
    if (id == null) {
      return work;
    }
    return () -> {
      String outer = ON_WORKER.get();
      ON_WORKER.set(id);
      MDC.put(MDC_KEY, id);
      try {
        return work.call();
      } finally {
        if (outer == null) {
          ON_WORKER.remove();
          MDC.remove(MDC_KEY);
        } else {
          ON_WORKER.set(outer);
          MDC.put(MDC_KEY, outer);
        }
      }
    };
  }
}
