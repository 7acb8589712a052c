package org.plenary.access;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.store.Database;

/**
 * A user's own credentials: accepting an invitation (or a reset) by setting a password, and long-lived API
 * tokens. Each change is audited in its transaction; refusals are {@link DomainException}s.
 *
 * <pre>
 *   accounts.createToken(principal, "نص الدمج", 90).onSuccess(t -> … t.token() …);   // shown once
 * </pre>
 */
final class AccountService {
  static final int MAX_API_TOKENS = 50;

  /** A new API token: its id, label, secret (shown once) and expiry. */
  record NewToken(String id, String label, String token, OffsetDateTime expiresAt) {}

  private final Database db;
  private final Passwords passwords;

  AccountService(Database db, Passwords passwords) {
    this.db = Objects.requireNonNull(db, "db");
    this.passwords = Objects.requireNonNull(passwords, "passwords");
  }

  /** Sets the password of the account an invitation {@code token} names; all its sessions end. */
  Future<Accounts.Account> accept(String token, String password) {
    return db.tx(dsl -> {
      var pending = Invitations.pending(dsl, token).orElseThrow(() -> DomainException.invalid("token",
          "unknown, expired or already used: ask the secretariat for a new invitation"));
      // Hashed only for a valid token, so random tokens cost an attacker more than they cost the server.
      String hash = passwords.hash(password);
      var account = Accounts.byId(dsl, pending.accountId()).orElseThrow();
      if (account.disabled()) {
        throw DomainException.invalid("token", "the account is disabled: ask the secretariat");
      }
      // A token a negotiation's secretariat issued holds only while the account is that negotiation's alone:
      // once it takes part elsewhere (or is an administrator), the issuer could otherwise take it over.
      boolean byAdmin = pending.createdBy() != null
          && Accounts.byId(dsl, pending.createdBy()).map(Accounts.Account::admin).orElse(false);
      if (!byAdmin && !AccountAuthority.onlyIn(dsl, pending.negotiationId(), account)) {
        throw DomainException.invalid("token", "this invitation no longer applies: the account takes part in"
            + " another negotiation; ask an administrator for a new one");
      }
      Invitations.markUsed(dsl, pending.tokenHash());
      Accounts.setPasswordHash(dsl, account.id(), hash);
      Accounts.revokeAll(dsl, account.id());
      AccountAuthority.record(dsl, new AuditLog.Actor(account.id(), null), "invitation.accepted", account.id(),
          Map.of("purpose", pending.purpose()));
      return account;
    });
  }

  /** A new API token of {@code lifetimeDays}; 409 beyond {@link #MAX_API_TOKENS} live ones. */
  Future<NewToken> createToken(Principal p, String label, int lifetimeDays) {
    return db.tx(dsl -> {
      if (Accounts.apiTokens(dsl, p.accountId()).size() >= MAX_API_TOKENS) {
        throw DomainException.conflict("too-many-tokens", "you already have " + MAX_API_TOKENS
            + " API tokens; revoke one first (DELETE /api/v1/tokens/{id})");
      }
      String token = Passwords.newToken();
      String hash = Passwords.sha256(token);
      OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plusDays(lifetimeDays);
      Accounts.storeApiToken(dsl, hash, p.accountId(), label, expires);
      AuditLog.append(dsl, null, new AuditLog.Actor(p.accountId(), null), "token.created",
          "token:" + Accounts.tokenId(hash), Map.of("label", label, "expiresAt", expires.toString()));
      return new NewToken(Accounts.tokenId(hash), label, token, expires);
    });
  }

  Future<Void> revokeToken(Principal p, String id) {
    return db.tx(dsl -> {
      var revoked = Accounts.revokeApiToken(dsl, p.accountId(), id)
          .orElseThrow(() -> DomainException.notFound("API token " + id));
      AuditLog.append(dsl, null, new AuditLog.Actor(p.accountId(), null), "token.revoked", "token:" + id,
          Map.of("label", revoked.label() == null ? "" : revoked.label()));
      return null;
    });
  }
}
