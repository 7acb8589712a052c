package org.plenary.draft;

import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.PARAGRAPH;
import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.REVISION;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.plenary.schema.tables.records.ParagraphVersionRecord;
import org.plenary.schema.tables.records.RevisionRecord;

/** Revisions and their paragraphs, stored with stable paragraph identities. */
public final class Revisions {
  /** A revision without its paragraphs. */
  public record Summary(long id, int seq, String label, Long basedOn, String state, String sourceFormat,
      String sourceName, int bracketCount, int paragraphCount, OffsetDateTime commentDeadline,
      OffsetDateTime createdAt, int altCount) {
    public Summary(long id, int seq, String label, Long basedOn, String state, String sourceFormat,
        String sourceName, int bracketCount, int paragraphCount, OffsetDateTime commentDeadline,
        OffsetDateTime createdAt) {
      this(id, seq, label, basedOn, state, sourceFormat, sourceName, bracketCount, paragraphCount, commentDeadline,
          createdAt, 0);
    }
  }

  /**
   * A paragraph as it stands in one revision.
   *
   * @param alt the alternative it is ("Alt 1"), or null
   * @param previousPosition its position in the revision before, or null when inserted (or the first)
   * @param label how negotiators cite it ("PP3", "OP6 bis", "OP2(b)"; see {@link Citations}), or null
   */
  public record Paragraph(long id, int position, String kind, String number, Long parent, String text,
      String direction, int brackets, String status, String change, String previousNumber, String alt,
      Integer previousPosition, String label) {
    public Paragraph(long id, int position, String kind, String number, Long parent, String text,
        String direction, int brackets, String status, String change, String previousNumber) {
      this(id, position, kind, number, parent, text, direction, brackets, status, change, previousNumber, null, null,
          null);
    }

    Paragraph withLabel(String citation) {
      return new Paragraph(id, position, kind, number, parent, text, direction, brackets, status, change,
          previousNumber, alt, previousPosition, citation);
    }
  }

  /** A paragraph of the previous revision that this revision deleted. */
  public record Deleted(long id, String number, String kind, String text, Long parent, Integer previousPosition) {
    public Deleted(long id, String number, String kind, String text) {
      this(id, number, kind, text, null, null);
    }
  }

  /**
   * One row of the table negotiators read after a new revision: "old (ح) is now (ط)", "operative 2 was
   * deleted", "the block يدعو المؤسسات … moved".
   *
   * @param context the parent's number or opening words ("إذ يذكّر"), so that the three "(أ)" of a
   *     resolution can be told apart
   * @param from the number in the previous revision (null: unnumbered, or inserted)
   * @param to the number in this revision (null: unnumbered, or deleted)
   * @param change inserted, unchanged, modified, moved, moved_modified or deleted
   * @param renumbered whether the display number changed while the paragraph stayed
   * @param excerpt the opening words of its text
   */
  public record Mapping(long id, String kind, String context, String from, String to, String change,
      boolean renumbered, String excerpt) {}

  public record Revision(Summary revision, List<Paragraph> paragraphs, List<Deleted> deleted) {}

  private Revisions() {}

