package org.plenary.access;

import static org.plenary.schema.Tables.ACCOUNT;
import static org.plenary.schema.Tables.AUTH_TOKEN;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.plenary.schema.tables.records.AccountRecord;

/** Accounts and their tokens. Synchronous jOOQ; callers run it inside {@code Database.tx}. */
public final class Accounts {
  public record Account(long id, String email, String displayName, boolean admin, boolean disabled,
      String passwordHash) {}

  private Accounts() {}

  public static String normaliseEmail(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  public static Optional<Account> byEmail(DSLContext dsl, String email) {
    return dsl.selectFrom(ACCOUNT).where(ACCOUNT.EMAIL.eq(normaliseEmail(email))).fetchOptional(Accounts::toAccount);
  }

  public static Optional<Account> byId(DSLContext dsl, long id) {
    return dsl.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOptional(Accounts::toAccount);
  }

  public static long create(DSLContext dsl, String email, String displayName, String passwordHash, boolean admin) {
    return dsl.insertInto(ACCOUNT)
        .set(ACCOUNT.EMAIL, normaliseEmail(email))
        .set(ACCOUNT.DISPLAY_NAME, displayName)
        .set(ACCOUNT.PASSWORD_HASH, passwordHash)
        .set(ACCOUNT.IS_ADMIN, admin)
        .returningResult(ACCOUNT.ID)
        .fetchOne()
        .value1();
  }

  public static void storeToken(DSLContext dsl, String tokenHash, long accountId, String kind, String csrf,
      OffsetDateTime expiresAt) {
    dsl.insertInto(AUTH_TOKEN)
        .set(AUTH_TOKEN.TOKEN_HASH, tokenHash)
        .set(AUTH_TOKEN.ACCOUNT_ID, accountId)
        .set(AUTH_TOKEN.KIND, kind)
        .set(AUTH_TOKEN.CSRF_TOKEN, csrf)
        .set(AUTH_TOKEN.EXPIRES_AT, expiresAt)
        .execute();
  }

  /** The principal for a presented token, when the token is valid, unexpired and its account enabled. */
  public static Optional<Principal> byToken(DSLContext dsl, String tokenHash, boolean viaCookie) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // plain JDBC (store.Sql): every token is looked up again each time its cache entry lapses (AuthHandler)
    return dsl.connectionResult(c -> {
      try (var q = c.prepareStatement(BY_TOKEN)) {
        q.setString(1, tokenHash);
        q.setObject(2, now);
        try (var r = q.executeQuery()) {
          return r.next() ? Optional.of(new Principal(r.getLong(1), r.getString(2), r.getString(3), r.getBoolean(4),
              tokenHash, viaCookie, r.getString(5))) : Optional.<Principal>empty();
        }
      }
    });
  }

  private static final String BY_TOKEN = "select a.id, a.email, a.display_name, a.is_admin, t.csrf_token"
      + " from auth_token t join account a on a.id = t.account_id"
      + " where t.token_hash = ? and t.revoked = false and a.disabled = false"
      + " and (t.expires_at is null or t.expires_at > ?)";

  public static void revokeToken(DSLContext dsl, String tokenHash) {
    AuthHandler.forget(tokenHash);
    dsl.update(AUTH_TOKEN).set(AUTH_TOKEN.REVOKED, true).where(AUTH_TOKEN.TOKEN_HASH.eq(tokenHash)).execute();
  }

  /** Revokes every session and API token of an account (disabling, password reset). */
  public static int revokeAll(DSLContext dsl, long accountId) {
    AuthHandler.forgetAccount(accountId);
    return dsl.update(AUTH_TOKEN).set(AUTH_TOKEN.REVOKED, true)
        .where(AUTH_TOKEN.ACCOUNT_ID.eq(accountId)).and(AUTH_TOKEN.REVOKED.isFalse()).execute();
  }

  public static void setPasswordHash(DSLContext dsl, long accountId, String hash) {
    dsl.update(ACCOUNT).set(ACCOUNT.PASSWORD_HASH, hash).where(ACCOUNT.ID.eq(accountId)).execute();
  }

  public static void setDisabled(DSLContext dsl, long accountId, boolean disabled) {
    AuthHandler.forgetAccount(accountId);
    dsl.update(ACCOUNT).set(ACCOUNT.DISABLED, disabled).where(ACCOUNT.ID.eq(accountId)).execute();
  }

  /** A long-lived API token as its owner sees it; {@code id} is a prefix of the token's hash, not a secret. */
  public record ApiToken(String id, String label, OffsetDateTime createdAt, OffsetDateTime expiresAt) {}

  public static String tokenId(String tokenHash) {
    return tokenHash.substring(0, 16);
  }

  public static void storeApiToken(DSLContext dsl, String tokenHash, long accountId, String label,
      OffsetDateTime expiresAt) {
    dsl.insertInto(AUTH_TOKEN)
        .set(AUTH_TOKEN.TOKEN_HASH, tokenHash)
        .set(AUTH_TOKEN.ACCOUNT_ID, accountId)
        .set(AUTH_TOKEN.KIND, "api")
        .set(AUTH_TOKEN.LABEL, label)
        .set(AUTH_TOKEN.EXPIRES_AT, expiresAt)
        .execute();
  }

  /** The account's live API tokens, newest first. */
  public static java.util.List<ApiToken> apiTokens(DSLContext dsl, long accountId) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return dsl.selectFrom(AUTH_TOKEN)
        .where(AUTH_TOKEN.ACCOUNT_ID.eq(accountId)).and(AUTH_TOKEN.KIND.eq("api")).and(AUTH_TOKEN.REVOKED.isFalse())
        .and(AUTH_TOKEN.EXPIRES_AT.isNull().or(AUTH_TOKEN.EXPIRES_AT.gt(now)))
        .orderBy(AUTH_TOKEN.CREATED_AT.desc())
        .fetch(r -> new ApiToken(tokenId(r.getTokenHash()), r.getLabel(), r.getCreatedAt(), r.getExpiresAt()));
  }

  /** Revokes one of the account's own API tokens by id; false when it has none such. */
  public static Optional<ApiToken> revokeApiToken(DSLContext dsl, long accountId, String id) {
    if (id == null || !id.matches("[0-9a-f]{16}")) {
      return Optional.empty();
    }
    Optional<ApiToken> found = apiTokens(dsl, accountId).stream().filter(t -> t.id().equals(id)).findFirst();
    found.ifPresent(t -> AuthHandler.forgetAccount(accountId));
    found.ifPresent(t -> dsl.update(AUTH_TOKEN).set(AUTH_TOKEN.REVOKED, true)
        .where(AUTH_TOKEN.ACCOUNT_ID.eq(accountId)).and(AUTH_TOKEN.KIND.eq("api"))
        .and(AUTH_TOKEN.TOKEN_HASH.startsWith(id)).execute());
    return found;
  }

  private static Account toAccount(AccountRecord r) {
    return new Account(r.getId(), r.getEmail(), r.getDisplayName(), r.getIsAdmin(), r.getDisabled(),
        r.getPasswordHash());
  }
}
