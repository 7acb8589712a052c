package org.plenary.compile;

import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenary.access.AuthHandler;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.http.Http;
import org.plenary.http.Problem;
import org.plenary.http.ReadyBody;
import org.plenary.http.Routes;
import org.plenary.http.StreamedBody;
import org.plenary.store.Changes;
import org.plenary.store.Database;
import org.plenary.store.StampedCache;

/**
 * The consolidated comments document and the Akoma Ntoso export of a revision; for participants only
 * (others get 404).
 *
 * <pre>
 *   curl -s "localhost:8080/api/v1/negotiations/1/revisions/1/compilation?format=docx&group=ARAB" \
 *        -H "Authorization: Bearer $TOKEN" -OJ          # → Res88-Zero-draft-compilation.docx
 *   curl -s localhost:8080/api/v1/negotiations/1/revisions/1/akn -H "Authorization: Bearer $TOKEN"
 * </pre>
 */
public final class CompilationRoutes {
  private static final String AKN_TYPE = "application/akn+xml; charset=utf-8";
  private static final Set<String> AKN_OPTIONS = Set.of("attributed", "lang", "itu");
  private static final Pattern RESOLUTION = Pattern.compile("(?i)(?:resolution|res\\.?|القرار|قرار)\\s*(\\d+)");

  private final Database db;
  private final Changes changes;
  /**
   * Compilations of revisions that can no longer take proposals (a closed comment window, a newer revision
   * published), as ready bytes, per (negotiation, revision, query, UTC day: the document prints the day it is
   * made), stamped with the negotiation's content generation taken before the read (any proposal, co-sponsor,
   * fate, comment window or revision change moves it: see {@code store.Changes}). Never a revision that still
   * takes proposals, never a filter on a group (group memberships are reference data, outside the negotiation's
   * generations).
   */
  private final StampedCache<Frozen, Ready> frozen = new StampedCache<>(1_000, FROZEN_BYTES, Ready::weight);

  /** About the bytes the frozen compilations may hold. */
  static final long FROZEN_BYTES = 64L << 20;

  private record Frozen(long negotiationId, long revisionId, Query query, LocalDate day) {}

  /** A rendered document and its file name. */
  private record Ready(ReadyBody body, String fileName) {
    long weight() {
      return body.weight() + fileName.length() * 2L;
    }
  }

  public CompilationRoutes(Database db) {
    this(db, Changes.none());
  }

  /** With {@code changes}, the compilations of revisions that no longer take proposals are kept as ready bytes. */
  public CompilationRoutes(Database db, Changes changes) {
    this.db = db;
    this.changes = changes;
  }

  public void mount(Routes api) {
    api.get("/negotiations/:n/revisions/:r/compilation").handler(this::compilation);
    api.get("/negotiations/:n/revisions/:r/akn").handler(this::akn);
  }

  private void compilation(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    Query q = query(ctx);
    Format f = q.format();
    // The policy guard has let the caller through before: a participant, and a delegate never on an editing
    // revision. A ready copy (or its 304) is only ever sent after that check.
    Instant now = Instant.now();
    Frozen key = q.options().groups().isEmpty() ? new Frozen(n, r, q, LocalDate.ofInstant(now, ZoneOffset.UTC)) : null;
    long stamp = changes.content(n); // before the read: see store.Changes
    Ready ready = key == null ? null : frozen.get(key, stamp);
    if (ready != null) {
      sendReady(ctx, f, ready);
      return;
    }
    load(p, n, r, now).compose(l -> ctx.vertx().executeBlocking(() -> build(l, q, "compilation",
        key != null && l.frozen()), false)).onSuccess(built -> deliver(ctx, f, built, key, stamp)).onFailure(ctx::fail);
  }

  /** A frozen compilation kept and sent from memory; any other streamed as it is rendered. */
  private void deliver(RoutingContext ctx, Format f, Built built, Frozen key, long stamp) {
    if (built.ready() != null) {
      frozen.put(key, stamp, built.ready());
      sendReady(ctx, f, built.ready());
    } else {
      stream(ctx, f.mediaType(), built.fileName(), attachment(f), f == Format.HTML,
          out -> f.exporter().write(built.doc(), out));
    }
  }

  /** A document's format and options from the query ({@code ?format=docx&lang=ar&attributed=false…}). */
  public record Query(Format format, CompilationOptions options, boolean languageGiven) {}

  /**
   * The query of a consolidated document, refused with a 400 naming each bad parameter; {@code own} names the
   * route's own parameters, which are not the document's.
   */
  public static Query query(RoutingContext ctx, String... own) {
    Map<String, List<String>> params = params(ctx);
    for (String name : own) {
      params.remove(name);
    }
    List<String> formats = params.getOrDefault("format", List.of("html"));
    Format format = formats.size() == 1 ? Format.fromCode(formats.get(0)) : null;
    List<Problem.FieldError> errors = new ArrayList<>();
    if (format == null) {
      errors.add(new Problem.FieldError("format", "must be one of docx, html, md, json, csv (once)"));
    }
    CompilationOptions checked = options(params, errors);
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    return new Query(format, checked, params.containsKey("lang"));
  }

  /**
   * Builds the consolidated document of {@code loaded} as {@code q} asks, off the event loop, and streams it
   * named "…-{@code name}.{extension}" (the compilation, or a group's notes: the same exporters, the same
   * fidelity). Everything that can fail is decided before the first byte (problem+json); only the rendering is
   * streamed.
   */
  public static void respond(RoutingContext ctx, Query q, io.vertx.core.Future<CompilationRepository.Loaded> loaded,
      String name) {
    Format f = q.format();
    loaded.compose(l -> ctx.vertx().executeBlocking(() -> build(l, q, name, false), false))
        .onSuccess(built -> stream(ctx, f.mediaType(), built.fileName(), attachment(f), f == Format.HTML,
            out -> f.exporter().write(built.doc(), out)))
        .onFailure(ctx::fail);
  }

