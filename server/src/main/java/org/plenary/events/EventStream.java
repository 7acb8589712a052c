package org.plenary.events;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One subscriber's Server-Sent Events stream. It holds no queue of its own, only positions: first it
 * replays from the event table the events after its resume point (page by page), then it follows the
 * node's shared {@link Window} by arrival number, skipping what the replay already sent.
 *
 * <p>The SSE {@code id:} of each frame is the highest event id this stream has sent so far (an event that
 * committed late, with a lower id, keeps it), so {@code Last-Event-ID} is a resume point; see
 * {@link LiveUpdates} for how a resume looks back for late events.
 *
 * <p>Backpressure: when the connection's write queue is full the stream stops writing and waits for it
 * to drain, then continues from its position; memory per slow client is bounded by the write queue and
 * one page. A client that does not drain for {@link #STALL_TICKS} heartbeats, or falls so far behind that
 * the shared window no longer holds what it has not sent, is dropped; its EventSource reconnects with
 * Last-Event-ID and loses nothing.
 *
 * <p>All methods run on the stream's own event loop ({@code own}); {@link #wake}, {@link #tick} and
 * {@link #end} may be called from anywhere.
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

  /** Events of the negotiation after an id, in id order, at most {@code limit}. */
  interface Replay {
    Future<List<LiveEvent>> after(long afterId, int limit);
  }

  private final EventVisibility.Viewer viewer;
  private final Sink sink;
  private final Replay replay;
  private final Executor own;
  private volatile Supplier<Window> window;
  private volatile Runnable onClose = () -> { };
  private volatile boolean closed;
  /** Replay the table after this id before following the window; null once caught up. */
  private Long replayAfter;
  /** Ids the replay sent that the window may bring again (above the window's floor). */
  private final Set<Long> replayed = new HashSet<>();
  /** Arrival number of the last window event passed. */
  private long seq;
  /** Highest event id sent: the SSE id. */
  private long highest;
  private boolean replaying;
  private boolean awaitingDrain;
  private int stalledTicks;

  /** A stream that first replays the events after {@code replayAfter} (its resume point). */
  EventStream(EventVisibility.Viewer viewer, long replayAfter, Sink sink, Replay replay, Executor own) {
    this.viewer = viewer;
    this.replayAfter = replayAfter;
    this.highest = replayAfter;
    this.sink = sink;
    this.replay = replay;
    this.own = own;
  }

  /**
   * Connects the stream to its feed's window; it follows the events arriving after {@code startSeq}. From
   * now on {@link #wake} delivers.
   */
  void attach(Supplier<Window> source, long startSeq, Runnable whenClosed) {
    own.execute(() -> {
      this.seq = startSeq;
      this.onClose = whenClosed;
      this.window = source;
      if (closed) {
        // The client left before the feed took it in: unsubscribe now (unsubscribing twice is harmless).
        whenClosed.run();
      } else {
        pump();
      }
    });
  }

  long highestSent() {
    return highest;
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
    if (replayAfter != null) {
      replayPage(source);
      return;
    }
    Window w = source.get();
    if (seq < w.fromSeq()) {
      drop();
      return;
    }
    if (!replayed.isEmpty()) {
      replayed.removeIf(id -> id <= w.floor());
    }
    List<LiveEvent> events = w.events();
    for (int i = (int) (seq - w.fromSeq()); i < events.size(); i++) {
      LiveEvent e = events.get(i);
      seq++;
      if (!replayed.remove(e.id())) {
        send(e);
      }
      if (sink.full()) {
        awaitDrain();
        return;
      }
    }
  }

  private void replayPage(Supplier<Window> source) {
    replaying = true;
    replay.after(replayAfter, PAGE).onComplete(ar -> {
      replaying = false;
      if (closed) {
        return;
      }
      if (ar.failed()) {
        drop();
        return;
      }
      List<LiveEvent> page = ar.result();
      long floor = source.get().floor();
      for (LiveEvent e : page) {
        send(e);
        if (e.id() > floor) {
          replayed.add(e.id());
        }
        replayAfter = e.id();
      }
      if (page.size() < PAGE) {
        replayAfter = null;
      }
      pump();
    });
  }

  private void send(LiveEvent e) {
    Buffer frame = e.frameFor(viewer);
    if (frame == null) {
      return;
    }
    if (e.id() >= highest) {
      highest = e.id();
      sink.write(frame);
    } else {
      sink.write(LiveEvent.withId(frame, highest));
    }
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
