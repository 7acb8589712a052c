package org.plenary.events;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One subscriber's Server-Sent Events stream. It pulls from a cursor (the id of the last event it has
 * passed), so it holds no queue of its own: new events come from the node's shared {@link Window}, older
 * ones (a resume with Last-Event-ID, or a subscriber that fell behind) page by page from the event table.
 *
 * <p>Backpressure: when the connection's write queue is full the stream stops writing and waits for it
 * to drain, then continues from its cursor; memory per slow client is bounded by the write queue and
 * one page. A client that does not drain for {@link #STALL_TICKS} heartbeats is dropped; its
 * EventSource reconnects with Last-Event-ID and loses nothing.
 *
 * <p>All methods run on the stream's own event loop ({@code own}); {@link #wake} and {@link #tick} may be
 * called from anywhere.
 */
final class EventStream {
  static final int PAGE = 200;
  static final int STALL_TICKS = 2;

  /** Where the frames go: the HTTP response, or a fake in tests. */
  interface Sink {
    void write(Buffer frame);

    boolean full();

    void onDrain(Runnable then);

    /** Ends the stream normally (server shutdown). */
    void end();

    /** Cuts the connection (a stalled client). */
    void drop();
  }

  /** Events of the negotiation after an id, oldest first, at most {@code limit}. */
  interface Replay {
    Future<List<LiveEvent>> after(long afterId, int limit);
  }

  private final EventVisibility.Viewer viewer;
  private final Sink sink;
  private final Replay replay;
  private final Executor own;
  private volatile Supplier<Window> window;
  private volatile Runnable onClose = () -> { };
  private long cursor;
  private boolean replaying;
  private boolean awaitingDrain;
  private volatile boolean closed;
  private int stalledTicks;

  EventStream(EventVisibility.Viewer viewer, long cursor, Sink sink, Replay replay, Executor own) {
    this.viewer = viewer;
    this.cursor = cursor;
    this.sink = sink;
    this.replay = replay;
    this.own = own;
  }

  /** Connects the stream to its feed's window; from now on {@link #wake} delivers. */
  void attach(Supplier<Window> source, Runnable whenClosed) {
    this.onClose = whenClosed;
    this.window = source;
    if (closed) {
      // The client left before the feed took it in: unsubscribe now (unsubscribing twice is harmless).
      whenClosed.run();
    }
  }

  long cursor() {
    return cursor;
  }

  /** New events may be there. */
  void wake() {
    own.execute(this::pump);
  }

  /** Heartbeat: a comment when the connection drains, a drop when it has stalled for too long. */
  void tick() {
    own.execute(() -> {
      if (closed) {
        return;
      }
      if (sink.full()) {
        if (++stalledTicks >= STALL_TICKS) {
          drop();
        }
        return;
      }
      stalledTicks = 0;
      sink.write(LiveEvent.comment("heartbeat"));
    });
  }

  /** Server shutdown: end the response normally. */
  void end() {
    own.execute(() -> {
      if (!closed) {
        sink.end();
        closed();
      }
    });
  }

  /** The client went away (or the stream ended): stop and unsubscribe. */
  void closed() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }

  private void drop() {
    sink.drop();
    closed();
  }

  private void pump() {
    Supplier<Window> source = window;
    if (closed || replaying || source == null) {
      return;
    }
    if (sink.full()) {
      awaitDrain();
      return;
    }
    Window w = source.get();
    if (cursor >= w.from()) {
      List<LiveEvent> events = w.events();
      for (int i = firstAfter(events, cursor); i < events.size(); i++) {
        send(events.get(i));
        if (sink.full()) {
          awaitDrain();
          return;
        }
      }
      cursor = Math.max(cursor, w.to());
      return;
    }
    // Behind the shared window: read the table. Everything up to w.to() had committed before this read,
    // so a short page means the stream has caught up to at least there.
    replaying = true;
    long known = w.to();
    replay.after(cursor, PAGE).onComplete(ar -> {
      replaying = false;
      if (closed) {
        return;
      }
      if (ar.failed()) {
        drop();
        return;
      }
      List<LiveEvent> page = ar.result();
      page.forEach(this::send);
      if (page.size() < PAGE) {
        cursor = Math.max(cursor, known);
      }
      pump();
    });
  }

  /** Index of the first event with an id above {@code cursor} (ids ascend; a live stream is near the end). */
  private static int firstAfter(List<LiveEvent> events, long cursor) {
    int i = events.size();
    while (i > 0 && events.get(i - 1).id() > cursor) {
      i--;
    }
    return i;
  }

  private void send(LiveEvent e) {
    Buffer frame = e.frameFor(viewer);
    if (frame != null) {
      sink.write(frame);
    }
    cursor = e.id();
  }

  private void awaitDrain() {
    if (!awaitingDrain) {
      awaitingDrain = true;
      sink.onDrain(() -> {
        awaitingDrain = false;
        stalledTicks = 0;
        pump();
      });
    }
  }
}
