package org.plenary.compile;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
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
import org.plenary.store.Database;

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

  public CompilationRoutes(Database db) {
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/negotiations/:n/revisions/:r/compilation").handler(this::compilation);
    api.get("/negotiations/:n/revisions/:r/akn").handler(this::akn);
  }

  private void compilation(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    Query q = query(ctx);
    respond(ctx, q, load(p, n, r), "compilation");
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
   * Builds the consolidated document of {@code loaded} as {@code q} asks, off the event loop, and sends it named
   * "…-{@code name}.{extension}" (the compilation, or a group's notes: the same exporters, the same fidelity).
   */
  public static void respond(RoutingContext ctx, Query q, io.vertx.core.Future<CompilationRepository.Loaded> loaded,
      String name) {
    Format f = q.format();
    loaded.compose(l -> ctx.vertx().executeBlocking(() -> {
      CompilationOptions o = q.languageGiven() ? q.options() : q.options().withLanguage(l.defaultLanguage());
      ConsolidatedDocument doc = CompilationBuilder.build(l.source(), o);
      return new Rendered(render(out -> f.exporter().write(doc, out)),
          fileName(l.source(), name + "." + f.extension()), f.mediaType());
    }, false)).onSuccess(done -> send(ctx, done, f == Format.DOCX || f == Format.CSV, f == Format.HTML))
        .onFailure(ctx::fail);
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
    load(p, n, r).compose(loaded -> ctx.vertx().executeBlocking(() -> {
      CompilationOptions o = params.containsKey("lang") ? checked : checked.withLanguage(loaded.defaultLanguage());
      ConsolidatedDocument doc = CompilationBuilder.build(loaded.source(), o);
      return new Rendered(render(out -> new AknExporter().write(doc, out)), fileName(loaded.source(), "akn.xml"),
          AKN_TYPE);
    }, false)).onSuccess(done -> send(ctx, done, false, false)).onFailure(ctx::fail);
  }

  /** The revision's compilation source, for a member of the negotiation. */
  private io.vertx.core.Future<CompilationRepository.Loaded> load(Principal p, long n, long r) {
    return db.read(dsl -> {
      Membership.require(dsl, n, p);
      return CompilationRepository.load(dsl, n, r, Instant.now()).orElseThrow(() -> Problem.notFound("revision " + r));
    });
  }

  private record Rendered(byte[] body, String fileName, String contentType) {}

  private interface Body {
    void write(java.io.OutputStream out) throws IOException;
  }

  private static byte[] render(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    try {
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void send(RoutingContext ctx, Rendered done, boolean attachment, boolean html) {
    var response = ctx.response()
        .putHeader("Content-Type", done.contentType())
        .putHeader("Content-Disposition", disposition(attachment, done.fileName()))
        .putHeader("Cache-Control", "private, no-store");
    if (html) {
      // The page carries delegations' text: no script, no outside resource, only its own style.
      response.putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    }
    response.end(Buffer.buffer(done.body()));
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
