package org.plenary.diff;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plenary.access.AuthHandler;
import org.plenary.access.Principal;
import org.plenary.http.Http;
import org.plenary.http.Problem;
import org.plenary.http.ReadyBody;
import org.plenary.http.Routes;
import org.plenary.store.Database;

/**
 * The revision diff over HTTP, for any two revisions of a negotiation (participants only).
 *
 * <pre>
 *   curl -s "localhost:8080/api/v1/negotiations/1/diff?from=1&amp;to=2&amp;ignore=diacritics,hamza" \
 *        -H "Authorization: Bearer $TOKEN"
 *   curl -s "localhost:8080/api/v1/negotiations/1/diff?from=1&amp;to=2&amp;format=html&amp;layout=side-by-side" …
 * </pre>
 */
public final class DiffRoutes {
  /** The output formats, by their {@code format} parameter. */
  enum Format {
    JSON, HTML, TEXT
  }

  /** A validated request. */
  record Request(long from, long to, Format format, DiffOptions options, DiffHtml.Layout layout) {}

  /** Room for the paragraphs of published revisions (a 30,000-word draft takes about 0.4 MB). */
  static final long TEXT_CACHE_BYTES = 64L << 20;
  /** Room for rendered diffs between published revisions (a 30,000-word diff is about 1 MB of JSON). */
  static final long RESULT_CACHE_BYTES = 48L << 20;

  private final DiffService diffs;
  private final org.plenary.store.Changes changes;
  /**
   * Diffs between two published revisions as sent, per (negotiation, query), stamped with the negotiation's
   * structure generation: served on the event loop, after the policy guard (whose membership comes from its own
   * cache), without a worker hop or a query. A diff involving an editing revision is never kept here.
   */
  private final org.plenary.store.StampedCache<Front, ReadyBody> front =
      new org.plenary.store.StampedCache<>(10_000, RESULT_CACHE_BYTES, b -> b.bytes().length() + 256L);

  private record Front(long negotiationId, Request request) {}

  public DiffRoutes(Database db) {
    this(db, org.plenary.store.Changes.none());
  }

  /** With {@code changes}, diffs between published revisions are answered from memory while the structure stays. */
  public DiffRoutes(Database db, org.plenary.store.Changes changes) {
    this.diffs = new DiffService(db, TEXT_CACHE_BYTES, RESULT_CACHE_BYTES);
    this.changes = java.util.Objects.requireNonNull(changes, "changes");
  }

  public void mount(Routes api) {
    api.get("/negotiations/:n/diff").handler(this::diff);
  }

  private void diff(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    List<Problem.FieldError> errors = new ArrayList<>();
    Request req = parse(ctx.queryParams(), errors);
    // "Cache-Control: no-cache" asks for a fresh computation (the texts may still come from memory).
    String cacheControl = ctx.request().getHeader("Cache-Control");
    boolean fresh = cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache");
    // The policy guard has let a member through (an outsider got 404 before any parameter was read).
    Front key = errors.isEmpty() ? new Front(n, req) : null;
    long stamp = changes.structure(n); // before the read: see store.Changes
    ReadyBody ready = key == null || fresh ? null : front.get(key, stamp);
    if (ready != null) {
      send(ctx, ready);
      return;
    }
    // the parameters' errors are reported after the membership check: an outsider learns nothing from them
    diffs.diff(p, n, () -> {
      if (!errors.isEmpty()) {
        throw Problem.invalid(errors);
      }
      return req;
    }, fresh).onSuccess(answer -> keepAndSend(ctx, key, stamp, answer)).onFailure(ctx::fail);
  }

  /** Sends the diff, kept in memory first when both revisions are published. */
  private void keepAndSend(RoutingContext ctx, Front key, long stamp, DiffService.Answer answer) {
    if (key != null && answer.published()) {
      front.put(key, stamp, answer.body());
    }
    send(ctx, answer.body());
  }

  /**
   * The diff with its strong ETag, or 304 when {@code If-None-Match} names it; HTML under a CSP that lets it run
   * nothing and load nothing (its styles are inline).
   */
  private static void send(RoutingContext ctx, ReadyBody body) {
    ctx.response().putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    body.send(ctx);
  }

  static Request parse(MultiMap q, List<Problem.FieldError> errors) {
    long from = revisionParam(q, "from", errors);
    long to = revisionParam(q, "to", errors);
    Format format = Format.JSON;
    String f = single(q, "format", errors);
    if (f != null) {
      try {
        format = Format.valueOf(f.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(new Problem.FieldError("format", "must be json, html or text (got " + f + ")"));
      }
    }
    DiffOptions options = DiffOptions.EXACT;
    List<String> ignore = q.getAll("ignore");
    try {
      options = DiffOptions.parse(String.join(",", ignore));
    } catch (IllegalArgumentException e) {
      errors.add(new Problem.FieldError("ignore", e.getMessage()));
    }
    DiffHtml.Layout layout = DiffHtml.Layout.INLINE;
    String l = single(q, "layout", errors);
    if (l != null) {
      layout = DiffHtml.Layout.fromCode(l);
      if (layout == null) {
        errors.add(new Problem.FieldError("layout", "must be inline or side-by-side (got " + l + ")"));
        layout = DiffHtml.Layout.INLINE;
      }
    }
    return new Request(from, to, format, options, layout);
  }

  private static String single(MultiMap q, String name, List<Problem.FieldError> errors) {
    List<String> all = q.getAll(name);
    if (all.size() > 1) {
      errors.add(new Problem.FieldError(name, "must be given once"));
      return null;
    }
    return all.isEmpty() ? null : all.get(0);
  }

  private static long revisionParam(MultiMap q, String name, List<Problem.FieldError> errors) {
    String raw = single(q, name, errors);
    if (raw == null) {
      if (!errors.stream().anyMatch(e -> e.field().equals(name))) {
        errors.add(new Problem.FieldError(name, "is required: the id of a revision of this negotiation"));
      }
      return -1;
    }
    try {
      long id = Long.parseLong(raw.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    errors.add(new Problem.FieldError(name, "must be a revision id, a positive integer (got " + raw + ")"));
    return -1;
  }

}
