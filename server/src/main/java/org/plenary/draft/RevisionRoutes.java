package org.plenary.draft;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenary.access.AuthHandler;
import org.plenary.access.Principal;
import org.plenary.http.Http;
import org.plenary.http.MediaTypes;
import org.plenary.http.Problem;
import org.plenary.http.Routes;
import org.plenary.store.Database;
import org.plenary.text.UserText;

/**
 * Uploading and reading revisions over HTTP; the rules are {@link RevisionService}'s.
 *
 * <pre>
 *   curl -s -X POST "localhost:8080/api/v1/negotiations/1/revisions?label=Zero%20draft" \
 *        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/plain; charset=utf-8' \
 *        --data-binary @ar-itu-res88-zero.txt
 *   curl -s localhost:8080/api/v1/negotiations/1/revisions/1 -H "Authorization: Bearer $TOKEN"
 * </pre>
 */
public final class RevisionRoutes {
  /** Room for ready published revisions and mappings (a 30,000-word revision is about 0.5 MB of JSON). */
  static final long PUBLISHED_BYTES = 64L << 20;

  private final RevisionService revisions;
  private final org.plenary.store.Changes changes;
  /**
   * Published revisions and their mappings as ready bytes, per (negotiation, revision, variant), stamped with the
   * negotiation's structure generation (a comment window or a label moves it). Never an editing revision: a
   * workspace changes, and delegates and observers may not see it.
   */
  private final org.plenary.store.StampedCache<Ready, org.plenary.http.ReadyBody> published =
      new org.plenary.store.StampedCache<>(10_000, PUBLISHED_BYTES, org.plenary.http.ReadyBody::weight);

  private record Ready(long negotiationId, long revisionId, String variant) {}

  /**
   * Told of every uploaded revision in its transaction (the merge detects what became of the proposals of the
   * revision before). An interface here, so {@code draft} does not depend on {@code merge}.
   */
  public interface Uploaded {
    void revision(org.jooq.DSLContext dsl, long negotiationId, long revisionId);
  }

  public RevisionRoutes(Database db, ImportGate imports) {
    this(db, imports, (dsl, n, r) -> { });
  }

  public RevisionRoutes(Database db, ImportGate imports, Uploaded uploaded) {
    this(db, imports, uploaded, org.plenary.store.Changes.none());
  }

  /** With {@code changes}, published revisions are served from memory while the negotiation's structure stays. */
  public RevisionRoutes(Database db, ImportGate imports, Uploaded uploaded, org.plenary.store.Changes changes) {
    this.revisions = new RevisionService(db, imports, uploaded);
    this.changes = java.util.Objects.requireNonNull(changes, "changes");
  }

  public void mount(Routes api) {
    api.post("/negotiations/:n/revisions").handler(this::upload);
    api.get("/negotiations/:n/revisions").handler(this::list);
    api.get("/negotiations/:n/revisions/:r").handler(this::get);
    api.get("/negotiations/:n/revisions/:r/mapping").handler(this::mappingTable);
    api.get("/negotiations/:n/revisions/:r/source").handler(this::source);
  }

  private void upload(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    SourceFormat format = format(ctx);
    String label = label(ctx);
    String sourceName = ctx.queryParams().get("name");
    if (sourceName != null && (sourceName.length() > 300 || UserText.problemWithName(sourceName) != null)) {
      throw Problem.invalid("name", "must be a file name of at most 300 characters without control characters");
    }
    Buffer body = ctx.body().buffer();
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    revisions.upload(ctx.vertx(), p, n, label, sourceName, format, bytes).onSuccess(stored -> {
      Map<String, Object> out = json(stored);
      out.put("mapping", Revisions.mapping(stored));
      ctx.response().putHeader("Location", "/api/v1/negotiations/" + n + "/revisions/" + out.get("id"));
      org.plenary.http.Json.send(ctx, 201, out);
    }).onFailure(ctx::fail);
  }

  /** The file the revision was uploaded from, byte for byte (a workspace built in Plenary has none: 404). */
  private void source(RoutingContext ctx) {
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    revisions.source(n, r).onSuccess(s -> {
      String name = s.name() != null ? s.name() : "revision-" + r + (s.mediaType().startsWith("text/markdown")
          ? ".md" : s.mediaType().startsWith("text/") ? ".txt" : ".docx");
      ctx.response()
          .putHeader("Content-Type", s.mediaType())
          .putHeader("Content-Disposition", org.plenary.http.ContentDisposition.attachment(name))
          .putHeader("ETag", "\"s" + s.sha256().substring(0, 32) + "\"")
          .putHeader("Cache-Control", "private, no-cache")
          .end(Buffer.buffer(s.content()));
    }).onFailure(ctx::fail);
  }

