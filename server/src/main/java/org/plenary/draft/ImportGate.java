package org.plenary.draft;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import org.plenary.http.Problem;

/**
 * Bounds how many uploaded drafts this node parses at once. Parsing is CPU- and memory-bound; beyond the
 * bound an upload is refused at once with 503 {@code busy} and {@code Retry-After}, rather than queued
 * behind the others (a queue would only hold more uploads in memory).
 *
 * <pre>
 *   ImportGate gate = new ImportGate(2);
 *   gate.run(vertx, () -> DraftReader.read(bytes, format));   // fails with the 503 when two are running
 * </pre>
 */
public final class ImportGate {
  static final int RETRY_AFTER_SECONDS = 5;

  private final Semaphore permits;

  public ImportGate(int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("at least one import must be allowed");
    }
    this.permits = new Semaphore(maxConcurrent);
  }

  /** Runs {@code work} on a worker thread if fewer than the bound are running; otherwise a failed 503. */
  public <T> Future<T> run(Vertx vertx, Callable<T> work) {
    if (!permits.tryAcquire()) {
      return Future.failedFuture(new Problem(503, "busy", "Busy", "other drafts are being imported on this"
          + " server; try again in " + RETRY_AFTER_SECONDS + " seconds", List.of(),
          Map.of("retryAfter", RETRY_AFTER_SECONDS)));
    }
    try {
      return vertx.executeBlocking(work, false).andThen(ar -> permits.release());
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }
}
