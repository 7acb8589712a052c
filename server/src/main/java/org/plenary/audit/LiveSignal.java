package org.plenary.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.impl.DSL;
import org.plenary.store.Changes;

/**
 * Wakes the readers of the live feeds and moves the read caches' {@link Changes generations} when events
 * commit. The event table is the truth; a signal only says "negotiation n has new events, read them":
 * <ul>
 *   <li>on PostgreSQL, {@link #appended} calls {@code pg_notify} in the appending transaction, so every
 *       node LISTENing (this one included) hears it exactly when the events become visible, and never
 *       for a rollback;</li>
 *   <li>on both databases the transaction listener, right after the commit and on the committing thread
 *       (so before the HTTP response goes out), moves this node's generations and, on H2 (one node), calls
 *       the in-process consumer.</li>
 * </ul>
 * The payload is {@code "<n>"} for a {@link Changes.Kind#STRUCTURE structure} change (everything of n may
 * have changed) and {@code "<n>:c"} for a {@link Changes.Kind#CONTENT content} change (proposals). A
 * transaction signals each negotiation once per kind, and content not at all once structure was signalled.
 */
public final class LiveSignal implements TransactionListener {
  /** The PostgreSQL NOTIFY channel; the payload is the negotiation id, with {@code ":c"} for content. */
  public static final String CHANNEL = "plenary_events";

  private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

  private static final class State {
    /** Transactions open on this thread (outermost commit fires the in-process signal). */
    int depth;
    /** Negotiations with events in the open transaction, and the widest kind of change. */
    final Map<Long, Changes.Kind> appended = new HashMap<>();
    /** The transaction last notified for, by identity, and what it was notified for. */
    Object notifiedIn;
    final Map<Long, Changes.Kind> notified = new HashMap<>();
  }

  private final Changes changes;
  private final LongConsumer afterCommit;

  /**
   * {@code changes} moves after each commit with events; {@code afterCommit} then receives each negotiation
   * that got events in the committed transaction.
   */
  public LiveSignal(Changes changes, LongConsumer afterCommit) {
    this.changes = Objects.requireNonNull(changes, "changes");
    this.afterCommit = Objects.requireNonNull(afterCommit, "afterCommit");
  }

  /** Signals an event of {@code type} of negotiation {@code negotiationId} inside the appending transaction. */
  public static void appended(DSLContext dsl, Long negotiationId, String type) {
    if (needsNotify(dsl, negotiationId, type)) {
      dsl.resultQuery("select {0}", notifyField(negotiationId, type)).fetch();
    }
  }

  /**
   * Records that {@code negotiationId} got an event of {@code type} in the open transaction and says whether
   * the caller must still send its PostgreSQL NOTIFY (once per negotiation, kind and transaction, none for
   * content after structure; never on H2). {@link AuditLog} uses it to send the NOTIFY within a statement it
   * runs anyway, saving a round trip per change.
   */
  static boolean needsNotify(DSLContext dsl, Long negotiationId, String type) {
    if (negotiationId == null) {
      return false;
    }
    Changes.Kind kind = Changes.Kind.of(type);
    State s = STATE.get();
    if (s.depth > 0) {
      s.appended.merge(negotiationId, kind, LiveSignal::wider);
      // Once per negotiation and transaction; the configuration object is the transaction's own, so a
      // transaction never skips a NOTIFY because of another one.
      if (s.notifiedIn != dsl.configuration()) {
        s.notifiedIn = dsl.configuration();
        s.notified.clear();
      }
      Changes.Kind before = s.notified.get(negotiationId);
      if (before != null && Changes.Kind.wider(before, kind) == before) {
        return false;
      }
      s.notified.put(negotiationId, kind);
    }
    return dsl.dialect().family() == SQLDialect.POSTGRES;
  }

  /** The NOTIFY of {@link #appended} as a field, to select or return within another statement. */
  static org.jooq.Field<Object> notifyField(long negotiationId, String type) {
    return DSL.field("pg_notify({0}, {1})", Object.class, DSL.inline(CHANNEL), DSL.val(payload(negotiationId, type)));
  }

  /** What the NOTIFY for an event of {@code type} in {@code negotiationId} carries. */
  static String payload(long negotiationId, String type) {
    return Changes.payload(negotiationId, Changes.Kind.of(type));
  }

  private static Changes.Kind wider(Changes.Kind a, Changes.Kind b) {
    return Changes.Kind.wider(a, b);
  }

  @Override
  public void beginStart(TransactionContext ctx) {
    STATE.get().depth++;
  }

  @Override
  public void commitEnd(TransactionContext ctx) {
    State s = STATE.get();
    if (--s.depth <= 0) {
      s.depth = 0;
      Map<Long, Changes.Kind> committed = Map.copyOf(s.appended);
      s.appended.clear();
      s.notifiedIn = null;
      // Generations first: a reader that starts once this returns must not get an entry from before.
      committed.forEach(changes::changed);
      committed.keySet().forEach(afterCommit::accept);
    }
  }

  @Override
  public void rollbackEnd(TransactionContext ctx) {
    State s = STATE.get();
    if (--s.depth <= 0) {
      s.depth = 0;
      s.appended.clear();
      s.notifiedIn = null;
    }
  }
}
