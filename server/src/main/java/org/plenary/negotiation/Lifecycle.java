package org.plenary.negotiation;

import static org.plenary.schema.Tables.NEGOTIATION;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.DSLContext;
import org.plenary.audit.AuditLog;
import org.plenary.http.Problem;

/**
 * A negotiation's life: open (the default), closed (read-only for everyone), archived (read-only and gone from
 * the lists of everyone but administrators). The guard ({@code access.Policy}) refuses every write to a negotiation
 * that is not open; this class only says which moves are allowed and records them.
 *
 * <pre>
 *   open ──close──▶ closed ──archive──▶ archived
 *     └──────────archive──────────────▶   │
 *   open ◀──────────reopen (admin)─────────┘ (and from closed)
 * </pre>
 */
public final class Lifecycle {
  /** A move: its name (the route's last segment and the audit event), where it may start, where it ends. */
  public enum Move {
    CLOSE("close", Set.of("open"), "closed"),
    ARCHIVE("archive", Set.of("open", "closed"), "archived"),
    REOPEN("reopen", Set.of("closed", "archived"), "open");

    final String name;
    final Set<String> from;
    final String to;

    Move(String name, Set<String> from, String to) {
      this.name = name;
      this.from = from;
      this.to = to;
    }

    public String code() {
      return name;
    }
  }

  private Lifecycle() {}

  /**
   * Applies {@code move} to negotiation {@code n} in the caller's transaction and appends
   * {@code negotiation.<closed|archived|reopened>}; a move from the wrong state is a 409 naming both states.
   */
  public static String apply(DSLContext dsl, long n, Move move, AuditLog.Actor actor) {
    Objects.requireNonNull(move, "move");
    String before = dsl.select(NEGOTIATION.STATE).from(NEGOTIATION).where(NEGOTIATION.ID.eq(n)).forUpdate()
        .fetchOptional(NEGOTIATION.STATE).orElseThrow(() -> Problem.notFound("negotiation " + n));
    if (!move.from.contains(before)) {
      throw Problem.conflict("negotiation-" + before, "negotiation " + n + " is " + before + "; " + move.name
          + " applies to a negotiation that is " + String.join(" or ", move.from.stream().sorted().toList()));
    }
    dsl.update(NEGOTIATION).set(NEGOTIATION.STATE, move.to).where(NEGOTIATION.ID.eq(n)).execute();
    String event = switch (move) {
      case CLOSE -> "negotiation.closed";
      case ARCHIVE -> "negotiation.archived";
      case REOPEN -> "negotiation.reopened";
    };
    AuditLog.append(dsl, n, actor, event, "negotiation:" + n, Map.of("before", before, "after", move.to));
    return move.to;
  }
}
