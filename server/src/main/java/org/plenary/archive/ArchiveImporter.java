package org.plenary.archive;

import static org.plenary.schema.Tables.DELEGATION;
import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.NEGOTIATION_DELEGATION;
import static org.plenary.schema.Tables.PARAGRAPH;
import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.PARTICIPANT;
import static org.plenary.schema.Tables.PROPOSAL;
import static org.plenary.schema.Tables.PROPOSAL_FATE;
import static org.plenary.schema.Tables.PROPOSAL_COMBINATION;
import static org.plenary.schema.Tables.PROPOSAL_COSPONSOR;
import static org.plenary.schema.Tables.PROPOSAL_DECISION;
import static org.plenary.schema.Tables.PROPOSAL_SOURCE;
import static org.plenary.schema.Tables.REVISION_SOURCE;
import static org.plenary.schema.Tables.PROPOSAL_REPLY;
import static org.plenary.schema.Tables.REVISION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record;
import org.jooq.Table;
import org.plenary.access.Accounts;
import org.plenary.access.Invitations;
import org.plenary.audit.AuditLog;

/**
 * Restores a {@link ArchiveReader checked} archive as a new negotiation, in the caller's transaction. Ids are
 * the new server's; every reference (revision bases, paragraph identity across revisions, parents, proposal
 * targets, replies in reply to replies) is carried through maps from the archive's ids, so paragraph identity
 * and links hold. Participants come back as accounts found by email, or created without a password and given an
 * invitation. The history is appended to the new negotiation's audit log in its order (type, subject and payload
 * as exported, so ids inside payloads are the source server's), then {@code negotiation.imported} with the id
 * maps and the archive's manifest.
 *
 * <p>One function per part, as in {@link ArchiveParts}: a new table is one more function.
 */
public final class ArchiveImporter {
  /** What was restored: the new id, the id maps, and the invitations of accounts that had none here. */
  public record Imported(long negotiationId, Map<String, Map<Long, Long>> ids, List<Map<String, Object>> invitations) {}

  private final DSLContext dsl;
  private final ArchiveReader.Archive archive;
  private final long importer;
  private final Map<Long, Long> accounts = new HashMap<>();
  private final Map<Long, Long> revisions = new LinkedHashMap<>();
  private final Map<Long, Long> paragraphs = new LinkedHashMap<>();
  private final Map<Long, Long> proposals = new LinkedHashMap<>();
  private final Map<Long, Long> replies = new LinkedHashMap<>();
  private final List<Map<String, Object>> invitations = new ArrayList<>();
  private long n;

  private ArchiveImporter(DSLContext dsl, ArchiveReader.Archive archive, long importer) {
    this.dsl = dsl;
    this.archive = archive;
    this.importer = importer;
  }

  /** Restores {@code archive}; {@code importer} (an administrator) stands in for accounts the archive lacks. */
  public static Imported restore(DSLContext dsl, ArchiveReader.Archive archive, long importer) {
    ArchiveImporter i = new ArchiveImporter(dsl, archive, importer);
    i.negotiation();
    i.delegations();
    i.participants();
    i.revisions();
    i.paragraphs();
    i.paragraphVersions();
    i.proposals();
    i.cosponsorships();
    i.replies();
    i.merge();
    i.fates();
    i.history();
    return new Imported(i.n, Map.of("revisions", i.revisions, "paragraphs", i.paragraphs, "proposals",
        i.proposals, "replies", i.replies, "accounts", i.accounts), i.invitations);
  }

  private void negotiation() {
    ObjectNode row = archive.rows("negotiation").get(0);
    n = dsl.insertInto(NEGOTIATION)
        .set(NEGOTIATION.TITLE, text(row, "title"))
        .set(NEGOTIATION.LANGUAGES, text(row, "languages"))
        .set(NEGOTIATION.STATE, text(row, "state"))
        .set(NEGOTIATION.CREATED_BY, importer)
        .set(NEGOTIATION.CREATED_AT, time(row, "created_at"))
        .returningResult(NEGOTIATION.ID).fetchOne().value1();
  }

