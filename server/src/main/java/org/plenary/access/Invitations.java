package org.plenary.access;

import static org.plenary.schema.Tables.INVITATION;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * One-time tokens with which an invited participant, or one whose password the secretariat reset, sets a
 * password. Only the token's SHA-256 is stored; a token works once and expires.
 */
public final class Invitations {
  public static final Duration LIFETIME = Duration.ofDays(7);

  /** A token just issued: the secret goes to the caller once, never into the database or the log. */
  public record Issued(String token, OffsetDateTime expiresAt, String purpose) {}

  /** A valid, unused invitation. */
  public record Pending(String tokenHash, long accountId, Long negotiationId, String purpose, Long createdBy) {}

  private Invitations() {}

  /** Issues a token; earlier unused tokens of the same account stop working. */
  public static Issued issue(DSLContext dsl, long accountId, Long negotiationId, String purpose, long createdBy) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    dsl.update(INVITATION).set(INVITATION.USED_AT, now)
        .where(INVITATION.ACCOUNT_ID.eq(accountId)).and(INVITATION.USED_AT.isNull()).execute();
    String token = Passwords.newToken();
    OffsetDateTime expires = now.plus(LIFETIME);
    dsl.insertInto(INVITATION)
        .set(INVITATION.TOKEN_HASH, Passwords.sha256(token))
        .set(INVITATION.ACCOUNT_ID, accountId)
        .set(INVITATION.NEGOTIATION_ID, negotiationId)
        .set(INVITATION.PURPOSE, purpose)
        .set(INVITATION.CREATED_BY, createdBy)
        .set(INVITATION.CREATED_AT, now)
        .set(INVITATION.EXPIRES_AT, expires)
        .execute();
    return new Issued(token, expires, purpose);
  }

  /** The pending invitation for a presented token, locked for this transaction. */
  public static Optional<Pending> pending(DSLContext dsl, String token) {
    return dsl.selectFrom(INVITATION)
        .where(INVITATION.TOKEN_HASH.eq(Passwords.sha256(token)))
        .and(INVITATION.USED_AT.isNull())
        .and(INVITATION.EXPIRES_AT.gt(OffsetDateTime.now(ZoneOffset.UTC)))
        .forUpdate()
        .fetchOptional(r -> new Pending(r.getTokenHash(), r.getAccountId(), r.getNegotiationId(), r.getPurpose(),
            r.getCreatedBy()));
  }

  public static void markUsed(DSLContext dsl, String tokenHash) {
    dsl.update(INVITATION).set(INVITATION.USED_AT, OffsetDateTime.now(ZoneOffset.UTC))
        .where(INVITATION.TOKEN_HASH.eq(tokenHash)).execute();
  }
}
