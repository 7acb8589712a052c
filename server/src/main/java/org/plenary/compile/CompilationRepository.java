package org.plenary.compile;

import static org.plenary.schema.Tables.DELEGATION;
import static org.plenary.schema.Tables.DELEGATION_MEMBER;
import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.PROPOSAL;
import static org.plenary.schema.Tables.PROPOSAL_COSPONSOR;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.plenary.draft.Direction;
import org.plenary.draft.Revisions;
import org.plenary.proposal.Proposal;
import org.plenary.proposal.Proposals;

/** Reads what a compilation is made of: a revision's paragraphs, its proposals, delegation names. */
public final class CompilationRepository {
  /**
   * The source, with the negotiation's languages (its first one sets the labels' default language), and whether
   * the revision can no longer take proposals ({@code frozen}: published, and its comment window closed or a
   * newer revision published), read in the same transaction.
   */
  public record Loaded(CompilationSource source, List<String> languages, boolean frozen) {
    public Loaded(CompilationSource source, List<String> languages) {
      this(source, languages, false);
    }

    public Language defaultLanguage() {
      return !languages.isEmpty() && languages.get(0).equalsIgnoreCase("en") ? Language.EN : Language.AR;
    }
  }

  private CompilationRepository() {}

  /** The revision {@code r} of negotiation {@code n} and all its proposals (every state: the options filter). */
  public static Optional<Loaded> load(DSLContext dsl, long n, long r, Instant now) {
    var negotiation = dsl.select(NEGOTIATION.TITLE, NEGOTIATION.LANGUAGES, NEGOTIATION.CREATED_AT).from(NEGOTIATION)
        .where(NEGOTIATION.ID.eq(n)).fetchOne();
    Optional<Revisions.Revision> revision = Revisions.get(dsl, n, r);
    if (negotiation == null || revision.isEmpty()) {
      return Optional.empty();
    }
    List<CompilationSource.Paragraph> paragraphs = new ArrayList<>();
    Map<Long, String> texts = new HashMap<>();
    for (Revisions.Paragraph p : revision.get().paragraphs()) {
      paragraphs.add(new CompilationSource.Paragraph(p.id(), p.position(), p.number(), p.kind(), p.text(),
          Direction.fromCode(p.direction()), p.parent(), p.label()));
      texts.put(p.id(), p.text());
    }
    List<CompilationSource.Proposal> proposals = new ArrayList<>();
    Map<Long, String> numbers = new HashMap<>();
    revision.get().paragraphs().forEach(p -> numbers.put(p.id(), p.number()));
    for (Proposal p : proposals(dsl, n, r)) {
      proposals.add(toSource(p, texts.getOrDefault(p.paragraphId(), ""), numbers.get(p.paragraphId())));
    }
    Map<String, CompilationSource.Names> names = new HashMap<>();
    dsl.select(DELEGATION.CODE, DELEGATION.NAME_EN, DELEGATION.NAME_AR).from(DELEGATION)
        .forEach(d -> names.put(d.value1(), new CompilationSource.Names(d.value2(), d.value3())));
    Map<String, Set<String>> groups = new HashMap<>();
    dsl.select(DELEGATION_MEMBER.GROUP_CODE, DELEGATION_MEMBER.MEMBER_CODE).from(DELEGATION_MEMBER)
        .forEach(m -> groups.computeIfAbsent(m.value1(), k -> new HashSet<>()).add(m.value2()));
    List<String> languages = List.of(negotiation.value2().split(",")).stream().filter(s -> !s.isBlank()).toList();
    // the disposition: each proposal's fate once the next revision was published
    Map<String, CompilationSource.Fate> fates = new HashMap<>();
    var later = org.plenary.schema.Tables.REVISION.as("fated_in");
    var pf = org.plenary.schema.Tables.PROPOSAL_FATE;
    dsl.select(PROPOSAL.ID, pf.FATE, later.LABEL)
        .from(PROPOSAL)
        .join(pf).on(pf.PROPOSAL_ID.eq(PROPOSAL.ID))
        .join(later).on(later.ID.eq(pf.REVISION_ID))
        .where(PROPOSAL.REVISION_ID.eq(r))
        .forEach(x -> fates.put(Long.toString(x.value1()), new CompilationSource.Fate(x.value2(), x.value3())));
    var published = dsl.select(org.plenary.schema.Tables.REVISION.PUBLISHED_AT,
        org.plenary.schema.Tables.REVISION.CREATED_AT).from(org.plenary.schema.Tables.REVISION)
        .where(org.plenary.schema.Tables.REVISION.ID.eq(r)).fetchOne();
    java.time.OffsetDateTime at = published == null ? null
        : published.value1() != null ? published.value1() : published.value2();
    CompilationSource source = new CompilationSource(n, negotiation.value1(), r, revision.get().revision().label(),
        now, paragraphs, proposals, names, groups, fates, negotiation.value3() == null ? null
            : negotiation.value3().toInstant(), at == null ? null : at.toInstant());
    boolean frozen = "published".equals(revision.get().revision().state())
        && Proposals.window(dsl, n, r).map(w -> w.supersededBy() != null
            || !w.isOpen(now.atOffset(java.time.ZoneOffset.UTC))).orElse(false);
    return Optional.of(new Loaded(source, languages, frozen));
  }

