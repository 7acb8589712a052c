package org.plenary.word;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.access.Policy;
import org.plenary.access.Principal;
import org.plenary.draft.Revisions;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.MediaTypes;
import org.plenary.http.Problem;
import org.plenary.proposal.Anchor;
import org.plenary.proposal.IdempotencyKeys;
import org.plenary.proposal.ProposalBatch;
import org.plenary.proposal.ProposalDraft;
import org.plenary.proposal.ProposalPermissions;
import org.plenary.proposal.Proposals;
import org.plenary.store.Database;

/**
 * The Word round trip: a revision "for comments" as DOCX out, a delegation's edited file back in as proposals
 * (see docs/word.md).
 *
 * <pre>
 *   curl -s localhost:8080/api/v1/negotiations/1/revisions/2/docx -H "Authorization: Bearer $TOKEN" -OJ
 *   curl -s -X POST "localhost:8080/api/v1/negotiations/1/revisions/2/proposals/import?dryRun=true&amp;onBehalfOf=ARAB" \
 *        -H "Authorization: Bearer $TOKEN" -H "Content-Type: $DOCX" --data-binary @Rev1-EGY.docx
 * </pre>
 */
public final class WordRoutes {
  private final Database db;

  public WordRoutes(Database db) {
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/negotiations/:n/revisions/:r/docx").handler(this::docx);
    api.post("/negotiations/:n/revisions/:r/proposals/import").handler(this::importFile);
  }

