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
  record Loaded(long id, int seq, String label, int bracketCount, String state, List<ParagraphText> paragraphs,
      TokenCache tokens) {}

  /** What the cache holds of a published revision: its paragraphs and their token boundaries. */
  record Texts(List<ParagraphText> paragraphs, TokenCache tokens) {}

  private RevisionTexts() {}

  /** Paragraphs of published revisions by revision id: a published revision never changes. */
  static final class Cache {
    private final DiffCache<Long, Texts> paragraphs;

    Cache(long maxBytes) {
      paragraphs = new DiffCache<>(maxBytes, Cache::weight);
    }

    /**
     * About the bytes a revision takes in memory: its UTF-16 texts, the records around them, and room for
     * the token boundaries (4 bytes a token, about one token in two characters; fixed when put, so that
     * the cache's accounting never drifts as boundaries get computed).
     */
    static long weight(Texts t) {
      long w = 64;
      for (ParagraphText p : t.paragraphs()) {
        w += 4L * p.text().length() + (p.number() == null ? 0 : 2L * p.number().length()) + 200;
      }
      return w;
    }

    DiffCache<Long, Texts> entries() {
      return paragraphs;
    }
  }

  /**
   * Both revisions of negotiation {@code n}, or empty for the one that is not one of its revisions. The
   * revision rows (negotiation, state, label) are always read; the paragraphs of a published revision come
   * from {@code cache} when it holds them, and go in when read.
   */
  static Map<Long, Loaded> load(DSLContext dsl, long n, long from, long to, Cache cache) {
    Map<Long, Loaded> out = new HashMap<>();
    var revisions = dsl.select(REVISION.ID, REVISION.SEQ, REVISION.LABEL, REVISION.BRACKET_COUNT, REVISION.STATE)
        .from(REVISION)
        .where(REVISION.NEGOTIATION_ID.eq(n).and(REVISION.ID.in(from, to)))
        .fetch();
    if (revisions.isEmpty()) {
      return out;
    }
    Map<Long, List<ParagraphText>> paragraphs = new HashMap<>();
    Map<Long, Texts> cachedTexts = new HashMap<>();
    List<Long> toRead = new ArrayList<>(2);
    for (var r : revisions) {
      Texts cached = PUBLISHED.equals(r.value5()) ? cache.paragraphs.get(r.value1()) : null;
      if (cached != null) {
        cachedTexts.put(r.value1(), cached);
      } else {
        paragraphs.put(r.value1(), new ArrayList<>());
        toRead.add(r.value1());
      }
    }
    if (!toRead.isEmpty()) {
      dsl.select(PARAGRAPH_VERSION.REVISION_ID, PARAGRAPH_VERSION.PARAGRAPH_ID, PARAGRAPH_VERSION.NUMBER,
              PARAGRAPH_VERSION.KIND, PARAGRAPH_VERSION.PARENT_ID, PARAGRAPH_VERSION.TEXT, PARAGRAPH_VERSION.DIRECTION)
          .from(PARAGRAPH_VERSION)
          .where(PARAGRAPH_VERSION.REVISION_ID.in(toRead).and(PARAGRAPH_VERSION.POSITION.isNotNull()))
          .orderBy(PARAGRAPH_VERSION.REVISION_ID, PARAGRAPH_VERSION.POSITION)
          .fetch()
          .forEach(r -> paragraphs.get(r.value1()).add(new ParagraphText(r.value2(), r.value3(), r.value4(),
              r.value5(), r.value6(), r.value7())));
    }
    for (var r : revisions) {
      Texts texts = cachedTexts.get(r.value1());
      if (texts == null) {
        List<ParagraphText> ps = List.copyOf(paragraphs.get(r.value1()));
        texts = new Texts(ps, new TokenCache(ps));
        if (PUBLISHED.equals(r.value5())) {
          cache.paragraphs.put(r.value1(), texts);
        }
      }
      out.put(r.value1(), new Loaded(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), texts.paragraphs(),
          texts.tokens()));
    }
    return out;
  }

  static final String PUBLISHED = "published";

  static Optional<Loaded> of(Map<Long, Loaded> loaded, long id) {
    return Optional.ofNullable(loaded.get(id));
  }
}
