package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.store.Changes.Kind;

@DisplayName("Change generations and the stamped read cache")
class ChangesTest {
  static final long N = 7;
  /** The lease the LISTEN connection renews on each answered ping (events.PgListener.LEASE_NANOS). */
  static final long LEASE_NANOS = 3_000_000_000L;

  @Test
  @DisplayName("a value read before a change and stored after it is never served (the race rule)")
  void staleStampNeverServed() {
    Changes changes = Changes.singleNode();
    StampedCache<String, String> cache = new StampedCache<>(10);
    long before = changes.content(N);          // a reader takes the generation, then reads "old"
    changes.changed(N, Kind.CONTENT);           // a writer commits and moves the generation
    cache.put("p", before, "old");              // the slow reader stores what it read
    assertThat(cache.get("p", changes.content(N))).as("stamped with a past generation").isNull();

    long now = changes.content(N);
    cache.put("p", now, "new");
    assertThat(cache.get("p", changes.content(N))).isEqualTo("new");
    // The slow reader's older entry does not replace the newer one.
    cache.put("p", before, "old");
    assertThat(cache.get("p", changes.content(N))).isEqualTo("new");
  }

  @Test
  @DisplayName("structure changes move content too; content changes leave structure; other negotiations keep theirs")
  void kinds() {
    Changes changes = Changes.singleNode();
    long s0 = changes.structure(N);
    long c0 = changes.content(N);
    long other = changes.content(N + 1);
    changes.changed(N, Kind.CONTENT);
    assertThat(changes.structure(N)).isEqualTo(s0);
    long c1 = changes.content(N);
    assertThat(c1).isNotEqualTo(c0);
    changes.changed(N, Kind.STRUCTURE);
    assertThat(changes.structure(N)).isNotEqualTo(s0);
    assertThat(changes.content(N)).isNotEqualTo(c1);
    assertThat(changes.content(N + 1)).isEqualTo(other);
  }

  @Test
  @DisplayName("everything() invalidates every negotiation's stamps at once")
  void epoch() {
    Changes changes = Changes.singleNode();
    long a = changes.structure(1);
    long b = changes.content(2);
    changes.everything();
    assertThat(changes.structure(1)).isNotEqualTo(a);
    assertThat(changes.content(2)).isNotEqualTo(b);
  }

  @Test
  @DisplayName("while the LISTEN connection is down nothing is cacheable; after it is back no older stamp is current")
  void listenerDown() {
    Changes changes = Changes.shared();
    StampedCache<String, String> cache = new StampedCache<>(10);
    assertThat(changes.structure(N)).as("before the first connection").isEqualTo(Changes.UNCACHEABLE);
    cache.put("k", changes.structure(N), "never stored");
    assertThat(cache.size()).isZero();

    changes.listening(true);
    changes.renew(LEASE_NANOS); // the listener's first ping answered
    long stamp = changes.content(N);
    assertThat(stamp).isNotEqualTo(Changes.UNCACHEABLE);
    cache.put("k", stamp, "read while listening");
    assertThat(cache.get("k", changes.content(N))).isEqualTo("read while listening");

    changes.listening(false);
    assertThat(changes.content(N)).isEqualTo(Changes.UNCACHEABLE);
    assertThat(cache.get("k", changes.content(N))).isNull();
    changes.listening(true); // notifications sent meanwhile are lost: the entry must not come back
    changes.renew(LEASE_NANOS);
    assertThat(cache.get("k", changes.content(N))).isNull();
  }

