package org.plenary.access;

import static org.plenary.schema.Tables.LOGIN_FAILURE;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * Login rate limit: at most {@code maxPerEmail} failed logins for one email and {@code maxPerAddress} from
 * one client address within a sliding window; beyond that, logins are refused (429) until the oldest
 * failure in the window ages out, without checking the password. Failures live in the database, so every
 * node behind a load balancer sees the same count (two nodes racing may each let one attempt more through:
 * the limit is a brake on guessing, not an exact quota). A successful login clears its email's failures.
 */
public final class LoginThrottle {
  private final int maxPerEmail;
  private final int maxPerAddress;
  private final Duration window;

  public LoginThrottle(int maxPerEmail, int maxPerAddress, Duration window) {
    if (maxPerEmail < 1 || maxPerAddress < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("login limits must be positive");
    }
    this.maxPerEmail = maxPerEmail;
    this.maxPerAddress = maxPerAddress;
    this.window = window;
  }

  /** Seconds to wait before the next attempt, or 0 when one may try now. */
  public long retryAfterSeconds(DSLContext dsl, String email, String address) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime since = now.minus(window);
    long wait = 0;
    wait = Math.max(wait, waitFor(dsl, LOGIN_FAILURE.EMAIL.eq(email), since, now, maxPerEmail));
    wait = Math.max(wait, waitFor(dsl, LOGIN_FAILURE.IP.eq(address), since, now, maxPerAddress));
    return wait;
  }

  private long waitFor(DSLContext dsl, org.jooq.Condition who, OffsetDateTime since, OffsetDateTime now, int max) {
    var times = dsl.select(LOGIN_FAILURE.FAILED_AT).from(LOGIN_FAILURE)
        .where(who).and(LOGIN_FAILURE.FAILED_AT.gt(since))
        .orderBy(LOGIN_FAILURE.FAILED_AT.desc())
        .limit(max)
        .fetch(LOGIN_FAILURE.FAILED_AT);
    if (times.size() < max) {
      return 0;
    }
    // The max-th most recent failure must leave the window before one more attempt is allowed.
    OffsetDateTime freeAt = times.get(max - 1).plus(window);
    return Math.max(1, Duration.between(now, freeAt).toSeconds() + 1);
  }

  public void recordFailure(DSLContext dsl, String email, String address) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    dsl.insertInto(LOGIN_FAILURE).set(LOGIN_FAILURE.EMAIL, email).set(LOGIN_FAILURE.IP, address)
        .set(LOGIN_FAILURE.FAILED_AT, now).execute();
    // Forget what no longer counts, so the table stays the size of one window.
    dsl.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.FAILED_AT.lt(now.minus(window))).execute();
  }

  public void clear(DSLContext dsl, String email) {
    dsl.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.EMAIL.eq(email)).execute();
  }

}
