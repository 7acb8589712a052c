package org.plenary.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generation counters per negotiation that say when a read cache may still serve what it holds. Every
 * committed audit event moves a counter: a {@link Kind#CONTENT} event (proposals) the negotiation's content
 * generation, any other ({@link Kind#STRUCTURE}: participants, delegations, revisions, comment windows …)
 * both its structure and content generations.
 *
 * <p>Fed synchronously after a local commit (the {@code audit.LiveSignal} transaction listener, before the HTTP
 * response is sent: a client reads its own write on the same node), and on PostgreSQL by every NOTIFY heard
 * from any node ({@code events.PgListener}). While the LISTEN connection is down, notifications from other nodes
 * would be missed: {@link #structure} and {@link #content} then answer {@link #UNCACHEABLE} and caches are
 * bypassed; every (re)connection moves all generations at once (a global epoch). H2 is one node: always
 * reliable.
 *
 * <p><b>The race rule.</b> A reader takes the generation <em>before</em> it reads the database, stores what it
 * read stamped with that generation, and serves an entry only while its stamp equals the current generation:
 * <pre>
 *   long stamp = changes.content(n);            // 1. before the read
 *   V v = cache.get(key, stamp);                // 2. a hit only when stamped with the current generation
 *   if (v == null) { v = read(dsl); cache.put(key, stamp, v); }
 * </pre>
 * A write moves the generation after its commit, so a read that may have seen the data before that commit
 * took a generation from before the move, and its entry is never served afterwards. A read that took the
 * generation after the move started after the commit and saw the write. Across nodes an entry can thus be
 * stale for at most the NOTIFY latency.
 *
 * <p>Generations come from one clock, so a value is never reused: a stamp equals the current generation only
 * when nothing changed in between.
 */
public final class Changes {
  /** What a change touches. */
  public enum Kind {
    /** Who takes part and how, the revisions and their windows: everything of the negotiation. */
    STRUCTURE,
    /** Proposals and what hangs on them (co-sponsors, replies). */
    CONTENT,
    /**
     * Nothing that is read changed, only the log grew ({@code access.denied}): live feeds wake, caches stay.
     * Otherwise a client that keeps getting refused would keep emptying its negotiation's caches.
     */
    RECORD;

    /**
     * {@code proposal.*} events and a group's submission are content; {@code access.denied} and a group's private
     * stage ({@code group.*}) a record only; every other type is structure.
     */
    public static Kind of(String eventType) {
      if (eventType != null && (eventType.startsWith("proposal.") || eventType.equals("group.submitted"))) {
        return CONTENT;
      }
      // a group's private stage changes nothing anyone else reads (its notes are in their own tables)
      if (eventType != null && eventType.startsWith("group.")) {
        return RECORD;
      }
      return "access.denied".equals(eventType) ? RECORD : STRUCTURE;
    }

    /** The wider of two kinds: structure covers content, content covers a record. */
    public static Kind wider(Kind a, Kind b) {
      return a.ordinal() <= b.ordinal() ? a : b;
    }
  }

  /** The stamp a reader gets while generations cannot be trusted: neither serve nor store. */
  public static final long UNCACHEABLE = -1;

  private static final class Generations {
    final AtomicLong structure = new AtomicLong();
    final AtomicLong content = new AtomicLong();
  }

  private final AtomicLong clock = new AtomicLong();
  /** Every generation is at least this (moved by {@link #everything}). */
  private final AtomicLong floor = new AtomicLong();
  private final ConcurrentHashMap<Long, Generations> byNegotiation = new ConcurrentHashMap<>();
  private volatile boolean reliable;
  /** Shared generations are trusted only while the listener has reached the database lately ({@link #renew}). */
  private final boolean leased;
  private final java.util.function.LongSupplier nanos;
  private volatile long leaseUntil;

  private Changes(boolean reliable, boolean leased, java.util.function.LongSupplier nanos) {
    this.reliable = reliable;
    this.leased = leased;
    this.nanos = nanos;
    this.leaseUntil = nanos.getAsLong();
  }

  /** Generations for one node on its own (H2): always reliable. */
  public static Changes singleNode() {
    return new Changes(true, false, System::nanoTime);
  }

  /**
   * Generations fed by LISTEN/NOTIFY: uncacheable until the listener reports it is {@link #listening}, and
   * whenever it has not {@link #renew renewed} its lease in time (a connection that died without an error).
   */
  public static Changes shared() {
    return shared(System::nanoTime);
  }

  static Changes shared(java.util.function.LongSupplier nanos) {
    return new Changes(false, true, nanos);
  }

  /** Generations that are never reliable: every cache consulting them is bypassed. */
  public static Changes none() {
    return new Changes(false, false, System::nanoTime);
  }

  /**
   * The listener has just had an answer from the database: stamps may be trusted for {@code forNanos} more. A
   * renewal after the lease had lapsed moves every generation first (what came meanwhile cannot be vouched for).
   */
  public void renew(long forNanos) {
    long now = nanos.getAsLong();
    if (now - leaseUntil >= 0) {
      everything();
    }
    leaseUntil = now + forNanos;
  }

  private boolean trusted() {
    return reliable && (!leased || nanos.getAsLong() - leaseUntil < 0);
  }

  /** Structure generation of negotiation {@code n}, or {@link #UNCACHEABLE}; take it before reading. */
  public long structure(long n) {
    if (!trusted()) {
      return UNCACHEABLE;
    }
    Generations g = byNegotiation.get(n);
    return Math.max(floor.get(), g == null ? 0 : g.structure.get());
  }

  /** Content generation of negotiation {@code n} (also moved by structure changes), or {@link #UNCACHEABLE}. */
  public long content(long n) {
    if (!trusted()) {
      return UNCACHEABLE;
    }
    Generations g = byNegotiation.get(n);
    return Math.max(floor.get(), g == null ? 0 : g.content.get());
  }

  /** Negotiation {@code n} changed (a committed event of this kind). */
  public void changed(long n, Kind kind) {
    if (kind == Kind.RECORD) {
      return;
    }
    Generations g = byNegotiation.computeIfAbsent(n, k -> new Generations());
    long next = clock.incrementAndGet();
    if (kind == Kind.STRUCTURE) {
      g.structure.accumulateAndGet(next, Math::max);
    }
    g.content.accumulateAndGet(next, Math::max);
  }

  /** Everything may have changed (notifications may have been missed): no stamp taken before is current. */
  public void everything() {
    floor.accumulateAndGet(clock.incrementAndGet(), Math::max);
  }

  /**
   * The LISTEN connection is up (after a fresh {@code LISTEN}: moves every generation first, as notifications
   * sent while it was away are lost) or down (caches are bypassed until it is back).
   */
  public void listening(boolean up) {
    if (up) {
      everything();
      reliable = true;
    } else {
      reliable = false;
      everything();
    }
  }

  /** Whether stamps can be trusted now (for tests and diagnostics). */
  public boolean reliable() {
    return trusted();
  }

  /**
   * Parses a NOTIFY payload of {@code audit.LiveSignal.CHANNEL}: {@code "n"} (structure), {@code "n:c"} (content) or
   * {@code "n:r"} (a record only).
   */
  public static Signal parse(String payload) {
    if (payload == null) {
      return null;
    }
    Kind kind = payload.endsWith(":c") ? Kind.CONTENT : payload.endsWith(":r") ? Kind.RECORD : Kind.STRUCTURE;
    String id = kind == Kind.STRUCTURE ? payload : payload.substring(0, payload.length() - 2);
    try {
      return new Signal(Long.parseLong(id), kind);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The payload that {@link #parse} reads back. */
  public static String payload(long n, Kind kind) {
    return switch (kind) {
      case CONTENT -> n + ":c";
      case RECORD -> n + ":r";
      case STRUCTURE -> String.valueOf(n);
    };
  }

  /** One notification: negotiation {@code n} changed in this way. */
  public record Signal(long negotiationId, Kind kind) {}
}