  /** A document built (to be streamed), or rendered whole ({@code ready}). */
  private record Built(ConsolidatedDocument doc, String fileName, Ready ready) {}

  /** The document, to be streamed; or with {@code whole}, rendered into memory (it will not change). */
  private static Built build(CompilationRepository.Loaded l, Query q, String name, boolean whole) {
    CompilationOptions o = q.languageGiven() ? q.options() : q.options().withLanguage(l.defaultLanguage());
    ConsolidatedDocument doc = CompilationBuilder.build(l.source(), o);
    String fileName = fileName(l.source(), name + "." + q.format().extension());
    if (!whole) {
      return new Built(doc, fileName, null);
    }
    Format f = q.format();
    return new Built(null, fileName, new Ready(ReadyBody.of(f.mediaType(), render(out -> f.exporter().write(doc, out))),
        fileName));
  }

  private static boolean attachment(Format f) {
    return f == Format.DOCX || f == Format.CSV;
  }

  private void akn(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    Map<String, List<String>> params = params(ctx);
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String name : params.keySet()) {
      if (!AKN_OPTIONS.contains(name)) {
        errors.add(new Problem.FieldError(name, "unknown option; the Akoma Ntoso export takes attributed, lang and itu"));
      }
    }
    CompilationOptions checked = options(params, errors);
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    load(p, n, r, Instant.now()).compose(loaded -> ctx.vertx().executeBlocking(() -> {
      CompilationOptions o = params.containsKey("lang") ? checked : checked.withLanguage(loaded.defaultLanguage());
      return new Built(CompilationBuilder.build(loaded.source(), o), fileName(loaded.source(), "akn.xml"), null);
    }, false)).onSuccess(built -> stream(ctx, AKN_TYPE, built.fileName(), false, false,
        out -> new AknExporter().write(built.doc(), out))).onFailure(ctx::fail);
  }

  /** The revision's compilation source, for a member of the negotiation. */
  private io.vertx.core.Future<CompilationRepository.Loaded> load(Principal p, long n, long r, Instant now) {
    return db.read(dsl -> {
      Membership.require(dsl, n, p);
      return CompilationRepository.load(dsl, n, r, now).orElseThrow(() -> Problem.notFound("revision " + r));
    });
  }

  private static byte[] render(StreamedBody.Writer body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    try {
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void headers(RoutingContext ctx, String contentType, String fileName, boolean attachment,
      boolean html) {
    var response = ctx.response()
        .putHeader("Content-Type", contentType)
        .putHeader("Content-Disposition", disposition(attachment, fileName));
    if (html) {
      // The page carries delegations' text: no script, no outside resource, only its own style.
      response.putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    }
  }

  /** Sent as it is rendered; never kept by a browser (the compilation of an open window changes). */
  private static void stream(RoutingContext ctx, String contentType, String fileName, boolean attachment,
      boolean html, StreamedBody.Writer body) {
    headers(ctx, contentType, fileName, attachment, html);
    ctx.response().putHeader("Cache-Control", "private, no-store");
    StreamedBody.send(ctx, body);
  }

  /** From memory, with its ETag (304 on If-None-Match). */
  private static void sendReady(RoutingContext ctx, Format f, Ready ready) {
    headers(ctx, f.mediaType(), ready.fileName(), attachment(f), f == Format.HTML);
    ready.body().send(ctx);
  }

  private static Map<String, List<String>> params(RoutingContext ctx) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : ctx.queryParams().names()) {
      out.put(name, ctx.queryParams().getAll(name));
    }
    return out;
  }

  /** The options without {@code format}, its errors added to {@code errors}. */
  private static CompilationOptions options(Map<String, List<String>> params, List<Problem.FieldError> errors) {
    Map<String, List<String>> rest = new LinkedHashMap<>(params);
    rest.remove("format");
    try {
      return CompilationOptions.parse(rest, Language.AR);
    } catch (CompilationOptions.Invalid e) {
      e.errors().forEach(x -> errors.add(new Problem.FieldError(x.getKey(), x.getValue())));
      return null;
    }
  }

  /**
   * "Res88-Rev.1-compilation.docx": a short name from the title ("Resolution 88", "القرار 88" → Res88) and
   * the revision label, in ASCII (safe in every browser and file system).
   */
  static String fileName(CompilationSource s, String suffix) {
    Matcher m = RESOLUTION.matcher(s.negotiationTitle());
    String title = m.find() ? "Res" + m.group(1) : slug(s.negotiationTitle(), 40);
    String label = slug(s.revisionLabel(), 30);
    return (title.isEmpty() ? "Negotiation" + s.negotiationId() : title) + "-"
        + (label.isEmpty() ? "Revision" + s.revisionId() : label) + "-" + suffix;
  }

  /** Letters, digits, dots of the text in ASCII, words joined by "-". */
  private static String slug(String text, int max) {
    String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String s = ascii.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("-{2,}", "-").replaceAll("^[-.]+|[-.]+$", "");
    return s.length() > max ? s.substring(0, max).replaceAll("[-.]+$", "") : s;
  }

  private static String disposition(boolean attachment, String name) {
    return (attachment ? "attachment" : "inline") + "; filename=\"" + name + "\"; filename*=UTF-8''"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