  /** The draft's format from its Content-Type: 415 for another type, 400 for text not in UTF-8. */
  private static SourceFormat format(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    SourceFormat format = SourceFormat.forMediaType(MediaTypes.essence(contentType));
    if (format == null) {
      throw Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "upload the draft as text/plain, text/markdown or " + MediaTypes.DOCX
              + (contentType == null ? " (no Content-Type was sent)" : " (got " + contentType + ")"));
    }
    String charset = MediaTypes.charset(contentType);
    if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")
        && format != SourceFormat.DOCX) {
      throw Problem.invalid("Content-Type", "only UTF-8 text is accepted (got charset " + charset + ")");
    }
    return format;
  }

  /** The {@code label} parameter, stripped (null without one: the server numbers the revision). */
  private static String label(RoutingContext ctx) {
    String label = ctx.queryParams().get("label");
    if (label != null) {
      label = label.strip();
      String problem = label.isEmpty() ? "must not be blank" : label.length() > 200
          ? "must be at most 200 characters" : UserText.problemWithName(label);
      if (problem != null) {
        throw Problem.invalid("label", problem);
      }
    }
    return label;
  }

  /**
   * The old number → new number table of a revision against the one it is based on: JSON rows, or with
   * {@code format=md} a Markdown table and {@code format=csv} CSV for a spreadsheet.
   */
  private void mappingTable(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    String format = ctx.queryParams().get("format");
    String f = format == null ? "json" : format.strip().toLowerCase(java.util.Locale.ROOT);
    if (!List.of("json", "md", "markdown", "csv").contains(f)) {
      throw Problem.invalid("format", "must be json, md or csv");
    }
    String variant = "mapping." + ("markdown".equals(f) ? "md" : f);
    Ready key = new Ready(n, r, variant);
    long stamp = changes.structure(n); // before the read: see store.Changes
    org.plenary.http.ReadyBody ready = published.get(key, stamp);
    if (ready != null) {
      ready.send(ctx, disposition(variant, r));
      return;
    }
    revisions.mapped(p, n, r).onSuccess(mapped -> {
      org.plenary.http.ReadyBody body = mapping(variant, mapped);
      if (PUBLISHED.equals(mapped.revision().revision().state())) {
        published.put(key, stamp, body);
      }
      body.send(ctx, disposition(variant, r));
    }).onFailure(ctx::fail);
  }

  private static final String PUBLISHED = "published";

  private static String disposition(String variant, long r) {
    return "mapping.csv".equals(variant) ? "attachment; filename=\"mapping-" + r + ".csv\"" : null;
  }

  private static org.plenary.http.ReadyBody mapping(String variant, RevisionService.Mapped mapped) {
    Revisions.Revision rev = mapped.revision();
    String fromLabel = mapped.basedOnLabel() == null ? "before" : mapped.basedOnLabel();
    List<Revisions.Mapping> rows = Revisions.mapping(rev);
    switch (variant) {
      case "mapping.md":
        return org.plenary.http.ReadyBody.text("text/markdown; charset=utf-8",
            MappingTable.markdown(rows, fromLabel, rev.revision().label()));
      case "mapping.csv":
        return org.plenary.http.ReadyBody.text("text/csv; charset=utf-8",
            MappingTable.csv(rows, fromLabel, rev.revision().label()));
      default:
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("revision", rev.revision().id());
        out.put("label", rev.revision().label());
        out.put("basedOn", rev.revision().basedOn());
        out.put("basedOnLabel", mapped.basedOnLabel());
        out.put("rows", rows);
        return org.plenary.http.ReadyBody.json(out);
    }
  }

  private void list(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    Http.respond(ctx, 200, revisions.list(p, n).map(list -> Map.of("revisions", list)));
  }

  private void get(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    // The policy guard has already checked the caller may see this revision (a delegate never an editing one).
    Ready key = new Ready(n, r, "json");
    long stamp = changes.structure(n); // before the read: see store.Changes
    org.plenary.http.ReadyBody ready = published.get(key, stamp);
    if (ready != null) {
      ready.send(ctx);
      return;
    }
    revisions.get(p, n, r).onSuccess(rev -> {
      org.plenary.http.ReadyBody body = org.plenary.http.ReadyBody.json(json(rev));
      if (PUBLISHED.equals(rev.revision().state())) {
        published.put(key, stamp, body);
      }
      body.send(ctx);
    }).onFailure(ctx::fail);
  }

  /** The revision's fields at the top level, then its paragraphs and the paragraphs it deleted. */
  static Map<String, Object> json(Revisions.Revision rev) {
    Revisions.Summary s = rev.revision();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("seq", s.seq());
    out.put("label", s.label());
    out.put("basedOn", s.basedOn());
    out.put("state", s.state());
    out.put("sourceFormat", s.sourceFormat());
    out.put("sourceName", s.sourceName());
    out.put("bracketCount", s.bracketCount());
    out.put("altCount", s.altCount());
    out.put("paragraphCount", s.paragraphCount());
    out.put("commentDeadline", s.commentDeadline());
    out.put("createdAt", s.createdAt());
    out.put("paragraphs", rev.paragraphs());
    out.put("deleted", rev.deleted());
    return out;
  }

  static List<String> acceptedTypes() {
    return List.of(SourceFormat.TEXT.mediaType(), SourceFormat.MARKDOWN.mediaType(), SourceFormat.DOCX.mediaType());
  }
}
