package org.plenary.draft;

import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.PARAGRAPH;
import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.REVISION;
import static org.plenary.schema.Tables.REVISION_SOURCE;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.plenary.align.ParagraphAligner;
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
   * @param change inserted, unchanged, modified, moved, moved_modified, split (one of the parts a paragraph
   *     was cut into) or merged (the paragraph others were joined into)
   * @param alt the alternative it is ("Alt 1"), or null
   * @param previousPosition its position in the revision before, or null when inserted (or the first)
   * @param label how negotiators cite it ("PP3", "OP6 bis", "OP2(b)"; see {@link Citations}), or null
   * @param splitFrom for a part of a split paragraph other than the first (which keeps the id): the id of the
   *     paragraph it was split from; else null
   */
  public record Paragraph(long id, int position, String kind, String number, Long parent, String text,
      String direction, int brackets, String status, String change, String previousNumber, String alt,
      Integer previousPosition, String label, Long splitFrom) {
    public Paragraph(long id, int position, String kind, String number, Long parent, String text,
        String direction, int brackets, String status, String change, String previousNumber) {
      this(id, position, kind, number, parent, text, direction, brackets, status, change, previousNumber, null, null,
          null, null);
    }

    Paragraph withLabel(String citation) {
      return new Paragraph(id, position, kind, number, parent, text, direction, brackets, status, change,
          previousNumber, alt, previousPosition, citation, splitFrom);
    }
  }

  /**
   * A paragraph of the previous revision that this revision deleted, or merged into another one.
   *
   * @param change deleted, or merged
   * @param mergedInto for a merged paragraph, the id of the paragraph it was joined into (that kept the first
   *     merged paragraph's id); else null
   */
  public record Deleted(long id, String number, String kind, String text, Long parent, Integer previousPosition,
      String change, Long mergedInto) {
    public Deleted(long id, String number, String kind, String text) {
      this(id, number, kind, text, null, null, "deleted", null);
    }
  }

  /**
   * One row of the table negotiators read after a new revision: "old (ح) is now (ط)", "operative 2 was
   * deleted", "the block يدعو المؤسسات … moved", "OP4 was split in two", "PP2 and PP3 were merged".
   *
   * @param context the parent's number or opening words ("إذ يذكّر"), so that the three "(أ)" of a
   *     resolution can be told apart
   * @param from the number in the previous revision (null: unnumbered, or inserted)
   * @param to the number in this revision (null: unnumbered, or deleted)
   * @param change inserted, unchanged, modified, moved, moved_modified, split, merged or deleted
   * @param renumbered whether the display number changed while the paragraph stayed
   * @param excerpt the opening words of its text
   * @param previous the paragraphs of the previous revision this one continues: its own id when it was
   *     there; for a split part, the paragraph it was split from; for a merged paragraph, all the paragraphs
   *     joined (its own id first); empty for an insertion. Their proposals are on the previous revision under
   *     these ids ({@code GET …/revisions/{previous revision}/proposals?paragraph=}).
   * @param mergedInto for an old paragraph merged into another: the paragraph it is now part of; else null
   */
  public record Mapping(long id, String kind, String context, String from, String to, String change,
      boolean renumbered, String excerpt, List<Long> previous, Long mergedInto) {
    public Mapping {
      previous = List.copyOf(previous);
    }
  }

  public record Revision(Summary revision, List<Paragraph> paragraphs, List<Deleted> deleted) {}

  private Revisions() {}

  /** The file a revision was uploaded from: its media type (with charset for text), name and bytes. */
  public record Source(String mediaType, String name, byte[] content, String sha256) {}

  /** Keeps the uploaded file of revision {@code revisionId} byte for byte. */
  public static void storeSource(DSLContext dsl, long revisionId, SourceFormat format, byte[] content) {
    String sha = java.util.HexFormat.of().formatHex(org.plenary.store.Digests.sha256().digest(content));
    dsl.insertInto(REVISION_SOURCE)
        .set(REVISION_SOURCE.REVISION_ID, revisionId)
        .set(REVISION_SOURCE.MEDIA_TYPE, format == SourceFormat.DOCX ? format.mediaType()
            : format.mediaType() + "; charset=utf-8")
        .set(REVISION_SOURCE.SIZE_BYTES, content.length)
        .set(REVISION_SOURCE.SHA256, sha)
        .set(REVISION_SOURCE.CONTENT, content)
        .execute();
  }

  /** The uploaded file of revision {@code revisionId} of negotiation {@code n}, if it was uploaded. */
  public static java.util.Optional<Source> source(DSLContext dsl, long n, long revisionId) {
    return dsl.select(REVISION_SOURCE.MEDIA_TYPE, REVISION.SOURCE_NAME, REVISION_SOURCE.CONTENT, REVISION_SOURCE.SHA256)
        .from(REVISION_SOURCE).join(REVISION).on(REVISION.ID.eq(REVISION_SOURCE.REVISION_ID))
        .where(REVISION.ID.eq(revisionId).and(REVISION.NEGOTIATION_ID.eq(n)))
        .fetchOptional(r -> new Source(r.value1(), r.value2(), r.value3(), r.value4()));
  }

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
    List<ParagraphAligner.Paragraph> before = new ArrayList<>(prior.size());
    for (ParagraphVersionRecord r : prior) {
      before.add(new ParagraphAligner.Paragraph(r.getParagraphId(), r.getKind(), r.getText()));
    }
    List<DraftParagraph> paragraphs = draft.paragraphs();
    List<ParagraphAligner.Paragraph> after = new ArrayList<>(paragraphs.size());
    for (DraftParagraph p : paragraphs) {
      after.add(new ParagraphAligner.Paragraph(null, p.kind().code(), p.text()));
    }
    ParagraphAligner.Alignment alignment = ParagraphAligner.align(before, after);
    ParagraphAligner.Link[] links = alignment.byNew();

    // The first new paragraph of a link carries the first old paragraph's id on; the others are new paragraphs.
    long[] ids = new long[paragraphs.size()];
    for (int j = 0; j < paragraphs.size(); j++) {
      ParagraphAligner.Link l = links[j];
      ids[j] = carriesOn(l, j) ? prior.get(l.from().get(0)).getParagraphId()
          : newParagraph(dsl, negotiationId, revisionId);
    }
    List<ParagraphVersionRecord> rows = new ArrayList<>(paragraphs.size() + alignment.fromSize() / 8);
    for (int j = 0; j < paragraphs.size(); j++) {
      ParagraphAligner.Link l = links[j];
      DraftParagraph p = paragraphs.get(j);
      ParagraphVersionRecord old = l.from().isEmpty() ? null : prior.get(l.from().get(0));
      ParagraphVersionRecord r = dsl.newRecord(PARAGRAPH_VERSION);
      r.setRevisionId(revisionId);
      r.setParagraphId(ids[j]);
      r.setPosition(j);
      r.setKind(p.kind().code());
      r.setNumber(p.number());
      r.setParentId(p.parent() >= 0 ? ids[p.parent()] : null);
      r.setText(p.text());
      r.setDirection(p.direction().code());
      r.setBrackets(p.brackets());
      r.setStatus(old != null && carriesOn(l, j) ? old.getStatus() : "open");
      r.setChange(changeCode(l));
      r.setPreviousNumber(old == null ? null : old.getNumber());
      r.setPreviousPosition(old == null ? null : old.getPosition());
      r.setSplitFrom(old != null && !carriesOn(l, j) ? old.getParagraphId() : null);
      r.setAlt(p.alt());
      rows.add(r);
    }
    for (ParagraphAligner.Link l : alignment.links()) {
      // Deleted paragraphs, and the ones merged into another (all but the first of a merge), close here.
      boolean merged = l.kind() == ParagraphAligner.Kind.MERGED;
      if (l.kind() != ParagraphAligner.Kind.DELETED && !merged) {
        continue;
      }
      for (int k = merged ? 1 : 0; k < l.from().size(); k++) {
        ParagraphVersionRecord old = prior.get(l.from().get(k));
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
        r.setChange(merged ? "merged" : "deleted");
        r.setMergedInto(merged ? ids[l.to().get(0)] : null);
        r.setPreviousNumber(old.getNumber());
        r.setPreviousPosition(old.getPosition());
        r.setAlt(old.getAlt());
        rows.add(r);
      }
    }
    dsl.batchInsert(rows).execute();
    return revisionId;
  }

  /** Whether the new paragraph {@code j} keeps the id of the (first) old paragraph of its link. */
  private static boolean carriesOn(ParagraphAligner.Link l, int j) {
    return !l.from().isEmpty() && l.to().get(0) == j;
  }

  /** The stored change code of a link ("moved_modified" for a moved paragraph whose text changed). */
  private static String changeCode(ParagraphAligner.Link l) {
    return l.kind() == ParagraphAligner.Kind.MOVED && l.edited() ? "moved_modified" : l.kind().code();
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
            r.getPreviousPosition(), r.getChange(), r.getMergedInto()));
      } else {
        paragraphs.add(new Paragraph(r.getParagraphId(), r.getPosition(), r.getKind(), r.getNumber(),
            r.getParentId(), r.getText(), r.getDirection(), r.getBrackets(), r.getStatus(), r.getChange(),
            r.getPreviousNumber(), r.getAlt(), r.getPreviousPosition(), null, r.getSplitFrom()));
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
