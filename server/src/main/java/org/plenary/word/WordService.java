package org.plenary.word;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.domain.DomainException;
import org.plenary.draft.Revisions;
import org.plenary.http.Json;
import org.plenary.proposal.Anchor;
import org.plenary.proposal.IdempotencyKeys;
import org.plenary.proposal.ProposalBatch;
import org.plenary.proposal.ProposalDraft;
import org.plenary.proposal.ProposalPermissions;
import org.plenary.proposal.Proposals;
import org.plenary.store.Database;

/**
 * The Word round trip's rules: a revision rendered "for comments", and a delegation's edited file read
 * (off the event loop) and previewed, or created as its proposals in one transaction through the group
 * commit's checks ({@link ProposalBatch}), once per Idempotency-Key. Refusals are {@link DomainException}s.
 *
 * <pre>
 *   words.importFile(vertx, p, m, n, r, "ARAB", bytes, true, null, null).onSuccess(a -> … a.body() …);
 * </pre>
 */
final class WordService {
  /** What an import answers: its status, its JSON body, and whether it is a stored answer sent again. */
  record Answer(int status, String body, boolean replayed) {}

  private final Database db;

  WordService(Database db) {
    this.db = db;
  }

  /** The revision for comments, as DOCX bytes. */
  Future<byte[]> forComments(Vertx vertx, long n, long r) {
    return db.read(dsl -> WordImports.load(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r)))
        .compose(loaded -> vertx.executeBlocking(() -> render(loaded), false));
  }

  static byte[] render(WordImports.Loaded loaded) {
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

  /**
   * Imports a delegation's Word file: checked first (a delegate, the window open, {@code onBehalfOf} a group
   * it coordinates), then read off the event loop, then previewed ({@code dryRun}) or created.
   */
  Future<Answer> importFile(Vertx vertx, Principal p, Membership m, long n, long r, String onBehalfOf, byte[] bytes,
      boolean dryRun, String key, String hash) {
    return db.read(dsl -> {
      ProposalPermissions.requireMayPropose(m.role());
      Proposals.window(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r))
          .requireOpen(OffsetDateTime.now(ZoneOffset.UTC));
      m.actingFor(dsl, onBehalfOf);
      return true;
    }).compose(ok -> vertx.executeBlocking(() -> {
      try {
        return TrackedChangesReader.read(bytes);
      } catch (UnreadableWordFile e) {
        throw DomainException.invalid("body", e.getMessage());
      }
    }, false)).compose(file -> dryRun
        ? db.read(dsl -> new Answer(200, Json.string(WordViews.preview(read(dsl, n, r, file), true)), false))
        : submit(p, m, n, r, onBehalfOf, file, key, hash));
  }

  private static WordProposals.Result read(DSLContext dsl, long n, long r, WordFile file) {
    WordImports.Loaded loaded = WordImports.load(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r));
    return WordProposals.read(file, loaded.targets());
  }

  /** Creates the file's proposals in one transaction, once per Idempotency-Key: {status, body, replayed}. */
  Future<Answer> submit(Principal p, Membership m, long n, long r, String onBehalfOf, WordFile file,
      String key, String hash) {
    Future<Answer> done = db.tx(dsl -> {
      if (key != null) {
        var stored = IdempotencyKeys.find(dsl, p.accountId(), key);
        if (stored.isPresent()) {
          return new Answer(stored.get().status(), IdempotencyKeys.replay(stored.get(), hash, key).body(), true);
        }
      }
      WordProposals.Result result = read(dsl, n, r, file);
      if (result.proposals().isEmpty()) {
        throw DomainException.invalid("body", "the file holds no tracked change or comment that maps to a paragraph of this"
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
      Map<String, Object> out = WordViews.preview(result, false);
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
      return new Answer(201, json, false);
    });
    if (key == null) {
      return done;
    }
    return done.recover(err -> IdempotencyKeys.isDuplicateKey(err)
        ? db.read(dsl -> {
          IdempotencyKeys.Stored s = IdempotencyKeys.find(dsl, p.accountId(), key).orElseThrow(() ->
              err instanceof RuntimeException re ? re : new IllegalStateException(err));
          return new Answer(s.status(), IdempotencyKeys.replay(s, hash, key).body(), true);
        })
        : Future.failedFuture(err));
  }

  private static ProposalDraft draft(WordProposals.Proposal x, String onBehalfOf) {
    WordProposals.Quote q = x.anchor();
    Anchor.Input anchor = q == null ? null : new Anchor.Input(q.exact(), q.prefix(), q.suffix(), q.start(), q.end());
    return new ProposalDraft(x.kind(), x.paragraph().id(), x.placement(), null, x.text(), null, anchor, onBehalfOf,
        List.of());
  }

}
