package org.plenary.negotiation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.plenary.access.AccountAuthority;
import org.plenary.access.Accounts;
import org.plenary.access.Invitations;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;

/**
 * The rules of taking part in a negotiation: adding a participant, and the account actions its secretariat
 * may take (reset, disable, enable). The secretariat manages the participation, not the person: an account
 * that takes part in another negotiation, or an administrator's, is managed by administrators only (see
 * {@link AccountAuthority}). Runs in the caller's transaction and appends its audit events last.
 *
 * <pre>
 *   Participation.Added a = participation.add(dsl, n, principal, new Participation.Request(email, …));
 * </pre>
 */
public final class Participation {
  /** What a secretariat asks for: the password hash is computed by the caller, off this transaction. */
  public record Request(String email, String displayName, String passwordHash, Role role, String delegation) {}

  /**
   * A participant added. {@code invitation} is set when the account needs a password and the caller may hand
   * out the token; {@code invitationWithheld} says why not otherwise.
   */
  public record Added(long accountId, String email, String displayName, Role role, String delegation,
      boolean accountCreated, Invitations.Issued invitation, String invitationWithheld) {}

  /** An account's password cleared: the one-time token that sets a new one. */
  public record Reset(long accountId, Invitations.Issued invitation) {}

  /** An account disabled or enabled. */
  public record Toggled(long accountId, String email, boolean disabled) {}

