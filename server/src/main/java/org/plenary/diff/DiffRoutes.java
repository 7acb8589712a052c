package org.plenary.diff;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.http.Http;
import org.plenary.http.Json;
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

  private final Database db;

  public DiffRoutes(Database db) {
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/negotiations/:n/diff").handler(this::diff);
  }

  private void diff(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    List<Problem.FieldError> errors = new ArrayList<>();
    Request req = parse(ctx.queryParams(), errors);
    db.read(dsl -> {
      // Membership first: an outsider gets 404 whatever the parameters say.
      Membership m = Membership.require(dsl, n, p);
      if (!errors.isEmpty()) {
        throw Problem.invalid(errors);
      }
      Map<Long, RevisionTexts.Loaded> loaded = RevisionTexts.load(dsl, n, req.from(), req.to());
      RevisionTexts.Loaded from = RevisionTexts.of(loaded, req.from()).filter(r -> m.seesRevision(r.state()))
          .orElseThrow(() -> Problem.notFound("revision " + req.from()));
      RevisionTexts.Loaded to = RevisionTexts.of(loaded, req.to()).filter(r -> m.seesRevision(r.state()))
          .orElseThrow(() -> Problem.notFound("revision " + req.to()));
      // Still on the worker (no connection is held between statements): diff and render here too.
      return render(n, from, to, req);
    }).onSuccess(body -> ctx.response()
            .putHeader("Content-Type", body.contentType())
            .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
            .putHeader("X-Content-Type-Options", "nosniff")
            .end(body.bytes()))
        .onFailure(ctx::fail);
  }

  private record Body(String contentType, Buffer bytes) {}

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
    RevisionDiff.Result result = RevisionDiff.compare(from.paragraphs(), to.paragraphs(), req.options());
    return switch (req.format()) {
      case JSON -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("negotiation", negotiation);
        out.put("from", revision(from));
        out.put("to", revision(to));
        out.put("ignore", req.options().ignoreCodes());
        out.putAll(DiffJson.revision(result));
        yield new Body("application/json; charset=utf-8", Buffer.buffer(Json.bytes(out)));
      }
      case HTML -> new Body("text/html; charset=utf-8", Buffer.buffer(DiffHtml.revision(result, from.label(),
          to.label(), req.layout(), language(to)).getBytes(StandardCharsets.UTF_8)));
      case TEXT -> new Body("text/plain; charset=utf-8", Buffer.buffer(
          DiffText.revision(result, from.label(), to.label()).getBytes(StandardCharsets.UTF_8)));
    };
  }

  private static Map<String, Object> revision(RevisionTexts.Loaded r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("seq", r.seq());
    m.put("label", r.label());
    m.put("bracketCount", r.bracketCount());
    return m;
  }

  private static String language(RevisionTexts.Loaded r) {
    long rtl = r.paragraphs().stream().filter(p -> "rtl".equals(p.direction())).count();
    return rtl * 2 >= r.paragraphs().size() ? "ar" : "en";
  }
}