  private void docx(RoutingContext ctx) {
    org.plenary.access.AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    db.read(dsl -> WordImports.load(dsl, n, r).orElseThrow(() -> Problem.notFound("revision " + r)))
        .compose(loaded -> ctx.vertx().executeBlocking(() -> render(loaded), false))
        .onSuccess(bytes -> ctx.response()
            .putHeader("Content-Type", MediaTypes.DOCX)
            .putHeader("Content-Disposition", "attachment; filename=\"Revision-" + r + "-for-comments.docx\"")
            .putHeader("Cache-Control", "private, no-store")
            .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }

  private static byte[] render(WordImports.Loaded loaded) {
    List<ForCommentsDocx.Paragraph> paragraphs = new ArrayList<>();
    for (Revisions.Paragraph p : loaded.revision().paragraphs()) {
      paragraphs.add(new ForCommentsDocx.Paragraph(p.id(), p.kind(), p.number(), p.text(), "rtl".equals(p.direction())));
    }
    Revisions.Summary s = loaded.revision().revision();
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    try {
      new ForCommentsDocx().write(new ForCommentsDocx.Draft(loaded.title(), s.label(), loaded.rtl(),
          s.createdAt() == null ? Instant.now() : s.createdAt().toInstant(), paragraphs), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void importFile(RoutingContext ctx) {
    Principal p = org.plenary.access.AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    String dry = ctx.queryParams().get("dryRun");
    if (dry != null && !dry.equals("true") && !dry.equals("false")) {
      throw Problem.invalid("dryRun", "must be true or false");
    }
    boolean dryRun = "true".equals(dry);
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
    String key = dryRun ? null : IdempotencyKeys.key(ctx.request().getHeader(IdempotencyKeys.HEADER));
    String hash = key == null ? null : IdempotencyKeys.requestHash("POST", ctx.request().uri(), bytes);
    Future<Object[]> result = db.read(dsl -> {
      ProposalPermissions.requireMayPropose(m.role());
      Proposals.window(dsl, n, r).orElseThrow(() -> Problem.notFound("revision " + r))
          .requireOpen(OffsetDateTime.now(ZoneOffset.UTC));
      m.actingFor(dsl, onBehalfOf);
      return true;
    }).compose(ok -> ctx.vertx().executeBlocking(() -> {
      try {
        return TrackedChangesReader.read(bytes);
      } catch (UnreadableWordFile e) {
        throw Problem.invalid("body", e.getMessage());
      }
    }, false)).compose(file -> dryRun
        ? db.read(dsl -> new Object[] {200, Json.string(preview(read(dsl, n, r, file), true)), false})
        : submit(p, m, n, r, onBehalfOf, file, key, hash));
    result.onSuccess(out -> {
      var response = ctx.response().setStatusCode((Integer) out[0])
          .putHeader("Content-Type", "application/json; charset=utf-8");
      if ((Boolean) out[2]) {
        response.putHeader("Idempotent-Replayed", "true");
      }
      response.end((String) out[1]);
    }).onFailure(ctx::fail);
  }

  private static WordProposals.Result read(DSLContext dsl, long n, long r, WordFile file) {
    WordImports.Loaded loaded = WordImports.load(dsl, n, r).orElseThrow(() -> Problem.notFound("revision " + r));
    return WordProposals.read(file, loaded.targets());
  }

  /** Creates the file's proposals in one transaction, once per Idempotency-Key: {status, body, replayed}. */
  private Future<Object[]> submit(Principal p, Membership m, long n, long r, String onBehalfOf, WordFile file,
      String key, String hash) {
    Future<Object[]> done = db.tx(dsl -> {
      if (key != null) {
        var stored = IdempotencyKeys.find(dsl, p.accountId(), key);
        if (stored.isPresent()) {
          return new Object[] {stored.get().status(), IdempotencyKeys.replay(stored.get(), hash, key).body(), true};
        }
      }
      WordProposals.Result result = read(dsl, n, r, file);
      if (result.proposals().isEmpty()) {
        throw Problem.invalid("body", "the file holds no tracked change or comment that maps to a paragraph of this"
            + " revision" + (result.unmapped().isEmpty() ? "" : " (" + result.unmapped().size()
            + " could not be mapped: see the preview with ?dryRun=true)"));
      }
      List<ProposalDraft> drafts = new ArrayList<>();
      for (WordProposals.Proposal x : result.proposals()) {
        drafts.add(draft(x, onBehalfOf));
      }
      List<ProposalBatch.Stored> created = ProposalBatch.createAll(dsl, p, m, n, r, drafts);
      for (int i = 0; i < created.size(); i++) {
        WordImports.source(dsl, created.get(i).id(), result.proposals().get(i));
      }
      Map<String, Object> out = preview(result, false);
      List<Object> stored = new ArrayList<>();
      for (ProposalBatch.Stored s : created) {
        try {
          stored.add(Json.MAPPER.readTree(s.json()));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      out.put("created", stored);
      String json = Json.string(out);
      if (key != null) {
        IdempotencyKeys.store(dsl, p.accountId(), key, new IdempotencyKeys.Stored(hash, 201, null, json));
      }
      return new Object[] {201, json, false};
    });
    if (key == null) {
      return done;
    }
    return done.recover(err -> IdempotencyKeys.isDuplicateKey(err)
        ? db.read(dsl -> {
          IdempotencyKeys.Stored s = IdempotencyKeys.find(dsl, p.accountId(), key).orElseThrow(() ->
              err instanceof RuntimeException re ? re : new IllegalStateException(err));
          return new Object[] {s.status(), IdempotencyKeys.replay(s, hash, key).body(), true};
        })
        : Future.failedFuture(err));
  }

  private static ProposalDraft draft(WordProposals.Proposal x, String onBehalfOf) {
    WordProposals.Quote q = x.anchor();
    Anchor.Input anchor = q == null ? null : new Anchor.Input(q.exact(), q.prefix(), q.suffix(), q.start(), q.end());
    return new ProposalDraft(x.kind(), x.paragraph().id(), x.placement(), null, x.text(), null, anchor, onBehalfOf,
        List.of());
  }

  private static Map<String, Object> preview(WordProposals.Result result, boolean dryRun) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dryRun", dryRun);
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("paragraphs", result.fileParagraphs());
    file.put("mappedById", result.mappedById());
    file.put("mappedByText", result.mappedByText());
    out.put("file", file);
    List<Object> proposals = new ArrayList<>();
    for (WordProposals.Proposal x : result.proposals()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("kind", x.kind());
      Map<String, Object> para = new LinkedHashMap<>();
      para.put("id", x.paragraph().id());
      para.put("number", x.paragraph().number());
      para.put("label", x.paragraph().label());
      para.put("text", x.paragraph().text());
      j.put("paragraph", para);
      j.put("placement", x.placement());
      j.put("anchor", x.anchor() == null ? null : org.plenary.proposal.Anchor.selector(x.anchor().exact(),
          x.anchor().prefix(), x.anchor().suffix(), x.anchor().start(), x.anchor().end()));
      j.put("text", x.text());
      j.put("wordsInserted", x.wordsInserted());
      j.put("wordsDeleted", x.wordsDeleted());
      j.put("inserted", x.inserted());
      j.put("deleted", x.deleted());
      j.put("authors", x.authors().stream().map(a -> {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", a.name());
        w.put("date", a.date());
        return w;
      }).toList());
      if (x.mapping() == null) {
        j.put("mapping", null);
      } else {
        j.put("mapping", Map.of("by", x.mapping().by(), "confidence", x.mapping().confidence()));
      }
      j.put("filePosition", x.filePosition());
      if (x.commentId() != null) {
        j.put("wordComment", x.commentId());
      }
      proposals.add(j);
    }
    out.put("proposals", proposals);
    out.put("unmapped", result.unmapped().stream().map(u -> {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("filePosition", u.filePosition());
      j.put("text", u.text());
      j.put("reason", u.reason());
      return j;
    }).toList());
    out.put("formattingChanges", result.formattingChanges());
    return out;
  }
}