  private void delegations() {
    for (ObjectNode row : archive.rows("delegations")) {
      String code = text(row, "delegation_code");
      if (!dsl.fetchExists(DELEGATION, DELEGATION.CODE.eq(code))) {
        // a custom delegation (organisation, observer) of the archived negotiation: now this one's
        dsl.insertInto(DELEGATION).set(DELEGATION.CODE, code).set(DELEGATION.KIND, text(row, "kind"))
            .set(DELEGATION.NAME_EN, text(row, "name_en")).set(DELEGATION.NAME_AR, text(row, "name_ar"))
            .set(DELEGATION.NEGOTIATION_ID, row.hasNonNull("negotiation_id") ? n : null).execute();
      }
    }
    for (ObjectNode row : archive.rows("delegations")) { // coordinators name delegations added above
      dsl.insertInto(NEGOTIATION_DELEGATION).set(NEGOTIATION_DELEGATION.NEGOTIATION_ID, n)
          .set(NEGOTIATION_DELEGATION.DELEGATION_CODE, text(row, "delegation_code"))
          .set(NEGOTIATION_DELEGATION.COORDINATOR_CODE, text(row, "coordinator_code"))
          .set(NEGOTIATION_DELEGATION.ADDED_AT, time(row, "added_at")).execute();
    }
  }

  private void participants() {
    for (ObjectNode row : archive.rows("participants")) {
      String email = text(row, "email");
      var existing = Accounts.byEmail(dsl, email);
      long account = existing.map(Accounts.Account::id)
          .orElseGet(() -> Accounts.create(dsl, email, text(row, "display_name"), null, false));
      accounts.put(row.path("account_id").asLong(), account);
      dsl.insertInto(PARTICIPANT).set(PARTICIPANT.NEGOTIATION_ID, n).set(PARTICIPANT.ACCOUNT_ID, account)
          .set(PARTICIPANT.ROLE, text(row, "role")).set(PARTICIPANT.DELEGATION_CODE, text(row, "delegation_code"))
          .set(PARTICIPANT.CREATED_AT, time(row, "created_at")).execute();
      if (existing.map(a -> a.passwordHash() == null).orElse(true)) {
        var issued = Invitations.issue(dsl, account, n, "invite", importer);
        Map<String, Object> invitation = new LinkedHashMap<>();
        invitation.put("email", Accounts.normaliseEmail(email));
        invitation.put("token", issued.token());
        invitation.put("expiresAt", issued.expiresAt());
        invitations.add(invitation);
      }
    }
  }

  private void revisions() {
    for (ObjectNode row : archive.rows("revisions")) { // in seq order: a base comes before what is based on it
      revisions.put(row.path("id").asLong(), insert(REVISION, row, Set.of("id", "negotiation_id"), over(
          "based_on", mapped(revisions, row, "based_on"), "created_by", account(row, "created_by"))));
    }
  }

  private void paragraphs() {
    for (ObjectNode row : archive.rows("paragraphs")) {
      paragraphs.put(row.path("id").asLong(), insert(PARAGRAPH, row, Set.of("id", "negotiation_id"), over(
          "created_in_revision", mapped(revisions, row, "created_in_revision"))));
    }
  }

  private void paragraphVersions() {
    for (ObjectNode row : archive.rows("paragraph_versions")) {
      insert(PARAGRAPH_VERSION, row, Set.of(), over("revision_id", mapped(revisions, row, "revision_id"),
          "paragraph_id", mapped(paragraphs, row, "paragraph_id"), "parent_id", mapped(paragraphs, row, "parent_id"),
          "split_from", mapped(paragraphs, row, "split_from"), "merged_into", mapped(paragraphs, row, "merged_into")));
    }
  }

