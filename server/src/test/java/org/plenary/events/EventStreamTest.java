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
import org.plenary.audit.AuditLog;
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

  /** Data ids of the frames written, in order. */
  static List<Long> dataIds(FakeSink sink) {
    List<String> all = new ArrayList<>(sink.delivered);
    all.addAll(sink.queued);
    return all.stream().filter(f -> f.startsWith("id: "))
        .map(f -> Long.parseLong(f.replaceAll("(?s).*data: \\{\"id\":(\\d+).*", "$1"))).toList();
  }

  static EventStream.Replay noReplay() {
    return (after, limit) -> Future.succeededFuture(List.of());
  }

  @Test
  @DisplayName("a slow client holds at most its write queue: the stream pauses, then resumes from its position")
  void pausesWhenTheQueueIsFull() {
    FakeSink sink = new FakeSink(3);
    Window window = Window.empty(0).advance(events(1, 10), 512, 0);
    EventStream s = new EventStream(EGYPT, 0, sink, noReplay(), Runnable::run);
    s.attach(() -> window, 0, () -> { });
    assertThat(sink.queued).hasSize(3);
    s.wake();
    assertThat(sink.queued).as("nothing more while full").hasSize(3);
    for (int i = 0; i < 4; i++) {
      sink.drainAll();
    }
    assertThat(sink.ids()).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
    assertThat(s.highestSent()).isEqualTo(10);
  }

  @Test
  @DisplayName("a client that stays stalled for two heartbeats is dropped (it resumes with Last-Event-ID)")
  void dropsAStalledClient() {
    FakeSink sink = new FakeSink(2);
    Window window = Window.empty(0).advance(events(1, 5), 512, 0);
    List<String> closed = new ArrayList<>();
    EventStream s = new EventStream(EGYPT, 0, sink, noReplay(), Runnable::run);
    s.attach(() -> window, 0, () -> closed.add("closed"));
    s.tick();
    assertThat(sink.dropped).isFalse();
    s.tick();
    assertThat(sink.dropped).isTrue();
    assertThat(closed).containsExactly("closed");
  }

  @Test
  @DisplayName("a client the shared window has left behind is dropped, to resume from the table")
  void dropsAClientBehindTheWindow() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    Window[] window = {Window.empty(0)};
    EventStream s = new EventStream(EGYPT, 0, sink, noReplay(), Runnable::run);
    s.attach(() -> window[0], 0, () -> { });
    window[0] = window[0].advance(events(1, 300), 100, 0);
    assertThat(window[0].fromSeq()).isEqualTo(200);
    s.wake();
    assertThat(sink.dropped).isTrue();
    assertThat(sink.ids()).isEmpty();
  }

  @Test
  @DisplayName("a resume replays the table page by page, then follows the window without sending anything twice")
  void replaysThenFollows() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    List<LiveEvent> table = events(1, 450);
    // The feed has already taken events 401..450 when this stream attaches; 451 and 452 arrive later.
    Window[] window = {Window.empty(400).advance(table.subList(400, 450), 2048, 400)};
    List<Long> reads = new ArrayList<>();
    EventStream s = new EventStream(EGYPT, 0, sink, (after, limit) -> {
      reads.add(after);
      return Future.succeededFuture(table.stream().filter(e -> e.id() > after).limit(limit).toList());
    }, Runnable::run);
    s.attach(() -> window[0], window[0].toSeq(), () -> { });
    assertThat(reads).containsExactly(0L, 200L, 400L);
    window[0] = window[0].advance(events(451, 452), 2048, 400);
    s.wake();
    assertThat(sink.ids()).containsExactlyElementsOf(LongStream.rangeClosed(1, 452).boxed().toList());
  }

  @Test
  @DisplayName("an event that committed late (lower id, arriving after a higher one) is sent once, under the highest id")
  void lateCommits() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    Window[] window = {Window.empty(0).advance(List.of(event(1, Map.of()), event(3, Map.of())), 512, 0)};
    EventStream s = new EventStream(EGYPT, 0, sink, noReplay(), Runnable::run);
    s.attach(() -> window[0], 0, () -> { });
    window[0] = window[0].advance(List.of(event(2, Map.of())), 512, 0);
    s.wake();
    s.wake();
    assertThat(dataIds(sink)).containsExactly(1L, 3L, 2L);
    assertThat(sink.ids()).as("SSE ids: a resume point, never going back").containsExactly(1L, 3L, 3L);
  }

  @Test
  @DisplayName("events the viewer may not see are not written")
  void skipsHiddenEvents() {
    FakeSink sink = new FakeSink(Integer.MAX_VALUE);
    LiveEvent hidden = event(2, Map.of("audience", List.of("SAU")));
    Window window = Window.empty(0).advance(List.of(event(1, Map.of()), hidden, event(3, Map.of())), 512, 0);
    EventStream s = new EventStream(EGYPT, 0, sink, noReplay(), Runnable::run);
    s.attach(() -> window, 0, () -> { });
    assertThat(sink.ids()).containsExactly(1L, 3L);
  }

  @Test
  @DisplayName("a client that leaves before its feed takes it in is unsubscribed all the same")
  void leavesBeforeAttach() {
    FakeSink sink = new FakeSink(10);
    EventStream s = new EventStream(EGYPT, 0, sink, noReplay(), Runnable::run);
    s.closed();
    List<String> closed = new ArrayList<>();
    s.attach(() -> Window.empty(0), 0, () -> closed.add("unsubscribed"));
    assertThat(closed).containsExactly("unsubscribed");
  }
}
