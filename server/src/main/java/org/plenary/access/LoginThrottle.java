package org.plenary.access;

import static org.plenary.schema.Tables.LOGIN_FAILURE;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import io.vertx.core.Future;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.plenary.store.Database;

/**
 * Login rate limit: at most {@code maxPerEmail} failed logins for one email and {@code maxPerAddress} from
 * one client address within a sliding window; beyond that, logins are refused (429) until the oldest
 * failure in the window ages out, without checking the password. Failures live in the database, so every
 * node behind a load balancer sees the same count. A successful login clears its email's failures.
 *
 * <p>Check and count are one step, so parallel guesses cannot slip past the limit: an attempt first
 * {@link #reserve reserves} its slot, a failure row committed before its password is checked, in a
 * transaction that holds a lock on its email and address (on this node a lock in the JVM; across nodes on
 * PostgreSQL, transaction-scoped advisory locks). The next attempt on the same email or address counts the
 * previous one's row, so exactly the limit are checked however many arrive at once. A failed check keeps its
 * row as the failure; a successful one clears the email's rows.
 *
 * <pre>
 *   throttle.reserve(db, email, address).compose(slot -> slot.reserved() ? check the password : 429)
 * </pre>
 */
public final class LoginThrottle {
  private final int maxPerEmail;
  private final int maxPerAddress;
  private final Duration window;
  /** Serialises this node's reservations up to their commit. */
  private final ReentrantLock reserving = new ReentrantLock();

  public LoginThrottle(int maxPerEmail, int maxPerAddress, Duration window) {
    if (maxPerEmail < 1 || maxPerAddress < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("login limits must be positive");
    }
    this.maxPerEmail = maxPerEmail;
    this.maxPerAddress = maxPerAddress;
    this.window = window;
  }

  /** An attempt's reserved failure row, or the seconds to wait when none could be reserved. */
  public record Slot(long id, long retryAfter) {
    public boolean reserved() {
      return retryAfter == 0;
    }
  }

  /**
   * Reserves a slot for one attempt and commits it: its failure row, or the seconds to wait when the window is
   * already full (nothing stored). Reservations of one email or address never run at the same time.
   */
  public Future<Slot> reserve(Database db, String email, String address) {
    return db.read(dsl -> {
      reserving.lock();
      try {
        return dsl.transactionResult(cfg -> reserveLocked(cfg.dsl(), email, address));
      } finally {
        reserving.unlock();
      }
    });
  }

  private Slot reserveLocked(DSLContext dsl, String email, String address) {
    if (dsl.dialect().family() == SQLDialect.POSTGRES) {
      // Other nodes: one advisory lock per email and per address, held to the commit, taken in one order.
      for (String key : new TreeSet<>(List.of("login-email:" + email, "login-address:" + address))) {
        dsl.fetch("select pg_advisory_xact_lock(hashtext(?))", key);
      }
    }
    long wait = retryAfterSeconds(dsl, email, address);
    if (wait > 0) {
      return new Slot(0, wait);
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // Forget what no longer counts, so the table stays the size of one window.
    dsl.deleteFrom(LOGIN_FAILURE).where(LOGIN_FAILURE.FAILED_AT.lt(now.minus(window))).execute();
    long id = dsl.insertInto(LOGIN_FAILURE).set(LOGIN_FAILURE.EMAIL, email).set(LOGIN_FAILURE.IP, address)
        .set(LOGIN_FAILURE.FAILED_AT, now).returningResult(LOGIN_FAILURE.ID).fetchOne().value1();
    return new Slot(id, 0);
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
