package org.plenary.negotiation;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.store.Database;

/**
 * Negotiations and their participants: create (administrators), read, move through the lifecycle, and the
 * participants' accounts through {@link Participation} (add, reset a password, disable). Each method runs its
 * own transaction, refuses with {@link DomainException} and appends its audit event in the transaction.
 *
 * <pre>
 *   negotiations.create(admin, "القرار 88 (كيغالي، 2022)", List.of("ar")).onSuccess(n -> …);
 * </pre>
 */
final class NegotiationService {
  private final Database db;
  private final Participation participation = new Participation();

  NegotiationService(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** A new negotiation, its creator its secretariat; 403 for anyone but an administrator. */
  Future<Negotiations.Negotiation> create(Principal p, String title, List<String> languages) {
    if (!p.admin()) {
      throw DomainException.forbidden("only an administrator can create a negotiation");
    }
    List<String> langs = languages.isEmpty() ? List.of("en") : languages;
    return db.tx(dsl -> {
      long id = Negotiations.create(dsl, title.strip(), langs, p.accountId());
      AuditLog.append(dsl, id, new AuditLog.Actor(p.accountId(), null), "negotiation.created",
          "negotiation:" + id, Map.of("title", title.strip(), "languages", langs));
      return Negotiations.get(dsl, id, Role.SECRETARIAT, null);
    });
  }

  Future<List<Negotiations.Negotiation>> visibleTo(Principal p) {
    return db.read(dsl -> Negotiations.visibleTo(dsl, p.accountId(), p.admin()));
  }

  Future<Negotiations.Negotiation> get(Principal p, long n) {
    return db.read(dsl -> {
      Membership m = Membership.require(dsl, n, p);
      return Negotiations.get(dsl, n, m.role(), m.delegation());
    });
  }

  /** Close, archive or reopen: who may is the matrix's business, the move's rules {@link Lifecycle}'s. */
  Future<Negotiations.Negotiation> move(Principal p, Membership m, long n, Lifecycle.Move move) {
    return db.tx(dsl -> {
      Lifecycle.apply(dsl, n, move, new AuditLog.Actor(p.accountId(), null));
      return Negotiations.get(dsl, n, m.role(), m.delegation());
    });
  }

  // --- participants ------------------------------------------------------------------------------------------

  Future<List<Map<String, Object>>> participants(Principal p, long n) {
    return db.read(dsl -> Participation.participantsSeenBy(dsl, n, Membership.require(dsl, n, p)));
  }

  Future<Participation.Added> addParticipant(Principal p, long n, Participation.Request req) {
    return db.tx(dsl -> participation.add(dsl, n, p, req));
  }

  Future<Participation.Reset> resetPassword(Principal p, long n, String account) {
    return db.tx(dsl -> participation.resetPassword(dsl, n, p, account));
  }

  Future<Participation.Toggled> setDisabled(Principal p, long n, String account, boolean disabled) {
    return db.tx(dsl -> participation.setDisabled(dsl, n, p, account, disabled));
  }
}
