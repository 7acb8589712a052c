package org.plenary.access;

import static org.plenary.schema.Tables.NEGOTIATION;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenary.events.AuditLog;
import org.plenary.http.Http;
import org.plenary.http.Problem;
import org.plenary.store.Database;

/**
 * Writes refused requests to the audit log: every 403, and every 404 inside a negotiation that exists
 * (someone probing a negotiation they do not take part in). A failure handler, so it sees the guard's
 * refusals and the handlers' own alike; the request's transaction has rolled back by then, so the event
 * is written in a transaction of its own. Then the problem goes on to the client as usual.
 */
public final class DeniedAccessLog implements Handler<RoutingContext> {
  private static final Pattern IN_NEGOTIATION = Pattern.compile("/negotiations/(\\d{1,18})(/.*)?");

  private final Database db;

  public DeniedAccessLog(Database db) {
    this.db = db;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Problem problem = problem(ctx.failure());
    int status = problem != null ? problem.status() : ctx.statusCode();
    Principal principal = ctx.get(Http.PRINCIPAL);
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
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("method", ctx.request().method().name());
    payload.put("path", path.length() > 300 ? path.substring(0, 300) : path);
    payload.put("status", status);
    if (problem != null && problem.detail() != null) {
      payload.put("detail", problem.detail().length() > 300 ? problem.detail().substring(0, 300) : problem.detail());
    }
    db.tx(dsl -> {
      Long chain = negotiation != null && dsl.fetchExists(NEGOTIATION, NEGOTIATION.ID.eq(negotiation)) ? negotiation : null;
      if (negotiation != null && chain == null) {
        return null; // an unknown negotiation: nothing to protect, nothing to log
      }
      Membership member = ctx.get(Policy.MEMBERSHIP);
      String subject = chain == null ? "route:" + ctx.request().method().name() + " " + payload.get("path")
          : "negotiation:" + chain;
      AuditLog.append(dsl, chain, new AuditLog.Actor(principal.accountId(), member == null ? null : member.delegation()),
          "access.denied", subject.length() > 200 ? subject.substring(0, 200) : subject, payload);
      return null;
    }).onComplete(ar -> ctx.next());
  }

  private static Problem problem(Throwable t) {
    for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
      if (t instanceof Problem p) {
        return p;
      }
    }
    return null;
  }
}
