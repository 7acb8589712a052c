package org.plenary.diff;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plenary.access.AuthHandler;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.http.Http;
import org.plenary.http.Problem;
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

  private final Database db;
  final RevisionTexts.Cache texts;
  final DiffCache<String, Body> results;

  public DiffRoutes(Database db) {
    this(db, TEXT_CACHE_BYTES, RESULT_CACHE_BYTES);
  }

  DiffRoutes(Database db, long textCacheBytes, long resultCacheBytes) {
    this.db = db;
    this.texts = new RevisionTexts.Cache(textCacheBytes);
    this.results = new DiffCache<>(resultCacheBytes, b -> b.bytes().length() + 256L);
  }

  public void mount(Router api) {
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
    db.read(dsl -> {
      // Membership first, on every request and before any cache: an outsider gets 404 whatever the
      // parameters say, and what a member may see is checked against the revisions' current state.
      Membership m = Membership.require(dsl, n, p);
      if (!errors.isEmpty()) {
        throw Problem.invalid(errors);
      }
      Map<Long, RevisionTexts.Loaded> loaded = RevisionTexts.load(dsl, n, req.from(), req.to(), texts);
      RevisionTexts.Loaded from = RevisionTexts.of(loaded, req.from()).filter(r -> m.seesRevision(r.state()))
          .orElseThrow(() -> Problem.notFound("revision " + req.from()));
      RevisionTexts.Loaded to = RevisionTexts.of(loaded, req.to()).filter(r -> m.seesRevision(r.state()))
          .orElseThrow(() -> Problem.notFound("revision " + req.to()));
      boolean immutable = RevisionTexts.PUBLISHED.equals(from.state()) && RevisionTexts.PUBLISHED.equals(to.state());
      String key = immutable ? cacheKey(n, from, to, req) : null;
      Body cached = key == null || fresh ? null : results.get(key);
      if (cached != null) {
        return cached;
      }
      // Still on the worker (no connection is held between statements): diff and render here too.
      Body body = render(n, from, to, req);
      if (key != null) {
        results.put(key, body);
      }
      return body;
    }).onSuccess(body -> {
      ctx.response()
          .putHeader("ETag", body.etag())
          .putHeader("Cache-Control", "private, no-cache")
          .putHeader("Vary", "Authorization")
          .putHeader("X-Content-Type-Options", "nosniff");
      if (matches(ctx.request().getHeader("If-None-Match"), body.etag())) {
        ctx.response().setStatusCode(304).end();
        return;
      }
      ctx.response()
          .putHeader("Content-Type", body.contentType())
          .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
          .end(body.bytes());
    }).onFailure(ctx::fail);
  }

  /**
   * What a rendered diff between two published revisions depends on: the revisions (their paragraphs
   * never change once published; label and bracket count are in the key in case they are edited), the
   * format, the options and the layout.
   */
  static String cacheKey(long n, RevisionTexts.Loaded from, RevisionTexts.Loaded to, Request req) {
    return n + "|" + from.id() + "|" + to.id() + "|" + req.format() + "|" + String.join(",", req.options().ignoreCodes())
        + "|" + req.options().cleanup() + "|" + (req.format() == Format.HTML ? req.layout() : "") + "|"
        + from.seq() + "|" + from.bracketCount() + "|" + from.label() + "|" + to.seq() + "|" + to.bracketCount()
        + "|" + to.label();
  }

  /** Whether an {@code If-None-Match} header names this strong entity tag (or is {@code *}). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String t : ifNoneMatch.split(",")) {
      String tag = t.strip();
      if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  /** A rendered diff and its strong entity tag (a hash of its bytes and type). */
  record Body(String contentType, Buffer bytes, String etag) {
    static Body of(String contentType, byte[] bytes) {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(contentType.getBytes(StandardCharsets.UTF_8));
        byte[] h = sha.digest(bytes);
        return new Body(contentType, Buffer.buffer(bytes),
            "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 18)) + "\"");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
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

  private static Body render(long negotiation, RevisionTexts.Loaded from, RevisionTexts.Loaded to, Request req) {
    RevisionDiff.Result result = RevisionDiff.compare(from.paragraphs(), to.paragraphs(), req.options(),
        from.tokens(), to.tokens());
    return switch (req.format()) {
      case JSON -> Body.of("application/json; charset=utf-8",
          DiffJsonWriter.document(negotiation, from, to, req.options().ignoreCodes(), result));
      case HTML -> Body.of("text/html; charset=utf-8", DiffHtml.revision(result, from.label(),
          to.label(), req.layout(), language(to)).getBytes(StandardCharsets.UTF_8));
      case TEXT -> Body.of("text/plain; charset=utf-8",
          DiffText.revision(result, from.label(), to.label()).getBytes(StandardCharsets.UTF_8));
    };
  }

  private static String language(RevisionTexts.Loaded r) {
    long rtl = r.paragraphs().stream().filter(p -> "rtl".equals(p.direction())).count();
    return rtl * 2 >= r.paragraphs().size() ? "ar" : "en";
  }
}
