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
    return dsl.select(ACCOUNT.ID, ACCOUNT.EMAIL, ACCOUNT.DISPLAY_NAME, ACCOUNT.IS_ADMIN, AUTH_TOKEN.CSRF_TOKEN)
        .from(AUTH_TOKEN).join(ACCOUNT).on(ACCOUNT.ID.eq(AUTH_TOKEN.ACCOUNT_ID))
        .where(AUTH_TOKEN.TOKEN_HASH.eq(tokenHash))
        .and(AUTH_TOKEN.REVOKED.isFalse())
        .and(ACCOUNT.DISABLED.isFalse())
        .and(AUTH_TOKEN.EXPIRES_AT.isNull().or(AUTH_TOKEN.EXPIRES_AT.gt(now)))
        .fetchOptional(r -> new Principal(r.value1(), r.value2(), r.value3(), r.value4(), tokenHash, viaCookie,
            r.value5()));
  }

  public static void revokeToken(DSLContext dsl, String tokenHash) {
    AuthHandler.forget(tokenHash);
    dsl.update(AUTH_TOKEN).set(AUTH_TOKEN.REVOKED, true).where(AUTH_TOKEN.TOKEN_HASH.eq(tokenHash)).execute();
  }

  private static Account toAccount(AccountRecord r) {
    return new Account(r.getId(), r.getEmail(), r.getDisplayName(), r.getIsAdmin(), r.getDisabled(),
        r.getPasswordHash());
  }
}