  private void proposals() {
    for (ObjectNode row : archive.rows("proposals")) { // by id: a target comes before what supports it
      proposals.put(row.path("id").asLong(), insert(PROPOSAL, row, Set.of("id", "negotiation_id"), over(
          "revision_id", mapped(revisions, row, "revision_id"), "paragraph_id", mapped(paragraphs, row, "paragraph_id"),
          "target_id", mapped(proposals, row, "target_id"), "author_account_id", account(row, "author_account_id"),
          "carried_from", mapped(proposals, row, "carried_from"), "state",
          "decided".equals(text(row, "state")) ? "submitted" : text(row, "state"))));
      if (row.hasNonNull("fate") && row.hasNonNull("fate_revision")) {
        // an archive made before fates had their own table (schema V13): the fate is a column of the proposal,
        // and a settled one made the proposal's state "decided"
        ObjectNode fate = row.objectNode();
        fate.put("proposal_id", row.path("id").asLong());
        fate.put("revision_id", row.path("fate_revision").asLong());
        fate.set("fate", row.get("fate"));
        fate.set("text", row.get("fate_text"));
        fate.set("similarity", row.get("fate_similarity"));
        fate.put("settled", "decided".equals(text(row, "state")));
        legacyFates.add(fate);
      }
    }
  }

  /** Fates read from the proposals of an archive older than the {@code proposal_fates} part. */
  private final List<ObjectNode> legacyFates = new ArrayList<>();

  private void fates() {
    List<ObjectNode> rows = new ArrayList<>(legacyFates);
    rows.addAll(archive.rows("proposal_fates"));
    for (ObjectNode row : rows) {
      insert(PROPOSAL_FATE, row, Set.of(), over("proposal_id", mapped(proposals, row, "proposal_id"), "revision_id",
          mapped(revisions, row, "revision_id")));
    }
  }

  private final Map<Long, Long> combinations = new LinkedHashMap<>();

  /** The merge's combinations and decisions, with every id they name mapped. */
  private void merge() {
    for (ObjectNode row : archive.rows("combinations")) {
      combinations.put(row.path("id").asLong(), insert(PROPOSAL_COMBINATION, row, Set.of("id"), over(
          "workspace_id", mapped(revisions, row, "workspace_id"), "paragraph_id", mapped(paragraphs, row, "paragraph_id"),
          "created_by", account(row, "created_by"))));
    }
    for (ObjectNode row : archive.rows("decisions")) {
      insert(PROPOSAL_DECISION, row, Set.of(), over("proposal_id", mapped(proposals, row, "proposal_id"),
          "workspace_id", mapped(revisions, row, "workspace_id"), "combination_id",
          mapped(combinations, row, "combination_id"), "paragraph_id", mapped(paragraphs, row, "paragraph_id"),
          "structural_paragraph_id", mapped(paragraphs, row, "structural_paragraph_id"),
          "decided_by", account(row, "decided_by")));
    }
    for (ObjectNode row : archive.rows("revision_sources")) {
      byte[] content = binary(row, "content");
      String sha = java.util.HexFormat.of().formatHex(ArchiveWriter.sha256().digest(content));
      if (!sha.equals(text(row, "sha256"))) {
        throw new ArchiveReader.Refused("revision_sources", "the source of revision " + row.path("revision_id").asText()
            + " does not match its SHA-256");
      }
      insert(REVISION_SOURCE, row, Set.of(), over("revision_id", mapped(revisions, row, "revision_id"), "content",
          content));
    }
    for (ObjectNode row : archive.rows("proposal_sources")) {
      insert(PROPOSAL_SOURCE, row, Set.of(), over("proposal_id", mapped(proposals, row, "proposal_id")));
    }
  }

  private void cosponsorships() {
    for (ObjectNode row : archive.rows("cosponsorships")) {
      insert(PROPOSAL_COSPONSOR, row, Set.of(), over("proposal_id", mapped(proposals, row, "proposal_id"),
          "answered_by", account(row, "answered_by")));
    }
  }

  private void replies() {
    for (ObjectNode row : archive.rows("replies")) {
      replies.put(row.path("id").asLong(), insert(PROPOSAL_REPLY, row, Set.of("id"), over(
          "proposal_id", mapped(proposals, row, "proposal_id"), "in_reply_to", mapped(replies, row, "in_reply_to"),
          "author_account_id", account(row, "author_account_id"))));
    }
  }

