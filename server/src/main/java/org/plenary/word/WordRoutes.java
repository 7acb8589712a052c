package org.plenary.word;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.plenary.access.Membership;
import org.plenary.access.Policy;
import org.plenary.access.Principal;
import org.plenary.http.Http;
import org.plenary.http.MediaTypes;
import org.plenary.http.Problem;
import org.plenary.http.Routes;
import org.plenary.proposal.IdempotencyKeys;
import org.plenary.store.Database;

/**
 * The Word round trip: a revision "for comments" as DOCX out, a delegation's edited file back in as proposals
 * (see docs/word.md). Rules in {@link WordService}, the preview's JSON in {@link WordViews}.
 *
 * <pre>
 *   curl -s localhost:8080/api/v1/negotiations/1/revisions/2/docx -H "Authorization: Bearer $TOKEN" -OJ
 *   curl -s -X POST "localhost:8080/api/v1/negotiations/1/revisions/2/proposals/import?dryRun=true&amp;onBehalfOf=ARAB" \
 *        -H "Authorization: Bearer $TOKEN" -H "Content-Type: $DOCX" --data-binary @Rev1-EGY.docx
 * </pre>
 */
public final class WordRoutes {
  private final WordService words;

  public WordRoutes(Database db) {
    this.words = new WordService(db);
  }

  public void mount(Routes api) {
    api.get("/negotiations/:n/revisions/:r/docx").handler(this::docx);
    api.post("/negotiations/:n/revisions/:r/proposals/import").handler(this::importFile);
  }

  private void docx(RoutingContext ctx) {
    org.plenary.access.AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    words.forComments(ctx.vertx(), n, r)
        .onSuccess(bytes -> ctx.response()
            .putHeader("Content-Type", MediaTypes.DOCX)
            .putHeader("Content-Disposition", "attachment; filename=\"Revision-" + r + "-for-comments.docx\"")
            .putHeader("Cache-Control", "private, no-store")
            .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }

  private void importFile(RoutingContext ctx) {
    Principal p = org.plenary.access.AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    ImportRequest in = importRequest(ctx);
    String key = in.dryRun() ? null : IdempotencyKeys.key(ctx.request().getHeader(IdempotencyKeys.HEADER));
    String hash = key == null ? null : IdempotencyKeys.requestHash("POST", ctx.request().uri(), in.bytes());
    words.importFile(ctx.vertx(), p, m, n, r, in.onBehalfOf(), in.bytes(), in.dryRun(), key, hash).onSuccess(out -> {
      var response = ctx.response().setStatusCode(out.status())
          .putHeader("Content-Type", "application/json; charset=utf-8");
      if (out.replayed()) {
        response.putHeader("Idempotent-Replayed", "true");
      }
      response.end(out.body());
    }).onFailure(ctx::fail);
  }

  /** An import's parameters and file: {@code dryRun}, {@code onBehalfOf}, the DOCX bytes. */
  private record ImportRequest(boolean dryRun, String onBehalfOf, byte[] bytes) {}

  private static ImportRequest importRequest(RoutingContext ctx) {
    String dry = ctx.queryParams().get("dryRun");
    if (dry != null && !dry.equals("true") && !dry.equals("false")) {
      throw Problem.invalid("dryRun", "must be true or false");
    }
    String onBehalfOf = ctx.queryParams().get("onBehalfOf");
    if (onBehalfOf != null && !onBehalfOf.matches("[A-Z0-9_-]{2,32}")) {
      throw Problem.invalid("onBehalfOf", "must be a delegation code such as \"ARAB\"");
    }
    String type = MediaTypes.essence(ctx.request().getHeader("Content-Type"));
    if (!MediaTypes.DOCX.equals(type) && !"application/octet-stream".equals(type)) {
      throw Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "send the Word file (DOCX) as " + MediaTypes.DOCX + " (or application/octet-stream)");
    }
    Buffer body = ctx.body().buffer();
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    if (bytes.length == 0) {
      throw Problem.invalid("body", "is empty: send the DOCX as the request body");
    }
    return new ImportRequest("true".equals(dry), onBehalfOf, bytes);
  }
}