  /**
   * Every proposal of revision {@code r} (every state: the options filter) with what a compilation reads of it
   * and nothing else: the columns it shows, and accepted co-sponsors only (in the order they were invited); no
   * order (the builder sorts). Two plain queries: a compilation of thousands of proposals spent half its time
   * here. What it does not read is left empty ({@code authorAccountId} 0, {@code version} 1, no lineage).
   */
  static List<Proposal> proposals(DSLContext dsl, long n, long r) {
    Map<Long, List<Proposal.Cosponsor>> accepted = new HashMap<>();
    dsl.select(PROPOSAL_COSPONSOR.PROPOSAL_ID, PROPOSAL_COSPONSOR.DELEGATION_CODE).from(PROPOSAL_COSPONSOR)
        .join(PROPOSAL).on(PROPOSAL.ID.eq(PROPOSAL_COSPONSOR.PROPOSAL_ID))
        .where(PROPOSAL.REVISION_ID.eq(r).and(PROPOSAL_COSPONSOR.STATE.eq("accepted")))
        .orderBy(PROPOSAL_COSPONSOR.PROPOSAL_ID, PROPOSAL_COSPONSOR.INVITED_AT, PROPOSAL_COSPONSOR.DELEGATION_CODE)
        .forEach(c -> accepted.computeIfAbsent(c.value1(), k -> new ArrayList<>())
            .add(new Proposal.Cosponsor(c.value2(), "accepted")));
    List<Proposal> out = new ArrayList<>();
    // Read from the JDBC result itself: jOOQ's mapping parses each timestamp from its text, which was most of
    // the time of this read; the drivers (H2 2, pgjdbc 42) give an OffsetDateTime directly.
    try (java.sql.ResultSet x = dsl.select(PROPOSAL.ID, PROPOSAL.PARAGRAPH_ID, PROPOSAL.KIND, PROPOSAL.PLACEMENT,
            PROPOSAL.TARGET_ID, PROPOSAL.TEXT, PROPOSAL.RATIONALE, PROPOSAL.ANCHOR_EXACT, PROPOSAL.ANCHOR_PREFIX,
            PROPOSAL.ANCHOR_SUFFIX, PROPOSAL.ANCHOR_START, PROPOSAL.ANCHOR_END, PROPOSAL.DELEGATION_CODE,
            PROPOSAL.AUTHOR_DELEGATION, Proposals.STATE, PROPOSAL.CREATED_AT)
        .from(Proposals.WITH_FATE).where(PROPOSAL.REVISION_ID.eq(r)).fetchResultSet()) {
      while (x.next()) {
        long id = x.getLong(1);
        long target = x.getLong(5);
        Long targetId = x.wasNull() ? null : target;
        String exact = x.getString(8);
        java.time.OffsetDateTime created = x.getObject(16, java.time.OffsetDateTime.class);
        out.add(new Proposal(id, n, r, x.getLong(2), org.plenary.proposal.ProposalKind.fromCode(x.getString(3)),
            x.getString(4), targetId, x.getString(6), x.getString(7), exact == null ? null
                : new org.plenary.proposal.Anchor(exact, x.getString(9), x.getString(10), x.getInt(11), x.getInt(12)),
            x.getString(13), x.getString(14), 0L, false, x.getString(15), 1, created, created,
            List.copyOf(accepted.getOrDefault(id, List.of())), Proposal.Lineage.NONE));
      }
    } catch (java.sql.SQLException e) {
      throw new org.jooq.exception.DataAccessException("reading the proposals of revision " + r, e);
    }
    return out;
  }

  /**
   * A stored proposal as the compilation sees it: the delegation that submitted it, the group it spoke for
   * (when that is not itself), accepted co-sponsors only, and for amendments the whole proposed paragraph
   * (an anchored amendment replaces only its span, a pasted copy of the paragraph's number is not text: the
   * same rule as the proposal's diff); a remark or reaction on a span keeps where the span is.
   */
  static CompilationSource.Proposal toSource(Proposal p, String paragraphText) {
    return toSource(p, paragraphText, null);
  }

  static CompilationSource.Proposal toSource(Proposal p, String paragraphText, String number) {
    ProposalKind kind = ProposalKind.fromCode(p.kind().code());
    String text = switch (kind) {
      // a carried proposal whose words the revision changed (it needs a rebase) shows no change, not a wrong one
      case AMEND -> java.util.Objects.requireNonNullElse(p.proposedParagraph(paragraphText, number), paragraphText);
      case DELETE -> p.anchor() == null ? "" : java.util.Objects.requireNonNullElse(p.proposedParagraph(paragraphText),
          paragraphText);
      case RETAIN -> "";
      default -> p.text();
    };
    String onBehalfOf = p.delegation().equals(p.submittedBy()) ? null : p.delegation();
    return new CompilationSource.Proposal(Long.toString(p.id()), p.paragraphId(), kind, p.submittedBy(), onBehalfOf,
        p.acceptedCosponsors(), text, p.rationale(), p.targetId() == null ? null : Long.toString(p.targetId()),
        p.state(), p.createdAt().toInstant(), p.placement(),
        kind.isAmendment() || p.anchor() == null ? null : p.anchor().start(),
        kind.isAmendment() || p.anchor() == null ? null : p.anchor().end());
  }
}