  public Added add(DSLContext dsl, long n, Principal caller, Request req) {
    Membership.requireRole(dsl, n, caller, Role.SECRETARIAT);
    AuditLog.Actor actor = new AuditLog.Actor(caller.accountId(), null);
    if (req.delegation() != null) {
      ensureDelegation(dsl, n, req.delegation(), actor);
    }
    Optional<Accounts.Account> existing = Accounts.byEmail(dsl, req.email());
    String name = req.displayName() == null ? req.email() : req.displayName();
    long accountId = existing.map(Accounts.Account::id)
        .orElseGet(() -> Accounts.create(dsl, req.email(), name, req.passwordHash(), false));
    var before = Negotiations.participants(dsl, n).stream().filter(x -> x.accountId() == accountId).findFirst();
    Negotiations.addParticipant(dsl, n, accountId, req.role(), req.delegation());
    boolean hasPassword = existing.map(a -> a.passwordHash() != null).orElse(req.passwordHash() != null);
    Invitations.Issued invitation = null;
    String withheld = null;
    if (!hasPassword) {
      // An existing account that takes part elsewhere is someone else's too: its secretariat here gets no token
      // that would set its password (the account holder uses the invitation they already have, or an
      // administrator issues one).
      if (existing.isEmpty() || AccountAuthority.mayManage(dsl, n, caller, existing.get())) {
        invitation = Invitations.issue(dsl, accountId, n, "invite", caller.accountId());
      } else {
        withheld = "the account takes part in another negotiation: only an administrator can issue it an invitation";
      }
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("email", Accounts.normaliseEmail(req.email()));
    payload.put("role", req.role().code());
    payload.put("delegation", req.delegation() == null ? "" : req.delegation());
    payload.put("accountCreated", existing.isEmpty());
    before.ifPresent(b -> payload.put("before", Map.of("role", b.role(),
        "delegation", b.delegation() == null ? "" : b.delegation())));
    AuditLog.append(dsl, n, actor, "participant.added", "account:" + accountId, payload);
    if (invitation != null) {
      AuditLog.append(dsl, n, actor, "invitation.created", "account:" + accountId,
          Map.of("purpose", "invite", "expiresAt", invitation.expiresAt().toString()));
    }
    return new Added(accountId, Accounts.normaliseEmail(req.email()),
        existing.map(Accounts.Account::displayName).orElse(name), req.role(), req.delegation(), existing.isEmpty(),
        invitation, withheld);
  }

  public Reset resetPassword(DSLContext dsl, long n, Principal caller, String rawAccount) {
    Accounts.Account a = target(dsl, n, caller, rawAccount, "reset the password of");
    Accounts.setPasswordHash(dsl, a.id(), null);
    int revoked = Accounts.revokeAll(dsl, a.id());
    Invitations.Issued issued = Invitations.issue(dsl, a.id(), n, "reset", caller.accountId());
    AccountAuthority.record(dsl, new AuditLog.Actor(caller.accountId(), null), "account.password-reset", a.id(),
        Map.of("email", a.email(), "tokensRevoked", revoked, "by", Map.of("negotiation", n),
            "invitationExpiresAt", issued.expiresAt().toString()));
    return new Reset(a.id(), issued);
  }

  public Toggled setDisabled(DSLContext dsl, long n, Principal caller, String rawAccount, boolean disabled) {
    Accounts.Account a = target(dsl, n, caller, rawAccount, disabled ? "disable" : "enable");
    if (a.id() == caller.accountId()) {
      throw DomainException.conflict("own-account", "you cannot " + (disabled ? "disable" : "enable")
          + " your own account");
    }
    Accounts.setDisabled(dsl, a.id(), disabled);
    int revoked = disabled ? Accounts.revokeAll(dsl, a.id()) : 0;
    AccountAuthority.record(dsl, new AuditLog.Actor(caller.accountId(), null),
        disabled ? "account.disabled" : "account.enabled", a.id(),
        Map.of("email", a.email(), "before", Map.of("disabled", a.disabled()), "after", Map.of("disabled", disabled),
            "tokensRevoked", revoked, "by", Map.of("negotiation", n)));
    return new Toggled(a.id(), a.email(), disabled);
  }

  /**
   * The account a secretariat acts on: a participant here (404 otherwise), and one this negotiation alone may
   * manage (403 for an administrator's account, or one that takes part in another negotiation).
   */
  private static Accounts.Account target(DSLContext dsl, long n, Principal caller, String raw, String action) {
    Membership.requireRole(dsl, n, caller, Role.SECRETARIAT);
    long accountId;
    try {
      accountId = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw DomainException.notFound("participant " + raw);
    }
    boolean participates = Negotiations.participants(dsl, n).stream().anyMatch(x -> x.accountId() == accountId);
    Accounts.Account account = Accounts.byId(dsl, accountId).filter(x -> participates)
        .orElseThrow(() -> DomainException.notFound("participant " + raw));
    if (!AccountAuthority.mayManage(dsl, n, caller, account)) {
      throw DomainException.forbidden(account.admin()
          ? "only an administrator may " + action + " an administrator's account"
          : "this account also takes part in another negotiation: only an administrator may " + action + " it");
    }
    return account;
  }

  /**
   * A delegate's delegation must take part in the negotiation. A reference state or observer not yet
   * chosen is added on the way (and logged), so adding "a delegate of Egypt" just works; a group is
   * refused, as a group acts through its coordinator's delegates.
   */
  private static void ensureDelegation(DSLContext dsl, long n, String code, AuditLog.Actor actor) {
    var d = NegotiationDelegations.visibleIn(dsl, n, code)
        .orElseThrow(() -> DomainException.invalid("delegation", "unknown delegation code " + code
            + " (see GET /api/v1/delegations, or add a custom one: POST /api/v1/negotiations/" + n + "/delegations)"));
    if ("group".equals(d.kind())) {
      throw DomainException.invalid("delegation", code + " is a group: a group acts through its coordinator; add the "
          + "participant to a member delegation and designate it coordinator");
    }
    if (NegotiationDelegations.inNegotiation(dsl, n, code).isEmpty()) {
      NegotiationDelegations.add(dsl, n, code);
      AuditLog.append(dsl, n, actor, "delegation.added", "delegation:" + code, Map.of("code", code,
          "addedWithParticipant", true));
    }
  }

  /**
   * Who takes part, as {@code viewer} may see it: e-mail addresses are personal data, shown to the
   * secretariat (and administrators) for everyone and to each participant for their own account only.
   */
  public static List<Map<String, Object>> participantsSeenBy(DSLContext dsl, long n, Membership viewer) {
    return seenBy(Negotiations.participants(dsl, n), viewer);
  }

  /**
   * Participants as {@code viewer} may see them, wherever they are listed (the negotiation's participants, a
   * delegation's): the e-mail address for the secretariat (and administrators), and for the viewer's own account;
   * whether an account is disabled for the secretariat only (who manages it).
   */
  public static List<Map<String, Object>> seenBy(List<Negotiations.Participant> participants, Membership viewer) {
    boolean all = viewer.role() == Role.SECRETARIAT;
    return participants.stream().map(x -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("accountId", x.accountId());
      if (all || x.accountId() == viewer.accountId()) {
        out.put("email", x.email());
      }
      out.put("displayName", x.displayName());
      out.put("role", x.role());
      out.put("delegation", x.delegation());
      if (all) {
        out.put("disabled", x.disabled());
      }
      return out;
    }).toList();
  }
}
