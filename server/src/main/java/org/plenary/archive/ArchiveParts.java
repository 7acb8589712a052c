package org.plenary.archive;

import static org.plenary.schema.Tables.ACCOUNT;
import static org.plenary.schema.Tables.DELEGATION;
import static org.plenary.schema.Tables.EVENT;
import static org.plenary.schema.Tables.EVENT_CHAIN;
import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.NEGOTIATION_DELEGATION;
import static org.plenary.schema.Tables.PARAGRAPH;
import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.PARTICIPANT;
import static org.plenary.schema.Tables.PROPOSAL;
import static org.plenary.schema.Tables.PROPOSAL_COMBINATION;
import static org.plenary.schema.Tables.PROPOSAL_COSPONSOR;
import static org.plenary.schema.Tables.PROPOSAL_DECISION;
import static org.plenary.schema.Tables.PROPOSAL_FATE;
import static org.plenary.schema.Tables.PROPOSAL_SOURCE;
import static org.plenary.schema.Tables.PROPOSAL_REPLY;
import static org.plenary.schema.Tables.REVISION;
import static org.plenary.schema.Tables.REVISION_SOURCE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * The parts of a negotiation archive: one per table, each written by a small function that selects the
 * negotiation's rows in a stable order. Adding a table (decisions, fates, carried-from links) is one more entry
 * in {@link #ALL}. Rows are JSON objects keyed by column name; ids are the exporting server's, for an importer
 * to map.
 */
public final class ArchiveParts {
  /** One part: its name (file {@code parts/<name>.jsonl}) and how to read its rows of negotiation {@code n}. */
  public record Part(String name, Reader reader) {}

  /** Reads a part's rows, handing each to {@code row} (streamed: a large negotiation is never held whole). */
  @FunctionalInterface
  public interface Reader {
    void read(DSLContext dsl, long n, Consumer<Map<String, Object>> row);
  }

  private ArchiveParts() {}

  public static final List<Part> ALL = List.of(
      new Part("negotiation", (dsl, n, out) -> rows(dsl.selectFrom(NEGOTIATION).where(NEGOTIATION.ID.eq(n)), out)),
      // the delegations taking part, with the definitions of custom ones (organisations, observers)
      new Part("delegations", (dsl, n, out) -> rows(dsl.select(NEGOTIATION_DELEGATION.DELEGATION_CODE,
              NEGOTIATION_DELEGATION.COORDINATOR_CODE, NEGOTIATION_DELEGATION.ADDED_AT, DELEGATION.KIND,
              DELEGATION.NAME_EN, DELEGATION.NAME_AR, DELEGATION.NEGOTIATION_ID)
          .from(NEGOTIATION_DELEGATION).join(DELEGATION).on(DELEGATION.CODE.eq(NEGOTIATION_DELEGATION.DELEGATION_CODE))
          .where(NEGOTIATION_DELEGATION.NEGOTIATION_ID.eq(n)).orderBy(NEGOTIATION_DELEGATION.DELEGATION_CODE), out)),
      // who took part: never a password hash, a token or an invitation secret
      new Part("participants", (dsl, n, out) -> rows(dsl.select(PARTICIPANT.ACCOUNT_ID, ACCOUNT.EMAIL,
              ACCOUNT.DISPLAY_NAME, PARTICIPANT.ROLE, PARTICIPANT.DELEGATION_CODE, PARTICIPANT.CREATED_AT)
          .from(PARTICIPANT).join(ACCOUNT).on(ACCOUNT.ID.eq(PARTICIPANT.ACCOUNT_ID))
          .where(PARTICIPANT.NEGOTIATION_ID.eq(n)).orderBy(PARTICIPANT.ACCOUNT_ID), out)),
      // revisions with their comment windows (deadline, silence procedure)
      new Part("revisions", (dsl, n, out) -> rows(dsl.selectFrom(REVISION).where(REVISION.NEGOTIATION_ID.eq(n))
          .orderBy(REVISION.SEQ), out)),
      new Part("paragraphs", (dsl, n, out) -> rows(dsl.selectFrom(PARAGRAPH).where(PARAGRAPH.NEGOTIATION_ID.eq(n))
          .orderBy(PARAGRAPH.ID), out)),
      new Part("paragraph_versions", (dsl, n, out) -> rows(dsl.select(PARAGRAPH_VERSION.fields())
          .from(PARAGRAPH_VERSION).join(REVISION).on(REVISION.ID.eq(PARAGRAPH_VERSION.REVISION_ID))
          .where(REVISION.NEGOTIATION_ID.eq(n))
          .orderBy(PARAGRAPH_VERSION.REVISION_ID, PARAGRAPH_VERSION.POSITION.asc().nullsLast(),
              PARAGRAPH_VERSION.PARAGRAPH_ID), out)),
      new Part("proposals", (dsl, n, out) -> rows(dsl.selectFrom(PROPOSAL).where(PROPOSAL.NEGOTIATION_ID.eq(n))
          .orderBy(PROPOSAL.ID), out)),
      new Part("cosponsorships", (dsl, n, out) -> rows(dsl.select(PROPOSAL_COSPONSOR.fields())
          .from(PROPOSAL_COSPONSOR).join(PROPOSAL).on(PROPOSAL.ID.eq(PROPOSAL_COSPONSOR.PROPOSAL_ID))
          .where(PROPOSAL.NEGOTIATION_ID.eq(n))
          .orderBy(PROPOSAL_COSPONSOR.PROPOSAL_ID, PROPOSAL_COSPONSOR.DELEGATION_CODE), out)),
      new Part("replies", (dsl, n, out) -> rows(dsl.select(PROPOSAL_REPLY.fields())
          .from(PROPOSAL_REPLY).join(PROPOSAL).on(PROPOSAL.ID.eq(PROPOSAL_REPLY.PROPOSAL_ID))
          .where(PROPOSAL.NEGOTIATION_ID.eq(n)).orderBy(PROPOSAL_REPLY.ID), out)),
      // the merge: combinations, the facilitators' decisions, then what became of each proposal (carried-from links
      // are proposal columns)
      new Part("combinations", (dsl, n, out) -> rows(dsl.select(PROPOSAL_COMBINATION.fields())
          .from(PROPOSAL_COMBINATION).join(REVISION).on(REVISION.ID.eq(PROPOSAL_COMBINATION.WORKSPACE_ID))
          .where(REVISION.NEGOTIATION_ID.eq(n)).orderBy(PROPOSAL_COMBINATION.ID), out)),
      new Part("decisions", (dsl, n, out) -> rows(dsl.select(PROPOSAL_DECISION.fields())
          .from(PROPOSAL_DECISION).join(PROPOSAL).on(PROPOSAL.ID.eq(PROPOSAL_DECISION.PROPOSAL_ID))
          .where(PROPOSAL.NEGOTIATION_ID.eq(n)).orderBy(PROPOSAL_DECISION.PROPOSAL_ID), out)),
      new Part("proposal_fates", (dsl, n, out) -> rows(dsl.select(PROPOSAL_FATE.fields())
          .from(PROPOSAL_FATE).join(PROPOSAL).on(PROPOSAL.ID.eq(PROPOSAL_FATE.PROPOSAL_ID))
          .where(PROPOSAL.NEGOTIATION_ID.eq(n)).orderBy(PROPOSAL_FATE.PROPOSAL_ID), out)),
      // where proposals read from a delegation's Word file came from (tracked-change author and date)
      new Part("proposal_sources", (dsl, n, out) -> rows(dsl.select(PROPOSAL_SOURCE.fields())
          .from(PROPOSAL_SOURCE).join(PROPOSAL).on(PROPOSAL.ID.eq(PROPOSAL_SOURCE.PROPOSAL_ID))
          .where(PROPOSAL.NEGOTIATION_ID.eq(n)).orderBy(PROPOSAL_SOURCE.PROPOSAL_ID), out)),
      // the files the revisions were uploaded from, byte for byte (base64 in JSON), with their SHA-256
      new Part("revision_sources", (dsl, n, out) -> rows(dsl.select(REVISION_SOURCE.fields())
          .from(REVISION_SOURCE).join(REVISION).on(REVISION.ID.eq(REVISION_SOURCE.REVISION_ID))
          .where(REVISION.NEGOTIATION_ID.eq(n)).orderBy(REVISION_SOURCE.REVISION_ID), out)),
      // the audit chain as stored (a proposal's whole history is its events), hashes and links included
      new Part("events", (dsl, n, out) -> rows(dsl.select(EVENT.ID, EVENT.NEGOTIATION_ID, EVENT.ACCOUNT_ID,
              EVENT.DELEGATION_CODE, EVENT.TYPE, EVENT.SUBJECT, EVENT.PAYLOAD, EVENT.CREATED_AT, EVENT.PREV_HASH,
              EVENT.HASH, EVENT.CHAIN_KEY)
          .from(EVENT).where(EVENT.NEGOTIATION_ID.eq(n)).orderBy(EVENT.ID), out)),
      // the lanes' heads: with them, a removed last event is detected too
      new Part("event_chain", (dsl, n, out) -> rows(dsl.selectFrom(EVENT_CHAIN)
          .where(EVENT_CHAIN.CHAIN_KEY.eq("negotiation:" + n).or(EVENT_CHAIN.CHAIN_KEY.like("negotiation:" + n + "#%")))
          .orderBy(EVENT_CHAIN.CHAIN_KEY), out)));

  /** Parts added after the format's first archives: an archive without them reads as having none. */
  public static final java.util.Set<String> LATER = java.util.Set.of("revision_sources", "proposal_fates");

  /** The names of every part, in archive order. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    ALL.forEach(p -> names.add(p.name()));
    return names;
  }

  private static void rows(ResultQuery<? extends Record> query, Consumer<Map<String, Object>> out) {
    try (var cursor = query.fetchSize(500).fetchLazy()) {
      for (Record r : cursor) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field<?> f : r.fields()) {
          row.put(f.getName(), r.get(f));
        }
        out.accept(row);
      }
    }
  }
}
