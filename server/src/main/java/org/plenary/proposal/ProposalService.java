package org.plenary.proposal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.diff.DiffOp;
import org.plenary.diff.WordDiff;
import org.plenary.domain.DomainException;
import org.plenary.http.Json;
import org.plenary.store.Changes;
import org.plenary.store.Database;
import org.plenary.store.StampedCache;

/**
 * The rules of proposals: create (through the group commit, {@link Submissions}), read, edit and withdraw
 * (with the version {@code If-Match} names), the word diff of a proposed text, replies, co-sponsors and their
 * answers, and a paragraph with its proposals (from the read cache when unfiltered). Each method runs its own
 * transaction on the database's worker pool, checks the caller's membership, refuses with
 * {@link DomainException}, and appends the audit event last in the transaction.
 *
 * <pre>
 *   ProposalService proposals = new ProposalService(db, changes, new Submissions(db, GroupCommit.DEFAULT));
 *   proposals.withdraw(membership, n, r, id, "\"p12v1\"").onSuccess(p -> …);   // 412 when stale
 * </pre>
 */
public final class ProposalService {
  /** Paragraphs kept by the read cache of {@code GET …/paragraphs/:p} before it is cleared … */
  static final int CACHED_PARAGRAPHS = 20_000;
  /** … or characters of text in them (about 100 MB of heap with the objects around them). */
  static final long CACHED_CHARACTERS = 24_000_000;

  /** Proposals passing a filter, with the counts per paragraph (the heat map). */
  record Listing(List<Proposal> proposals, List<Proposals.ParagraphCount> counts) {}

  /** A proposal's text against the paragraph's current one ({@code ""} for an insertion), with the word diff. */
  record ProposedChange(Proposal proposal, String current, String proposed, List<DiffOp> ops) {}

  /**
   * An edit: which of text, rationale and anchor it sets (a field sent as null clears it), and to what. The
   * kind, paragraph and target never change: a different proposal is withdrawn and proposed anew.
   */
  record Edit(boolean setsText, String text, boolean setsRationale, String rationale, boolean setsAnchor,
      Anchor.Input anchor) {

    /** The proposal as it would be after the edit, to check again as a whole. */
    ProposalDraft applyTo(Proposal current) {
      Anchor.Input oldAnchor = current.anchor() == null ? null : new Anchor.Input(current.anchor().exact(),
          current.anchor().prefix(), current.anchor().suffix(), current.anchor().start(), current.anchor().end());
      return new ProposalDraft(current.kind().code(), current.paragraphId(), current.placement(),
          current.targetId(), setsText ? text : current.text(), setsRationale ? rationale : current.rationale(),
          setsAnchor ? anchor : oldAnchor, null, null);
    }
  }

  /** A paragraph as it stands in a revision, with its proposals (all of them, or those passing a filter). */
  record ParagraphView(Proposals.Target paragraph, List<Proposal> proposals) {
    /** The weight of a cache entry: its characters of text, plus a little per proposal for the rest. */
    long characters() {
      long n = length(paragraph.text()) + 64;
      for (Proposal x : proposals) {
        n += length(x.text()) + length(x.rationale()) + (x.anchor() == null ? 0 : length(x.anchor().exact())
            + length(x.anchor().prefix()) + length(x.anchor().suffix())) + 64L * (4 + x.cosponsors().size());
      }
      return n;
    }

    private static int length(String s) {
      return s == null ? 0 : s.length();
    }
  }

  private record ParagraphKey(long negotiationId, long revisionId, long paragraphId) {}

  /**
   * What a creating call's transaction made: the response, and {@code audit}, which appends the event last
   * in the transaction, after the response is stored, so the chain head is held only to commit.
   */
  private record Creating(Created response, java.util.function.Consumer<DSLContext> audit) {}

  private final Database db;
  private final Changes changes;
  private final Submissions submissions;
  /** Unfiltered paragraph reads, stamped with the negotiation's content generation; rendered per viewer. */
  private final StampedCache<ParagraphKey, ParagraphView> paragraphs = new StampedCache<>(CACHED_PARAGRAPHS,
      CACHED_CHARACTERS, ParagraphView::characters);

  /**
   * Proposals in {@code db}; unfiltered paragraph reads are served from memory while {@code changes} says
   * nothing changed ({@link Changes#none()}: always read); new proposals join {@code submissions}.
   */
  public ProposalService(Database db, Changes changes, Submissions submissions) {
    this.db = Objects.requireNonNull(db, "db");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.submissions = Objects.requireNonNull(submissions, "submissions");
  }

  /** Now, as the database stores it (UTC, microseconds). */
  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  // --- proposals -------------------------------------------------------------------------------------------

