package org.plenary.access;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.plenary.audit.AuditLog;
import org.plenary.store.Database;

/**
 * Logging in and out: the login throttle, the password check (timed alike for unknown emails), a new session
 * token with its CSRF token, and the audit events of successes, failures and throttled attempts. A refused
 * login is an {@link Attempt} without a login, not an exception: its failure is recorded and committed.
 *
 * <pre>
 *   sessions.login("egypt@example.org", "a-long-password", "192.0.2.7", null)
 *       .onSuccess(a -> … a.login() == null ? (a.retryAfter() > 0 ? 429 : 401) : 200);
 * </pre>
 */
final class SessionService {
  static final Duration SESSION_LIFETIME = Duration.ofHours(12);

  /** A new session: its token (for the cookie or {@code Authorization: Bearer}), its CSRF token, the account. */
  record Login(String token, String csrf, Accounts.Account account) {}

  /** A login attempt: the session, or none (wrong credentials, or throttled for {@code retryAfter} seconds). */
  record Attempt(Login login, long retryAfter) {}

  private final Database db;
  private final Passwords passwords;
  private final LoginThrottle throttle;

  SessionService(Database db, Passwords passwords, LoginThrottle throttle) {
    this.db = Objects.requireNonNull(db, "db");
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
  }

  /**
   * Logs in from {@code address}; {@code presentedToken}, a session token sent along, is revoked on success so
   * the new session never reuses it (fixation).
   */
  Future<Attempt> login(String email, String password, String address, String presentedToken) {
    String normalised = Accounts.normaliseEmail(email);
    String presentedHash = presentedToken == null ? null : Passwords.sha256(presentedToken);
    // The slot is committed before the password is checked, so parallel guesses see each other (LoginThrottle).
    return throttle.reserve(db, normalised, address).compose(slot -> db.tx(dsl -> {
      if (!slot.reserved()) {
        long wait = slot.retryAfter();
        AuditLog.append(dsl, null, AuditLog.Actor.SYSTEM, "session.throttled", "email:" + normalised,
            Map.of("email", normalised, "address", address, "retryAfter", wait));
        return new Attempt(null, wait);
      }
      var account = Accounts.byEmail(dsl, normalised);
      // Verify even when the account is unknown, so timing does not reveal which emails exist.
      boolean ok = passwords.verify(password, account.map(Accounts.Account::passwordHash).orElse(null));
      if (!ok || account.get().disabled()) {
        // The reserved slot stays as this failure.
        AuditLog.append(dsl, null, new AuditLog.Actor(account.map(Accounts.Account::id).orElse(null), null),
            "session.failed", "email:" + normalised, Map.of("email", normalised, "address", address,
                "reason", ok ? "disabled" : "credentials"));
        return new Attempt(null, 0);
      }
      throttle.clear(dsl, normalised);
      if (presentedHash != null) {
        Accounts.revokeToken(dsl, presentedHash);
      }
      String token = Passwords.newToken();
      String csrf = Passwords.newToken();
      Accounts.storeToken(dsl, Passwords.sha256(token), account.get().id(), "session", csrf,
          OffsetDateTime.now(ZoneOffset.UTC).plus(SESSION_LIFETIME));
      AuditLog.append(dsl, null, new AuditLog.Actor(account.get().id(), null), "session.created",
          "account:" + account.get().id(), Map.of("address", address));
      return new Attempt(new Login(token, csrf, account.get()), 0);
    }));
  }

  /** Revokes the caller's session (or token) and records it. */
  Future<Void> logout(Principal p) {
    return db.tx(dsl -> {
      Accounts.revokeToken(dsl, p.tokenHash());
      AuditLog.append(dsl, null, new AuditLog.Actor(p.accountId(), null), "session.revoked",
          "account:" + p.accountId(), Map.of());
      return null;
    });
  }
}
