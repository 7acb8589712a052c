package org.plenary.events;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.impl.DSL;

/**
 * Wakes the readers of the live feeds when events commit. The event table is the truth; a signal only
 * says "negotiation n has new events, read them":
 * <ul>
 *   <li>on PostgreSQL, {@link #appended} calls {@code pg_notify} in the appending transaction, so every
 *       node LISTENing (this one included) hears it exactly when the events become visible, and never
 *       for a rollback;</li>
 *   <li>on H2 (one node) the transaction listener calls the in-process consumer after the commit.</li>
 * </ul>
 * A transaction that appends many events of one negotiation signals it once.
 */
public final class LiveSignal implements TransactionListener {
  /** The PostgreSQL NOTIFY channel; the payload is the negotiation id. */
  public static final String CHANNEL = "plenary_events";

  private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

  private static final class State {
    /** Transactions open on this thread (outermost commit fires the in-process signal). */
    int depth;
    /** Negotiations with events in the open transaction, for the in-process signal. */
    final Set<Long> appended = new HashSet<>();
    /** The transaction last notified for, by identity, and what it was notified for. */
    Object notifiedIn;
    final Set<Long> notified = new HashSet<>();
  }

  private final LongConsumer afterCommit;

  /** {@code afterCommit} receives each negotiation that got events in a committed transaction. */
  public LiveSignal(LongConsumer afterCommit) {
    this.afterCommit = afterCommit;
  }

  /** Called by {@link AuditLog#append} inside the appending transaction. */
  public static void appended(DSLContext dsl, Long negotiationId) {
    if (needsNotify(dsl, negotiationId)) {
      dsl.resultQuery("select pg_notify({0}, {1})", DSL.inline(CHANNEL), DSL.val(String.valueOf(negotiationId)))
          .fetch();
    }
  }

  /**
   * Records that {@code negotiationId} got an event in the open transaction and says whether the caller must
   * still send its PostgreSQL NOTIFY (once per negotiation and transaction; never on H2). {@link AuditLog}
   * uses it to send the NOTIFY within a statement it runs anyway, saving a round trip per change.
   */
  static boolean needsNotify(DSLContext dsl, Long negotiationId) {
    if (negotiationId == null) {
      return false;
    }
    State s = STATE.get();
    if (s.depth > 0) {
      s.appended.add(negotiationId);
      // One NOTIFY per negotiation and transaction; the configuration object is the transaction's own, so
      // a transaction never skips a NOTIFY because of another one.
      if (s.notifiedIn != dsl.configuration()) {
        s.notifiedIn = dsl.configuration();
        s.notified.clear();
      }
      if (!s.notified.add(negotiationId)) {
        return false;
      }
    }
    return dsl.dialect().family() == SQLDialect.POSTGRES;
  }

  /** The NOTIFY of {@link #appended} as a field, to select or return within another statement. */
  static org.jooq.Field<Object> notifyField(long negotiationId) {
    return DSL.field("pg_notify({0}, {1})", Object.class, DSL.inline(CHANNEL), DSL.val(String.valueOf(negotiationId)));
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
      List<Long> committed = List.copyOf(s.appended);
      s.appended.clear();
      s.notifiedIn = null;
      committed.forEach(afterCommit::accept);
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