  /**
   * A new proposal joins the group commit; the future completes on {@code context} after its commit with the
   * response (or the stored one of an earlier request with the same idempotency {@code key}).
   */
  Future<Created> create(Principal p, Membership m, long n, long r, ProposalDraft draft, String key, String hash,
      Context context) {
    return submissions.submit(p, m, n, r, draft, key, hash, context);
  }

  Future<Listing> list(long n, long r, Proposals.Filter filter) {
    return db.read(dsl -> {
      Proposals.window(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r));
      return new Listing(Proposals.list(dsl, r, filter), Proposals.counts(dsl, r, filter));
    });
  }

  Future<Proposal> get(long n, long r, long id) {
    return db.read(dsl -> find(dsl, n, r, id));
  }

  /** Edits text, rationale or anchor of a submitted proposal while the comment window is open. */
  Future<Proposal> edit(Membership m, long n, long r, long id, String ifMatch, Edit edit) {
    return db.tx(dsl -> {
      Proposal current = find(dsl, n, r, id);
      requireMayChange(dsl, m, current);
      int version = requireMatch(ifMatch, current);
      OffsetDateTime now = now();
      Proposals.window(dsl, n, r).orElseThrow().requireOpen(now);
      ProposalDraft merged = edit.applyTo(current);
      ProposalDraft.Target target = current.targetId() == null ? null
          : Proposals.target(dsl, r, current.targetId()).orElse(null);
      String paragraphText = Proposals.paragraph(dsl, r, current.paragraphId()).map(Proposals.Target::text)
          .orElse(null);
      ProposalDraft.Checked checked = merged.check(r, paragraphText, target);
      if (!Proposals.update(dsl, id, version, checked.text(), checked.rationale(), checked.anchor(), now)) {
        throw stale(find(dsl, n, r, id));
      }
      Proposal stored = find(dsl, n, r, id);
      AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), stored.delegation()), "proposal.updated",
          "proposal:" + id, ProposalViews.event(stored));
      return stored;
    });
  }

  Future<Proposal> withdraw(Membership m, long n, long r, long id, String ifMatch) {
    return db.tx(dsl -> {
      Proposal current = find(dsl, n, r, id);
      requireMayChange(dsl, m, current);
      int version = requireMatch(ifMatch, current);
      if (!current.state().equals(Proposal.SUBMITTED)) {
        throw DomainException.conflict("not-submitted", "proposal " + id + " is " + current.state() + " already");
      }
      OffsetDateTime now = now();
      Proposals.window(dsl, n, r).orElseThrow().requireOpen(now);
      if (!Proposals.withdraw(dsl, id, version, now)) {
        throw stale(find(dsl, n, r, id));
      }
      Proposal stored = find(dsl, n, r, id);
      AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), stored.delegation()), "proposal.withdrawn",
          "proposal:" + id, ProposalViews.event(stored));
      return stored;
    });
  }

  /** The proposed paragraph against the current one; 409 for a kind that proposes no text. */
  Future<ProposedChange> diff(long n, long r, long id) {
    return db.read(dsl -> {
      Proposal found = find(dsl, n, r, id);
      java.util.Optional<Proposals.Target> target = Proposals.paragraph(dsl, r, found.paragraphId());
      String current = target.map(Proposals.Target::text).orElse("");
      // without a pasted copy of the paragraph's number, as the compilation and the merge read it
      String proposed = found.proposedParagraph(current, target.map(Proposals.Target::number).orElse(null));
      if (proposed == null && found.anchor() != null) {
        throw DomainException.conflict("needs-rebase", "the words proposal " + found.id() + " changes (\""
            + found.anchor().exact() + "\") are no longer in the paragraph: it needs a rebase before it can be compared");
      }
      if (proposed == null) {
        throw DomainException.conflict("no-proposed-text", "a " + found.kind().code() + " proposes no text to compare");
      }
      String from = found.kind() == ProposalKind.INSERT ? "" : current;
      return new ProposedChange(found, from, proposed, WordDiff.diff(from, proposed));
    });
  }

  /** Only the delegation the proposal was made for (through its coordinator, for a group) changes it. */
  private static void requireMayChange(DSLContext dsl, Membership m, Proposal proposal) {
    String acting = null;
    if (m.delegation() != null) {
      try {
        acting = m.actingFor(dsl, proposal.delegation());
      } catch (DomainException notCoordinator) {
        acting = m.delegation();
      }
    }
    ProposalPermissions.requireMayChange(m.role(), proposal, acting);
  }

  /** The version {@code If-Match} names; 428 without the header, 412 when it names another version. */
  static int requireMatch(String ifMatch, Proposal current) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw DomainException.preconditionRequired("If-Match", "send If-Match with the proposal's ETag ("
          + current.etag() + ") so a stale edit cannot overwrite a newer one", Map.of("etag", current.etag()));
    }
    for (String tag : ifMatch.split(",")) {
      String t = tag.strip();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(current.etag())) {
        return current.version();
      }
    }
    throw stale(current);
  }

  private static DomainException stale(Proposal current) {
    return new DomainException(DomainException.Kind.PRECONDITION_FAILED, "precondition-failed",
        "If-Match does not name the current version " + current.etag() + " of proposal " + current.id()
            + "; read it again, then retry", List.of(new DomainException.FieldError("If-Match", "is stale")),
        Map.of("etag", current.etag()));
  }

  // --- replies and co-sponsors -----------------------------------------------------------------------------

  /**
   * Adds a reply to the proposal's thread, once per idempotency {@code key}: the response is stored with it
   * and sent again to a retry ({@link #idempotent}).
   */
  Future<Created> reply(Membership m, long n, long r, long id, ProposalRequests.ReplyInput reply, String key,
      String hash) {
    Long inReplyTo = reply.inReplyTo();
    return idempotent(m.accountId(), key, hash, dsl -> {
      Proposal proposal = find(dsl, n, r, id);
      ProposalPermissions.requireMayReply(m.role());
      if (m.role() == Role.DELEGATE) {
        CommentWindow w = Proposals.window(dsl, n, r).orElseThrow();
        w.requireAllowed(ProposalKind.COMMENT, true, now());
      }
      if (inReplyTo != null && !Proposals.replyExists(dsl, id, inReplyTo)) {
        throw DomainException.invalid("inReplyTo", "reply " + inReplyTo + " is not in the thread of proposal " + id);
      }
      OffsetDateTime now = now();
      long replyId = Proposals.addReply(dsl, proposal.id(), inReplyTo, m.delegation(), m.accountId(), reply.text(),
          now);
      Proposals.Reply stored = new Proposals.Reply(replyId, id, inReplyTo, m.delegation(), m.accountId(),
          reply.text(), now);
      return new Creating(new Created(201, ProposalViews.location(n, r, id) + "/replies", Json.string(stored), null,
          false), audit -> AuditLog.append(audit, n, new AuditLog.Actor(m.accountId(), m.delegation()),
              "proposal.replied", "proposal:" + id, Map.of("proposal", id, "reply", replyId, "revision", r)));
    });
  }

  Future<List<Proposals.Reply>> replies(long n, long r, long id) {
    return db.read(dsl -> {
      find(dsl, n, r, id);
      return Proposals.replies(dsl, id);
    });
  }

  /** Invites co-sponsors (the proposing side only, while the window is open); the event names the new ones. */
  Future<Proposal> invite(Membership m, long n, long r, long id, List<String> codes) {
    return db.tx(dsl -> {
      Proposal current = find(dsl, n, r, id);
      requireMayChange(dsl, m, current);
      OffsetDateTime now = now();
      Proposals.window(dsl, n, r).orElseThrow().requireOpen(now);
      checkCosponsors(dsl, n, codes, current.delegation(), current.submittedBy());
      List<String> fresh = Proposals.invite(dsl, id, codes, now);
      Proposal stored = find(dsl, n, r, id);
      if (!fresh.isEmpty()) {
        AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), current.delegation()), "proposal.cosponsors-invited",
            "proposal:" + id, Map.of("proposal", id, "revision", r, "invited", fresh));
      }
      return stored;
    });
  }

  /** Delegation {@code d} (the caller's own, or a group it coordinates) accepts or declines an invitation. */
  Future<Proposal> answer(Membership m, long n, long r, long id, String d, boolean accept) {
    return db.tx(dsl -> {
      Proposal current = find(dsl, n, r, id);
      ProposalPermissions.requireMayPropose(m.role());
      String acting = m.actingFor(dsl, d);
      OffsetDateTime now = now();
      Proposals.window(dsl, n, r).orElseThrow().requireOpen(now);
      if (!Proposals.answer(dsl, id, acting, accept, m.accountId(), now)) {
        throw DomainException.notFound("invitation of " + acting + " to co-sponsor proposal " + id);
      }
      Proposal stored = find(dsl, n, r, id);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("proposal", id);
      payload.put("revision", r);
      payload.put("delegation", acting);
      if (!accept) {
        // a decline is for the invitee and the proposing side (who see invitations), not for everyone
        payload.put(org.plenary.events.EventVisibility.AUDIENCE,
            java.util.stream.Stream.of(acting, current.delegation(), current.submittedBy()).distinct().toList());
      }
      AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), acting),
          accept ? "proposal.cosponsor-accepted" : "proposal.cosponsor-declined", "proposal:" + id, payload);
      return stored;
    });
  }

  /**
   * Co-sponsors must be known delegations that take part, other than the proposing one (400 naming each
   * {@code cosponsors[i]} that is not).
   */
  static void checkCosponsors(DSLContext dsl, long n, List<String> cosponsors, String acting, String own) {
    List<DomainException.FieldError> errors = new ArrayList<>();
    List<String> unknown = Proposals.unknownDelegations(dsl, cosponsors);
    List<String> absent = Proposals.absentFrom(dsl, n, cosponsors);
    for (int i = 0; i < cosponsors.size(); i++) {
      String c = cosponsors.get(i);
      if (unknown.contains(c)) {
        errors.add(new DomainException.FieldError("cosponsors[" + i + "]", "no delegation has the code " + c));
      } else if (absent.contains(c)) {
        // it could never answer: no delegate of it takes part
        errors.add(new DomainException.FieldError("cosponsors[" + i + "]", c + " does not take part in this "
            + "negotiation (the secretariat adds delegations: POST /api/v1/negotiations/" + n + "/delegations)"));
      } else if (c.equals(acting) || c.equals(own)) {
        errors.add(new DomainException.FieldError("cosponsors[" + i + "]", c + " is the proposing delegation"));
      }
    }
    if (!errors.isEmpty()) {
      throw DomainException.invalid(errors);
    }
  }

  // --- paragraphs ------------------------------------------------------------------------------------------

  /**
   * The paragraph with its proposals. Without filters (beyond the paragraph) it is served from the read cache
   * while the negotiation's content generation is the one taken before the entry was read (see
   * {@link Changes}); callers render it per viewer, as invitations show differently to each.
   */
  Future<ParagraphView> paragraph(long n, long r, Proposals.Filter filter) {
    long paragraphId = filter.paragraph();
    if (!filter.equals(new Proposals.Filter(paragraphId, null, null, null, null))) {
      return db.read(dsl -> readParagraph(dsl, n, r, filter));
    }
    ParagraphKey key = new ParagraphKey(n, r, paragraphId);
    long stamp = changes.content(n); // before the read: see Changes
    ParagraphView cached = paragraphs.get(key, stamp);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return db.read(dsl -> {
      ParagraphView view = readParagraph(dsl, n, r, filter);
      paragraphs.put(key, stamp, view);
      return view;
    });
  }

  private static ParagraphView readParagraph(DSLContext dsl, long n, long r, Proposals.Filter filter) {
    long paragraphId = filter.paragraph();
    Proposals.Target paragraph = Proposals.context(dsl, n, r, paragraphId)
        .orElseThrow(() -> DomainException.notFound("revision " + r)).paragraph();
    if (paragraph == null) {
      throw DomainException.notFound("paragraph " + paragraphId + " in revision " + r);
    }
    return new ParagraphView(paragraph, Proposals.list(dsl, r, filter));
  }

  // --- shared pieces ---------------------------------------------------------------------------------------

  /**
   * Runs a creating call once per idempotency {@code key}: the stored response of an earlier identical request
   * is the answer again ({@link Created#replayed}); the key with another body is a 422. The response is stored
   * in the creating transaction; a concurrent duplicate fails on the key's primary key, rolls back, and then
   * reads the winner's response.
   */
  private Future<Created> idempotent(long accountId, String key, String hash, Function<DSLContext, Creating> work) {
    Future<Created> result = db.tx(dsl -> {
      if (key != null) {
        var stored = IdempotencyKeys.find(dsl, accountId, key);
        if (stored.isPresent()) {
          return Created.replayed(IdempotencyKeys.replay(stored.get(), hash, key));
        }
      }
      Creating created = work.apply(dsl);
      Created response = created.response();
      if (key != null) {
        IdempotencyKeys.store(dsl, accountId, key,
            new IdempotencyKeys.Stored(hash, response.status(), response.location(), response.body()));
      }
      created.audit().accept(dsl);
      return response;
    });
    if (key != null) {
      result = result.recover(err -> IdempotencyKeys.isDuplicateKey(err)
          ? db.read(dsl -> Created.replayed(IdempotencyKeys.replay(IdempotencyKeys.find(dsl, accountId, key)
              .orElseThrow(() -> err instanceof RuntimeException re ? re : new IllegalStateException(err)), hash, key)))
          : Future.failedFuture(err));
    }
    return result;
  }

  private static Proposal find(DSLContext dsl, long n, long r, long id) {
    return Proposals.get(dsl, r, id).filter(x -> x.negotiationId() == n)
        .orElseThrow(() -> DomainException.notFound("proposal " + id + " in revision " + r));
  }
}
