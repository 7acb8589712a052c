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
 * node behind a load balancer sees the same count. A successful login clears its email's failures.
 *
 * <p>Check and count are one step, so parallel guesses cannot slip past the limit: an attempt first
 * {@link #reserve reserves} a slot, a failure row committed before its password is checked, and is
 * {@link #admitted admitted} only if the window, its own row included, holds no more rows than the limit.
 * Every admitted attempt's row is committed before it counts, so the last of any set of admitted attempts
 * sees them all: at most the limit are ever checked, on any number of nodes. Racing attempts may refuse each
 * other at the boundary (each sees the other's reservation); the refused ones remove their rows. A failed
 * check keeps its row as the failure; a successful one clears the email's rows.
 *
 * <pre>
 *   Slot slot = db.tx(dsl -> throttle.reserve(dsl, email, address));     // committed
 *   long wait = db.tx(dsl -> throttle.admitted(dsl, slot) ? check password : 429);
 * </pre>
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

  /** An attempt's reserved failure row, or the seconds to wait when none could be reserved. */
  public record Slot(long id, String email, String address, long retryAfter) {
    public boolean reserved() {
      return retryAfter == 0;
    }
  }

  /**
   * Reserves a slot for one attempt: its failure row, inserted now (to be committed before the password is
   * checked), or the seconds to wait when the window is already full (nothing inserted).
   */
  public Slot reserve(DSLContext dsl, String email, String address) {
    long wait = retryAfterSeconds(dsl, email, address);
    if (wait > 0) {
      return new Slot(0, email, address, wait);
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // Forget what no longer counts, so the table stays the size of one window.
    dsl.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.FAILED_AT.lt(now.minus(window))).execute();
    long id = dsl.insertInto(LOGIN_FAILURE).set(LOGIN_FAILURE.EMAIL, email).set(LOGIN_FAILURE.IP, address)
        .set(LOGIN_FAILURE.FAILED_AT, now).returningResult(LOGIN_FAILURE.ID).fetchOne().value1();
    return new Slot(id, email, address, 0);
  }

  /**
   * Whether a committed reservation is within the limits; if not, its row is removed and the attempt must be
   * refused with {@link #retryAfterSeconds} (at least 1).
   */
  public boolean admitted(DSLContext dsl, Slot slot) {
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minus(window);
    int byEmail = dsl.fetchCount(LOGIN_FAILURE, LOGIN_FAILURE.EMAIL.eq(slot.email())
        .and(LOGIN_FAILURE.FAILED_AT.gt(since)));
    int byAddress = dsl.fetchCount(LOGIN_FAILURE, LOGIN_FAILURE.IP.eq(slot.address())
        .and(LOGIN_FAILURE.FAILED_AT.gt(since)));
    if (byEmail <= maxPerEmail && byAddress <= maxPerAddress) {
      return true;
    }
    dsl.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.ID.eq(slot.id())).execute();
    return false;
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

  public void clear(DSLContext dsl, String email) {
    dsl.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.EMAIL.eq(email)).execute();
  }

}