  /** The archived history in its order, then the import itself, as the new negotiation's audit log. */
  private void history() {
    List<AuditLog.Pending> events = new ArrayList<>();
    for (ObjectNode e : archive.rows("events")) {
      Long account = e.hasNonNull("account_id") ? accounts.getOrDefault(e.get("account_id").asLong(), importer) : null;
      events.add(new AuditLog.Pending(new AuditLog.Actor(account, text(e, "delegation_code")), text(e, "type"),
          text(e, "subject"), text(e, "payload")));
    }
    for (int from = 0; from < events.size(); from += 500) { // bounded statements
      AuditLog.appendAll(dsl, n, events.subList(from, Math.min(events.size(), from + 500)));
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("sourceNegotiation", archive.manifest().path("negotiation").asLong());
    payload.put("exportedAt", archive.manifest().path("exportedAt").asText());
    payload.put("manifest", archive.manifest());
    payload.put("ids", Map.of("revisions", revisions, "paragraphs", paragraphs, "proposals", proposals));
    AuditLog.append(dsl, n, new AuditLog.Actor(importer, null), "negotiation.imported", "negotiation:" + n, payload);
  }

  /** Inserts {@code row} into {@code table} without the columns {@code skip}, with {@code overrides}; the new id. */
  private long insert(Table<? extends Record> table, ObjectNode row, Set<String> skip, Map<String, Object> overrides) {
    InsertSetMoreStep<? extends Record> insert = null;
    var step = dsl.insertInto(table);
    for (Field<?> f : table.fields()) {
      String name = f.getName();
      if (skip.contains(name)) {
        if (name.equals("negotiation_id")) {
          insert = step.set(field(f, Long.class), n);
        }
        continue;
      }
      if (!row.has(name) && !overrides.containsKey(name)) {
        continue; // a column newer than the archive: its default
      }
      Object value = overrides.containsKey(name) ? overrides.get(name) : value(f, row.get(name));
      insert = set(step, f, value);
    }
    Field<?> id = table.field("id");
    if (id == null) {
      insert.execute();
      return 0;
    }
    return ((Number) insert.returningResult(id).fetchOne().value1()).longValue();
  }

  /** Column overrides; unlike {@code Map.of}, values may be null. */
  private static Map<String, Object> over(Object... columnsAndValues) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      m.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static <T> InsertSetMoreStep<? extends Record> set(org.jooq.InsertSetStep<? extends Record> step, Field<T> f,
      Object value) {
    return step.set(f, (T) value);
  }

  @SuppressWarnings("unchecked")
  private static <T> Field<T> field(Field<?> f, Class<T> type) {
    return (Field<T>) f;
  }

  /** A column's value from its JSON: timestamps parsed, numbers and booleans by the column's type. */
  private static Object value(Field<?> f, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    Class<?> type = f.getType();
    if (type == OffsetDateTime.class) {
      return OffsetDateTime.parse(v.asText());
    } else if (type == Long.class) {
      return v.asLong();
    } else if (type == Integer.class) {
      return v.asInt();
    } else if (type == Boolean.class) {
      return v.asBoolean();
    } else if (type == Double.class) {
      return v.asDouble();
    }
    return v.asText();
  }

  private static Long mapped(Map<Long, Long> ids, ObjectNode row, String column) {
    if (!row.hasNonNull(column)) {
      return null;
    }
    Long to = ids.get(row.get(column).asLong());
    if (to == null) {
      throw new ArchiveReader.Refused(column, "refers to " + row.get(column).asText() + ", which the archive lacks");
    }
    return to;
  }

  /** An account of the archive here; one that did not take part (an administrator) becomes the importer. */
  private Long account(ObjectNode row, String column) {
    return row.hasNonNull(column) ? accounts.getOrDefault(row.get(column).asLong(), importer) : null;
  }

  private static byte[] binary(JsonNode row, String column) {
    try {
      byte[] b = row.path(column).binaryValue();
      if (b == null) {
        throw new ArchiveReader.Refused("revision_sources", column + " is missing");
      }
      return b;
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new ArchiveReader.Refused("revision_sources", column + " is not base64");
    }
  }

  private static String text(JsonNode row, String column) {
    return row.hasNonNull(column) ? row.get(column).asText() : null;
  }

  private static OffsetDateTime time(JsonNode row, String column) {
    return row.hasNonNull(column) ? OffsetDateTime.parse(row.get(column).asText()) : null;
  }
}