  @Test
  @DisplayName("proposal.* events are content, all others structure; NOTIFY payloads round-trip, old ones read as structure")
  void classesAndPayloads() {
    assertThat(Kind.of("proposal.created")).isEqualTo(Kind.CONTENT);
    assertThat(Kind.of("proposal.cosponsor-accepted")).isEqualTo(Kind.CONTENT);
    assertThat(Kind.of("participant.added")).isEqualTo(Kind.STRUCTURE);
    assertThat(Kind.of("revision.comment-window")).isEqualTo(Kind.STRUCTURE);
    assertThat(Kind.of(null)).isEqualTo(Kind.STRUCTURE);
    assertThat(Changes.payload(42, Kind.CONTENT)).isEqualTo("42:c");
    assertThat(Changes.payload(42, Kind.STRUCTURE)).isEqualTo("42");
    assertThat(Changes.parse("42:c")).isEqualTo(new Changes.Signal(42, Kind.CONTENT));
    assertThat(Changes.parse("42")).isEqualTo(new Changes.Signal(42, Kind.STRUCTURE));
    assertThat(Changes.parse("x")).isNull();
    assertThat(Changes.parse(":c")).isNull();
    assertThat(Changes.parse(null)).isNull();
    // a refused request is recorded, and wakes the feeds, but changes nothing that is cached
    assertThat(Kind.of("access.denied")).isEqualTo(Kind.RECORD);
    assertThat(Changes.payload(42, Kind.RECORD)).isEqualTo("42:r");
    assertThat(Changes.parse("42:r")).isEqualTo(new Changes.Signal(42, Kind.RECORD));
    assertThat(Kind.wider(Kind.RECORD, Kind.CONTENT)).isEqualTo(Kind.CONTENT);
    assertThat(Kind.wider(Kind.STRUCTURE, Kind.RECORD)).isEqualTo(Kind.STRUCTURE);
  }

  @Test
  @DisplayName("shared generations are trusted only while the listener's lease runs; a late renewal moves them all")
  void lease() {
    long[] now = {1_000};
    Changes changes = Changes.shared(() -> now[0]);
    changes.listening(true);
    assertThat(changes.content(N)).as("no answer from the database yet").isEqualTo(Changes.UNCACHEABLE);
    changes.renew(100);
    long stamp = changes.content(N);
    assertThat(stamp).isNotEqualTo(Changes.UNCACHEABLE);
    now[0] += 99;
    assertThat(changes.content(N)).isEqualTo(stamp);
    now[0] += 1; // the connection went quiet: a notification may be stuck in it
    assertThat(changes.content(N)).isEqualTo(Changes.UNCACHEABLE);
    assertThat(changes.reliable()).isFalse();
    changes.renew(100);
    assertThat(changes.content(N)).as("nothing from before the lapse is served").isNotEqualTo(stamp)
        .isNotEqualTo(Changes.UNCACHEABLE);
  }

  @Test
  @DisplayName("a record-only event moves no generation")
  void recordsMoveNothing() {
    Changes changes = Changes.singleNode();
    long content = changes.content(N);
    long structure = changes.structure(N);
    changes.changed(N, Kind.RECORD);
    assertThat(changes.content(N)).isEqualTo(content);
    assertThat(changes.structure(N)).isEqualTo(structure);
    changes.changed(N, Kind.CONTENT);
    assertThat(changes.content(N)).isNotEqualTo(content);
  }

  @Test
  @DisplayName("a cache full by count or by weight is cleared rather than growing; the never-reliable generations bypass it")
  void bounded() {
    StampedCache<Integer, String> cache = new StampedCache<>(3);
    for (int i = 0; i < 3; i++) {
      cache.put(i, 1, "v" + i);
    }
    assertThat(cache.size()).isEqualTo(3);
    cache.put(3, 1, "v3");
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get(3, 1)).isEqualTo("v3");
    assertThat(Changes.none().structure(N)).isEqualTo(Changes.UNCACHEABLE);

    StampedCache<Integer, String> weighed = new StampedCache<>(100, 10, String::length);
    weighed.put(1, 1, "ستة حر");          // 6
    weighed.put(2, 1, "أربع");            // 4: 10 in all
    assertThat(weighed.size()).isEqualTo(2);
    assertThat(weighed.weight()).isEqualTo(10);
    weighed.put(1, 2, "ITU");             // replaces 6 by 3
    assertThat(weighed.weight()).isEqualTo(7);
    weighed.put(3, 1, "WSIS+20");         // 7 more would pass 10: cleared first
    assertThat(weighed.size()).isEqualTo(1);
    assertThat(weighed.weight()).isEqualTo(7);
    weighed.put(4, 1, "أطول من الحد كله"); // heavier than the whole cache: not kept
    assertThat(weighed.get(4, 1)).isNull();
    assertThat(weighed.get(3, 1)).isEqualTo("WSIS+20");
  }
}
