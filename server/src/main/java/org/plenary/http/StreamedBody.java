package org.plenary.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A large response body (an export of thousands of proposals, megabytes) sent while it is written, from a worker
 * thread, instead of being built whole in memory first: the client receives the first bytes while the rest is
 * still being rendered, and the server never holds the whole body. Bytes go out in chunks of 64 KB; when the
 * connection's write queue is full (a slow client) the writer waits for it to drain (back-pressure), and stops
 * with an {@link IOException} when the client has gone.
 *
 * <p>Errors: everything that can be refused (access, a bad parameter, a missing revision) is decided before
 * {@link #send}, and answered as problem+json by the route. A body shorter than one chunk is sent whole, with a
 * {@code Content-Length}, when its writer returns; if the writer fails before the first chunk went out, the
 * request fails as usual (problem+json 500). Only a failure after the first chunk (a bug, a client gone) resets
 * the connection: the client sees a cut response, never a complete-looking wrong one.
 *
 * <pre>
 *   ctx.response().putHeader("Content-Type", "text/html; charset=utf-8");
 *   StreamedBody.send(ctx, out -&gt; exporter.write(doc, out));
 * </pre>
 */
public final class StreamedBody extends OutputStream {
  /** Bytes gathered before a chunk is written to the connection. */
  static final int CHUNK = 64 * 1024;
  /** How long a writer waits for a full write queue to drain before giving up on the client. */
  private static final long DRAIN_SECONDS = 60;

  /** What writes the body. */
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private final HttpServerResponse response;
  private Buffer pending = Buffer.buffer(CHUNK);
  private boolean started;
  private boolean finished;

  private StreamedBody(HttpServerResponse response) {
    this.response = response;
  }

  /**
   * Runs {@code writer} on a worker thread and sends what it writes as the body of {@code ctx}'s response, whose
   * status and headers are set already; ends the response when the writer returns.
   */
  public static void send(RoutingContext ctx, Writer writer) {
    HttpServerResponse response = ctx.response();
    StreamedBody body = new StreamedBody(response);
    ctx.vertx().executeBlocking(() -> {
      writer.write(body);
      body.finish();
      return null;
    }, false).onFailure(e -> {
      if (!body.started) {
        ctx.fail(e);
      } else if (!response.ended() && !response.closed()) {
        response.reset();
      }
    });
  }

  @Override
  public void write(int b) throws IOException {
    pending.appendByte((byte) b);
    if (pending.length() >= CHUNK) {
      flushChunk();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    pending.appendBytes(b, off, len);
    if (pending.length() >= CHUNK) {
      flushChunk();
    }
  }

  private void flushChunk() throws IOException {
    if (response.closed()) {
      throw new IOException("the client closed the connection");
    }
    if (!started) {
      started = true;
      response.setChunked(true);
    }
    Buffer chunk = pending;
    pending = Buffer.buffer(CHUNK);
    Future<Void> written = response.write(chunk);
    if (response.writeQueueFull()) {
      await(written);
    }
  }

  private static void await(Future<Void> written) throws IOException {
    try {
      written.toCompletionStage().toCompletableFuture().get(DRAIN_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the client was slow to read", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the client did not read the response", e);
    }
  }

  /** Sends what is left and ends the response (whole, with its length, when nothing was sent yet). */
  private void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    if (started && response.closed()) {
      throw new IOException("the client closed the connection");
    }
    response.end(pending);
  }
}
