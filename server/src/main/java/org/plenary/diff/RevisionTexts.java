package org.plenary.diff;

import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.REVISION;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * What the revision diff reads of two revisions: their labels and their paragraphs' ids, numbers and
 * texts, in two statements (the full {@code Revisions.get} reads more than a diff needs, twice).
 */
final class RevisionTexts {
  /** A revision as the diff shows it. */
  record Loaded(long id, int seq, String label, int bracketCount, String state, List<ParagraphText> paragraphs) {}

  private RevisionTexts() {}

  /** Both revisions of negotiation {@code n}, or empty for the one that is not one of its revisions. */
  static Map<Long, Loaded> load(DSLContext dsl, long n, long from, long to) {
    Map<Long, List<ParagraphText>> paragraphs = new HashMap<>();
    paragraphs.put(from, new ArrayList<>());
    paragraphs.put(to, new ArrayList<>());
    Map<Long, Loaded> out = new HashMap<>();
    var revisions = dsl.select(REVISION.ID, REVISION.SEQ, REVISION.LABEL, REVISION.BRACKET_COUNT, REVISION.STATE)
        .from(REVISION)
        .where(REVISION.NEGOTIATION_ID.eq(n).and(REVISION.ID.in(from, to)))
        .fetch();
    if (revisions.isEmpty()) {
      return out;
    }
    dsl.select(PARAGRAPH_VERSION.REVISION_ID, PARAGRAPH_VERSION.PARAGRAPH_ID, PARAGRAPH_VERSION.NUMBER,
            PARAGRAPH_VERSION.KIND, PARAGRAPH_VERSION.PARENT_ID, PARAGRAPH_VERSION.TEXT, PARAGRAPH_VERSION.DIRECTION)
        .from(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.in(revisions.getValues(REVISION.ID))
            .and(PARAGRAPH_VERSION.POSITION.isNotNull()))
        .orderBy(PARAGRAPH_VERSION.REVISION_ID, PARAGRAPH_VERSION.POSITION)
        .fetch()
        .forEach(r -> paragraphs.get(r.value1()).add(new ParagraphText(r.value2(), r.value3(), r.value4(),
            r.value5(), r.value6(), r.value7())));
    for (var r : revisions) {
      out.put(r.value1(), new Loaded(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
          paragraphs.get(r.value1())));
    }
    return out;
  }

  static Optional<Loaded> of(Map<Long, Loaded> loaded, long id) {
    return Optional.ofNullable(loaded.get(id));
  }
}
