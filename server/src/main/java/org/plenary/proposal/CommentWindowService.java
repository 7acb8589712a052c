package org.plenary.proposal;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plenary.access.Membership;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.store.Database;

/**
 * A revision's comment window: its deadline (UTC) and the silence procedure, set or extended by a facilitator
 * or the secretariat with an audit event, and who broke silence. Refusals are {@link DomainException}s.
 *
 * <pre>
 *   windows.set(membership, n, r, OffsetDateTime.parse("2026-12-03T17:00:00Z"), true);
 * </pre>
 */
final class CommentWindowService {
  /** The window and the objections that broke silence on it. */
  record Breaks(CommentWindow window, List<Proposals.SilenceBreak> breaks) {}

  private final Database db;

  CommentWindowService(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  Future<CommentWindow> window(long n, long r) {
    return db.read(dsl -> Proposals.window(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r)));
  }

  /** Sets (or with a null {@code deadline} removes) the deadline; the event records the previous one. */
  Future<CommentWindow> set(Membership m, long n, long r, OffsetDateTime deadline, boolean silence) {
    return db.tx(dsl -> {
      CommentWindow before = Proposals.window(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r));
      ProposalPermissions.requireMaySetWindow(m.role());
      Proposals.setWindow(dsl, r, deadline, silence);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("revision", r);
      payload.put("deadline", deadline == null ? null : deadline.toString());
      payload.put("previous", before.deadline() == null ? null : before.deadline().toString());
      payload.put("silence", silence);
      AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), null), "revision.comment-window", "revision:" + r,
          payload);
      return new CommentWindow(deadline, silence);
    });
  }

  Future<Breaks> silenceBreaks(long n, long r) {
    return db.read(dsl -> {
      CommentWindow w = Proposals.window(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r));
      return new Breaks(w, Proposals.silenceBreaks(dsl, r));
    });
  }
}
