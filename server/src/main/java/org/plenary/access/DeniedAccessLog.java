package org.plenary.access;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.http.Problem;
import org.plenary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records refused requests ({@code access.denied}): every 403, and every 404 inside a negotiation. A failure
 * handler, so it sees the guard's refusals and the handlers' own alike.
 *
 * <ul>
 *   <li>A refusal of a participant (or an administrator) goes to that negotiation's chain, where only its
 *       secretariat sees it (see {@code EventVisibility}); a refusal of anyone else, and any refusal outside a
 *       negotiation, goes to the global security log. An outsider's probing never reaches a negotiation's chain
 *       or live feed.</li>
 *   <li>Aggregated and rate-limited: per account and chain, the first refusal of a {@link #WINDOW_MILLIS} window
 *       is written at once, the rest are counted and written as one event ({@code "repeated": n}) when the
 *       window ends. A flood of refusals costs a few events a minute, not one per request.</li>
 *   <li>The response goes out first and the record is written after it, and nothing here reads the database:
 *       the time of a refusal does not depend on whether the negotiation exists.</li>
 * </ul>
 */
public final class DeniedAccessLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(DeniedAccessLog.class);
  private static final Pattern IN_NEGOTIATION = Pattern.compile("/negotiations/(\\d{1,18})(/.*)?");
  static final long WINDOW_MILLIS = 60_000;
  /** Distinct (account, chain) pairs tracked at once; beyond it refusals share one overflow tally. */
  static final int MAX_TALLIES = 10_000;

  private final Database db;
  private final Map<Key, Tally> tallies = new ConcurrentHashMap<>();

  public DeniedAccessLog(Database db) {
    this.db = db;
  }

  private record Key(long accountId, Long chain) {}

  /** Refusals of one key in the current window after the first, with the last one's details. */
  private static final class Tally {
    final String delegation;
    int repeated;
    Map<String, Object> last;

    Tally(String delegation) {
      this.delegation = delegation;
    }
  }

  /**
   * Writes the refusals counted in the windows still open (a stopping server calls it, so a flood just
   * before a restart is not lost); the writes go to the database's worker pool like every other record.
   */
  public void flush() {
    for (Key key : java.util.List.copyOf(tallies.keySet())) {
      Tally t = tallies.remove(key);
      if (t != null && t.repeated > 0) {
        write(key, t.delegation, t.last, t.repeated);
      }
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    Problem problem = problem(failure);
    DomainException domain = problem == null ? domain(failure) : null;
    int status = problem != null ? problem.status() : domain != null ? Problem.from(domain).status() : ctx.statusCode();
    Principal principal = ctx.get(AuthHandler.PRINCIPAL);
    if (status != 403 && status != 404 || principal == null) {
      ctx.next();
      return;
    }
    String mount = ctx.mountPoint() == null ? "" : ctx.mountPoint();
    String path = ctx.normalizedPath();
    String relative = path.startsWith(mount) ? path.substring(mount.length()) : path;
    Matcher m = IN_NEGOTIATION.matcher(relative.startsWith("/") ? relative : "/" + relative);
    Long negotiation = m.matches() ? Long.valueOf(m.group(1)) : null;
    if (negotiation == null && status == 404) {
      ctx.next();
      return;
    }
    Membership member = ctx.get(Policy.MEMBERSHIP);
    Long chain = member != null && negotiation != null && member.negotiationId() == negotiation ? negotiation : null;
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("method", ctx.request().method().name());
    payload.put("path", path.length() > 300 ? path.substring(0, 300) : path);
    payload.put("status", status);
    String detail = problem != null ? problem.detail() : domain != null ? domain.detail() : null;
    if (detail != null) {
      payload.put("detail", detail.length() > 300 ? detail.substring(0, 300) : detail);
    }
    String delegation = chain == null ? null : member.delegation();
    ctx.next(); // the refusal is answered first: its timing depends on nothing below
    record(ctx.vertx(), new Key(principal.accountId(), chain), delegation, payload);
  }

  private void record(Vertx vertx, Key wanted, String delegation, Map<String, Object> payload) {
    Key key = tallies.size() >= MAX_TALLIES && !tallies.containsKey(wanted) ? new Key(-1, null) : wanted;
    boolean[] first = {false};
    tallies.compute(key, (k, t) -> {
      if (t == null) {
        first[0] = true;
        return new Tally(delegation);
      }
      t.repeated++;
      t.last = payload;
      return t;
    });
    if (!first[0]) {
      return;
    }
    write(key, delegation, payload, 0);
    vertx.setTimer(WINDOW_MILLIS, id -> {
      Tally t = tallies.remove(key);
      if (t != null && t.repeated > 0) {
        write(key, delegation, t.last, t.repeated);
      }
    });
  }

  private void write(Key key, String delegation, Map<String, Object> payload, int repeated) {
    Map<String, Object> body = payload;
    if (repeated > 0) {
      body = new LinkedHashMap<>(payload);
      body.put("repeated", repeated);
      body.put("windowSeconds", WINDOW_MILLIS / 1000);
    }
    Map<String, Object> stored = body;
    String subject = key.chain() != null ? "negotiation:" + key.chain()
        : "route:" + payload.get("method") + " " + payload.get("path");
    Long account = key.accountId() < 0 ? null : key.accountId();
    db.tx(dsl -> AuditLog.append(dsl, key.chain(), new AuditLog.Actor(account, delegation), "access.denied",
        subject.length() > 200 ? subject.substring(0, 200) : subject, stored))
        .onFailure(e -> LOG.warn("could not record a refused request: {}", e.getMessage()));
  }

  private static Problem problem(Throwable t) {
    for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
      if (t instanceof Problem p) {
        return p;
      }
    }
    return null;
  }

  private static DomainException domain(Throwable t) {
    for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
      if (t instanceof DomainException d) {
        return d;
      }
    }
    return null;
  }
}