  /**
   * Stores a new revision of a negotiation, its paragraphs aligned to the latest revision so that they
   * keep their ids. Returns the new revision's id.
   */
  public static long create(DSLContext dsl, long negotiationId, String label, SourceFormat format,
      String sourceName, ImportedDraft draft, long createdBy) {
    // Lock the negotiation so concurrent uploads get distinct sequence numbers and a consistent base.
    dsl.select(NEGOTIATION.ID).from(NEGOTIATION).where(NEGOTIATION.ID.eq(negotiationId)).forUpdate().fetchSingle();
    RevisionRecord base = dsl.selectFrom(REVISION).where(REVISION.NEGOTIATION_ID.eq(negotiationId))
        .orderBy(REVISION.SEQ.desc()).limit(1).fetchOne();
    if (base != null && "editing".equals(base.getState())) {
      throw org.plenary.domain.DomainException.conflict("workspace-open", "the workspace " + base.getLabel()
          + " (revision " + base.getId() + ") is open: publish it before uploading a new revision",
          java.util.Map.of("workspace", base.getId()));
    }
    int seq = base == null ? 0 : base.getSeq() + 1;
    long revisionId = dsl.insertInto(REVISION)
        .set(REVISION.NEGOTIATION_ID, negotiationId)
        .set(REVISION.SEQ, seq)
        .set(REVISION.LABEL, label != null ? label : seq == 0 ? "Zero draft" : "Rev." + seq)
        .set(REVISION.BASED_ON, base == null ? null : base.getId())
        .set(REVISION.SOURCE_FORMAT, format.name().toLowerCase(java.util.Locale.ROOT))
        .set(REVISION.SOURCE_NAME, sourceName)
        .set(REVISION.BRACKET_COUNT, draft.bracketCount())
        .set(REVISION.ALT_COUNT, draft.altCount())
        .set(REVISION.CREATED_BY, createdBy)
        .set(REVISION.PUBLISHED_AT, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
        .returningResult(REVISION.ID)
        .fetchOne()
        .value1();

    List<ParagraphVersionRecord> prior = base == null ? List.of() : dsl.selectFrom(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(base.getId()).and(PARAGRAPH_VERSION.POSITION.isNotNull()))
        .orderBy(PARAGRAPH_VERSION.POSITION)
        .fetch();
    List<ParagraphAligner.Prior> priorView = prior.stream()
        .map(r -> new ParagraphAligner.Prior(r.getParagraphId(), ParagraphKind.fromCode(r.getKind()), r.getNumber(),
            r.getText()))
        .toList();
    ParagraphAligner.Alignment alignment = ParagraphAligner.align(priorView, draft.paragraphs());

    List<DraftParagraph> paragraphs = draft.paragraphs();
    long[] ids = new long[paragraphs.size()];
    for (ParagraphAligner.Match m : alignment.matches()) {
      ids[m.index()] = m.prior() >= 0 ? prior.get(m.prior()).getParagraphId() : newParagraph(dsl, negotiationId,
          revisionId);
    }
    List<ParagraphVersionRecord> rows = new ArrayList<>(paragraphs.size() + alignment.deleted().size());
    for (ParagraphAligner.Match m : alignment.matches()) {
      DraftParagraph p = paragraphs.get(m.index());
      ParagraphVersionRecord r = dsl.newRecord(PARAGRAPH_VERSION);
      r.setRevisionId(revisionId);
      r.setParagraphId(ids[m.index()]);
      r.setPosition(m.index());
      r.setKind(p.kind().code());
      r.setNumber(p.number());
      r.setParentId(p.parent() >= 0 ? ids[p.parent()] : null);
      r.setText(p.text());
      r.setDirection(p.direction().code());
      r.setBrackets(p.brackets());
      r.setStatus(m.prior() >= 0 ? prior.get(m.prior()).getStatus() : "open");
      r.setChange(m.change().code());
      r.setPreviousNumber(m.prior() >= 0 ? prior.get(m.prior()).getNumber() : null);
      r.setPreviousPosition(m.prior() >= 0 ? prior.get(m.prior()).getPosition() : null);
      r.setAlt(p.alt());
      rows.add(r);
    }
    for (int d : alignment.deleted()) {
      ParagraphVersionRecord old = prior.get(d);
      ParagraphVersionRecord r = dsl.newRecord(PARAGRAPH_VERSION);
      r.setRevisionId(revisionId);
      r.setParagraphId(old.getParagraphId());
      r.setPosition(null);
      r.setKind(old.getKind());
      r.setNumber(null);
      r.setParentId(old.getParentId());
      r.setText(old.getText());
      r.setDirection(old.getDirection());
      r.setBrackets(0);
      r.setStatus("deleted");
      r.setChange("deleted");
      r.setPreviousNumber(old.getNumber());
      r.setPreviousPosition(old.getPosition());
      r.setAlt(old.getAlt());
      rows.add(r);
    }
    dsl.batchInsert(rows).execute();
    return revisionId;
  }

  private static long newParagraph(DSLContext dsl, long negotiationId, long revisionId) {
    return dsl.insertInto(PARAGRAPH)
        .set(PARAGRAPH.NEGOTIATION_ID, negotiationId)
        .set(PARAGRAPH.CREATED_IN_REVISION, revisionId)
        .returningResult(PARAGRAPH.ID)
        .fetchOne()
        .value1();
  }

  public static List<Summary> list(DSLContext dsl, long negotiationId) {
    return dsl.select(REVISION.asterisk(), countParagraphs())
        .from(REVISION)
        .where(REVISION.NEGOTIATION_ID.eq(negotiationId))
        .orderBy(REVISION.SEQ)
        .fetch(r -> toSummary(r.into(REVISION), r.get("paragraph_count", Integer.class)));
  }

  /** The revision with id {@code revisionId} of negotiation {@code negotiationId}. */
  public static Optional<Revision> get(DSLContext dsl, long negotiationId, long revisionId) {
    var rev = dsl.select(REVISION.asterisk(), countParagraphs()).from(REVISION)
        .where(REVISION.ID.eq(revisionId).and(REVISION.NEGOTIATION_ID.eq(negotiationId)))
        .fetchOne();
    if (rev == null) {
      return Optional.empty();
    }
    List<Paragraph> paragraphs = new ArrayList<>();
    List<Deleted> deleted = new ArrayList<>();
    for (ParagraphVersionRecord r : dsl.selectFrom(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(revisionId))
        .orderBy(PARAGRAPH_VERSION.POSITION.asc().nullsLast(), PARAGRAPH_VERSION.PARAGRAPH_ID)
        .fetch()) {
      if (r.getPosition() == null) {
        deleted.add(new Deleted(r.getParagraphId(), r.getPreviousNumber(), r.getKind(), r.getText(), r.getParentId(),
            r.getPreviousPosition()));
      } else {
        paragraphs.add(new Paragraph(r.getParagraphId(), r.getPosition(), r.getKind(), r.getNumber(),
            r.getParentId(), r.getText(), r.getDirection(), r.getBrackets(), r.getStatus(), r.getChange(),
            r.getPreviousNumber(), r.getAlt(), r.getPreviousPosition(), null));
      }
    }
    return Optional.of(new Revision(toSummary(rev.into(REVISION), rev.get("paragraph_count", Integer.class)),
        cited(paragraphs), deleted));
  }

  /** The paragraphs with their citations ({@link Citations}), worked out from kinds, numbers and parents. */
  private static List<Paragraph> cited(List<Paragraph> paragraphs) {
    List<String> labels = Citations.of(paragraphs.stream()
        .map(p -> new Citations.Item(p.id(), p.parent(), p.kind(), p.number(), p.alt())).toList());
    List<Paragraph> out = new ArrayList<>(paragraphs.size());
    for (int i = 0; i < paragraphs.size(); i++) {
      out.add(paragraphs.get(i).withLabel(labels.get(i)));
    }
    return out;
  }

  /**
   * Old number → new number for every paragraph of the revision in document order, with each deleted
   * paragraph listed where it stood (after the paragraph that preceded it in the previous revision).
   */
  public static List<Mapping> mapping(Revision revision) {
    return MappingTable.rows(revision);
  }

  private static org.jooq.Field<Integer> countParagraphs() {
    return DSL.field(DSL.selectCount().from(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(REVISION.ID).and(PARAGRAPH_VERSION.POSITION.isNotNull())))
        .as("paragraph_count");
  }

  private static Summary toSummary(RevisionRecord r, Integer paragraphCount) {
    return new Summary(r.getId(), r.getSeq(), r.getLabel(), r.getBasedOn(), r.getState(), r.getSourceFormat(),
        r.getSourceName(), r.getBracketCount(), paragraphCount == null ? 0 : paragraphCount, r.getCommentDeadline(),
        r.getCreatedAt(), r.getAltCount() == null ? 0 : r.getAltCount());
  }
}
