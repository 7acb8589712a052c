package org.plenary.word;

import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.PROPOSAL_SOURCE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.plenary.draft.Revisions;

/** What the Word round trip reads and writes in the database: a revision's paragraphs, imported proposals' origin. */
final class WordImports {
  /** A revision with what its Word document needs. */
  record Loaded(String title, boolean rtl, Revisions.Revision revision) {
    List<WordProposals.Target> targets() {
      List<WordProposals.Target> out = new ArrayList<>();
      for (Revisions.Paragraph p : revision.paragraphs()) {
        out.add(new WordProposals.Target(p.id(), p.number(), p.label(), p.text()));
      }
      return out;
    }
  }

  private WordImports() {}

  static Optional<Loaded> load(DSLContext dsl, long n, long r) {
    var negotiation = dsl.select(NEGOTIATION.TITLE, NEGOTIATION.LANGUAGES).from(NEGOTIATION)
        .where(NEGOTIATION.ID.eq(n)).fetchOne();
    if (negotiation == null) {
      return Optional.empty();
    }
    String languages = negotiation.value2() == null ? "" : negotiation.value2();
    boolean rtl = !languages.strip().toLowerCase(java.util.Locale.ROOT).startsWith("en");
    return Revisions.get(dsl, n, r).map(rev -> new Loaded(negotiation.value1(), rtl, rev));
  }

  /** Keeps where an imported proposal came from: the file's paragraph, the tracked change's author and date. */
  static void source(DSLContext dsl, long proposalId, WordProposals.Proposal p) {
    Set<String> names = new LinkedHashSet<>();
    String date = null;
    for (WordProposals.Author a : p.authors()) {
      if (a.name() != null && !a.name().isBlank()) {
        names.add(a.name().strip());
      }
      if (a.date() != null && (date == null || a.date().compareTo(date) > 0)) {
        date = a.date();
      }
    }
    String author = names.isEmpty() ? null : String.join("; ", names);
    if (author != null && author.length() > 400) {
      author = author.substring(0, 399) + "…";
    }
    dsl.insertInto(PROPOSAL_SOURCE)
        .set(PROPOSAL_SOURCE.PROPOSAL_ID, proposalId)
        .set(PROPOSAL_SOURCE.FORMAT, "docx")
        .set(PROPOSAL_SOURCE.FILE_POSITION, p.filePosition())
        .set(PROPOSAL_SOURCE.CHANGE_AUTHOR, author)
        .set(PROPOSAL_SOURCE.CHANGE_DATE, date == null || date.length() > 40 ? null : date)
        .set(PROPOSAL_SOURCE.WORD_COMMENT_ID, p.commentId() == null || p.commentId().length() > 40 ? null
            : p.commentId())
        .set(PROPOSAL_SOURCE.MAPPED_BY, p.mapping() == null ? "id" : p.mapping().by())
        .set(PROPOSAL_SOURCE.CONFIDENCE, p.mapping() == null ? 1.0 : p.mapping().confidence())
        .execute();
  }
}
