package org.plenary.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.access.Role;
import org.plenary.http.Json;

@DisplayName("One subscriber's stream: cursor, replay and backpressure")
class EventStreamTest {
  static final EventVisibility.Viewer EGYPT = new EventVisibility.Viewer(3, Role.DELEGATE, "EGY");

  /** A connection whose write queue holds {@code capacity} frames until the test drains it. */
  static final class FakeSink implements EventStream.Sink {
    final int capacity;
    final List<String> queued = new ArrayList<>();
    final List<String> delivered = new ArrayList<>();
    Runnable drain;
    boolean ended;
    boolean dropped;

    FakeSink(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public void write(Buffer frame) {
      queued.add(frame.toString());
    }

    @Override
    public boolean full() {
      return queued.size() >= capacity;
    }

    @Override
    public void onDrain(Runnable then) {
      drain = then;
    }

    @Override
    public void end() {
      ended = true;
    }

    @Override
    public void drop() {
      dropped = true;
    }

    void drainAll() {
      delivered.addAll(queued);
      queued.clear();
      Runnable d = drain;
      drain = null;
      if (d != null) {
        d.run();
      }
    }

    List<Long> ids() {
      List<String> all = new ArrayList<>(delivered);
      all.addAll(queued);
      return all.stream().filter(f -> f.startsWith("id: "))
          .map(f -> Long.parseLong(f.substring(4, f.indexOf('\n')))).toList();
    }
  }

  static LiveEvent event(long id, Map<String, Object> payload) {
    return LiveEvent.of(new AuditLog.Event(id, 1L, 1L, null, "participant.added", "account:" + id,
        Json.string(payload), OffsetDateTime.of(2026, 12, 1, 8, 0, 0, 0, ZoneOffset.UTC)));
  }

  static List<LiveEvent> events(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(i -> event(i, Map.of("delegation", "EGY"))).toList();
  }

  @Test
  @DisplayName("a slow client holds at most its write queue: the stream pauses, then resumes from its cursor")
  void pausesWhenTheQueueIsFull() {
    FakeSink sink = new FakeSink(3);
    Window window = Window.empty(0).advance(events(1, 10), 512);
    EventStream s = new EventStream(EGYPT, 0, sink, (after, limit) -> Future.failedFuture("no replay"), Runnable::run);
    s.attach(() -> window, () -> { });
    s.wake();
    assertThat(sink.queued).hasSize(3);
    assertThat(s.cursor()).isEqualTo(3);
    s.wake();
    assertThat(sink.queued).as("nothing more while full").hasSize(3);
    sink.drainAll();
    sink.drainAll();
    sink.drainAll();
    sink.drainAll();
    assertThat(sink.ids()).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
    assertThat(s.cursor()).isEqualTo(10);
  }

  @Test
  @DisplayName("a client that stays stalled for two heartbeats is dropped (it resumes with Last-Event-ID)")
  void dropsAStalledClient() {
    FakeSink sink = new FakeSink(2);
    Window window = Window.empty(0).advance(events(1, 5), 512);
    List<String> closed = new ArrayList<>();
    EventStream s = new EventStream(EGYPT, 0, sink, (after, limit) -> Future.failedFuture("no replay"), Runnable::run);
    s.attach(() -> window, () -> closed.add("closed"));
    s.wake();
    s.tick();
    assertThat(sink.dropped).isFalse();
    s.tick();
    assertThat(sink.dropped).isTrue();
    assertThat(closed).containsExactly("closed");
  }

  @Test
  @DisplayName("a cursor older than the shared window is served from the table page by page, then from the window")
  void replaysFromTheTable() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    List<LiveEvent> table = events(1, 450);
    Window window = Window.empty(0).advance(table, 100);
    assertThat(window.from()).isEqualTo(350);
    List<Long> reads = new ArrayList<>();
    EventStream s = new EventStream(EGYPT, 0, sink, (after, limit) -> {
      reads.add(after);
      return Future.succeededFuture(table.stream().filter(e -> e.id() > after).limit(limit).toList());
    }, Runnable::run);
    s.attach(() -> window, () -> { });
    s.wake();
    assertThat(reads).containsExactly(0L, 200L);
    assertThat(sink.ids()).containsExactlyElementsOf(LongStream.rangeClosed(1, 450).boxed().toList());
    assertThat(s.cursor()).isEqualTo(450);
  }

  @Test
  @DisplayName("events the viewer may not see advance the cursor without being written")
  void skipsHiddenEvents() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    LiveEvent hidden = event(2, Map.of("audience", List.of("SAU")));
    Window window = Window.empty(0).advance(List.of(event(1, Map.of()), hidden, event(3, Map.of())), 512);
    EventStream s = new EventStream(EGYPT, 0, sink, (after, limit) -> Future.failedFuture("no replay"), Runnable::run);
    s.attach(() -> window, () -> { });
    s.wake();
    assertThat(sink.ids()).containsExactly(1L, 3L);
    assertThat(s.cursor()).isEqualTo(3);
  }

  @Test
  @DisplayName("a client that leaves before its feed takes it in is unsubscribed all the same")
  void leavesBeforeAttach() {
    FakeSink sink = new FakeSink(10);
    EventStream s = new EventStream(EGYPT, 0, sink, (after, limit) -> Future.failedFuture("no replay"), Runnable::run);
    s.closed();
    List<String> closed = new ArrayList<>();
    s.attach(() -> Window.empty(0), () -> closed.add("unsubscribed"));
    assertThat(closed).containsExactly("unsubscribed");
  }
}
