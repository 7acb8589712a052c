package org.plenary.access;

import static org.plenary.schema.Tables.PARTICIPANT;

import java.util.List;
import org.jooq.DSLContext;
import org.plenary.audit.AuditLog;

/**
 * Who may act on an account itself (its password, its being enabled, its invitations), as opposed to its
 * participation in one negotiation. A negotiation's secretariat manages the participation; the person behind
 * it may be a secretariat, facilitator or delegate elsewhere. So a secretariat that is not an administrator
 * may act on an account only while that account takes part in its negotiation and in no other, and is not an
 * administrator: no role in one negotiation can affect access to another.
 *
 * <pre>
 *   if (!AccountAuthority.mayManage(dsl, n, caller, account)) throw DomainException.forbidden(…);
 *   AccountAuthority.record(dsl, actor, "account.disabled", account.id(), payload);  // global + every chain
 * </pre>
 */
public final class AccountAuthority {
  private AccountAuthority() {}

  /** The negotiations the account takes part in, by id. */
  public static List<Long> negotiationsOf(DSLContext dsl, long accountId) {
    return dsl.select(PARTICIPANT.NEGOTIATION_ID).from(PARTICIPANT).where(PARTICIPANT.ACCOUNT_ID.eq(accountId))
        .orderBy(PARTICIPANT.NEGOTIATION_ID).fetch(PARTICIPANT.NEGOTIATION_ID);
  }

  /**
   * Whether {@code caller}, acting from negotiation {@code n}, may reset, disable or enable {@code account}, or
   * hand out a token that sets its password: an administrator always; anyone else only for a non-administrator
   * account that takes part in no negotiation but {@code n}.
   */
  public static boolean mayManage(DSLContext dsl, long n, Principal caller, Accounts.Account account) {
    return caller.admin() || onlyIn(dsl, n, account);
  }

  /** Whether the account is an ordinary one that takes part in {@code n} at most, and nowhere else. */
  public static boolean onlyIn(DSLContext dsl, Long n, Accounts.Account account) {
    return !account.admin() && negotiationsOf(dsl, account.id()).stream().allMatch(x -> x.equals(n));
  }

  /**
   * Records an account-level action in the global chain and in the chain of every negotiation the account
   * takes part in (so each of their secretariats sees it), in the caller's transaction; call it last.
   * Negotiation chains are taken in id order and the global one last, so concurrent recorders lock in one order.
   */
  public static void record(DSLContext dsl, AuditLog.Actor actor, String type, long accountId, Object payload) {
    String subject = "account:" + accountId;
    for (Long n : negotiationsOf(dsl, accountId)) {
      AuditLog.append(dsl, n, actor, type, subject, payload);
    }
    AuditLog.append(dsl, null, actor, type, subject, payload);
  }
}
