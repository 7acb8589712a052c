package org.plenary.negotiation;

import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.PARTICIPANT;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.plenary.access.Role;

/** Negotiations and their participants. */
public final class Negotiations {
  public record Negotiation(long id, String title, List<String> languages, String state, OffsetDateTime createdAt,
      String role, String delegation) {}

  public record Participant(long accountId, String email, String displayName, String role, String delegation,
      boolean disabled) {}

  private Negotiations() {}

  public static long create(DSLContext dsl, String title, List<String> languages, long createdBy) {
    long id = dsl.insertInto(NEGOTIATION)
        .set(NEGOTIATION.TITLE, title)
        .set(NEGOTIATION.LANGUAGES, String.join(",", languages))
        .set(NEGOTIATION.CREATED_BY, createdBy)
        .returningResult(NEGOTIATION.ID)
        .fetchOne()
        .value1();
    addParticipant(dsl, id, createdBy, Role.SECRETARIAT, null);
    return id;
  }

  public static void addParticipant(DSLContext dsl, long negotiationId, long accountId, Role role, String delegation) {
    dsl.insertInto(PARTICIPANT)
        .set(PARTICIPANT.NEGOTIATION_ID, negotiationId)
        .set(PARTICIPANT.ACCOUNT_ID, accountId)
        .set(PARTICIPANT.ROLE, role.code())
        .set(PARTICIPANT.DELEGATION_CODE, delegation)
        .onConflict(PARTICIPANT.NEGOTIATION_ID, PARTICIPANT.ACCOUNT_ID)
        .doUpdate()
        .set(PARTICIPANT.ROLE, role.code())
        .set(PARTICIPANT.DELEGATION_CODE, delegation)
        .execute();
  }

  /** The negotiations an account takes part in, archived ones left out (all of them for an admin), newest first. */
  public static List<Negotiation> visibleTo(DSLContext dsl, long accountId, boolean admin) {
    var p = PARTICIPANT.as("p");
    var query = dsl.select(NEGOTIATION.ID, NEGOTIATION.TITLE, NEGOTIATION.LANGUAGES, NEGOTIATION.STATE,
            NEGOTIATION.CREATED_AT, p.ROLE, p.DELEGATION_CODE)
        .from(NEGOTIATION)
        .leftJoin(p).on(p.NEGOTIATION_ID.eq(NEGOTIATION.ID).and(p.ACCOUNT_ID.eq(accountId)));
    // an archived negotiation is kept for the record: only administrators still see it listed
    var filtered = admin ? query.where(org.jooq.impl.DSL.trueCondition())
        : query.where(p.ACCOUNT_ID.isNotNull()).and(NEGOTIATION.STATE.ne("archived"));
    return filtered.orderBy(NEGOTIATION.ID.desc()).fetch(r -> new Negotiation(r.value1(), r.value2(),
        languages(r.value3()), r.value4(), r.value5(), r.value6() == null ? Role.SECRETARIAT.code() : r.value6(),
        r.value7()));
  }

  public static Negotiation get(DSLContext dsl, long id, Role role, String delegation) {
    var r = dsl.selectFrom(NEGOTIATION).where(NEGOTIATION.ID.eq(id)).fetchSingle();
    return new Negotiation(r.getId(), r.getTitle(), languages(r.getLanguages()), r.getState(), r.getCreatedAt(),
        role.code(), delegation);
  }

  public static List<Participant> participants(DSLContext dsl, long negotiationId) {
    var a = org.plenary.schema.Tables.ACCOUNT;
    return dsl.select(a.ID, a.EMAIL, a.DISPLAY_NAME, PARTICIPANT.ROLE, PARTICIPANT.DELEGATION_CODE, a.DISABLED)
        .from(PARTICIPANT).join(a).on(a.ID.eq(PARTICIPANT.ACCOUNT_ID))
        .where(PARTICIPANT.NEGOTIATION_ID.eq(negotiationId))
        .orderBy(PARTICIPANT.DELEGATION_CODE.asc().nullsFirst(), a.EMAIL)
        .fetch(r -> new Participant(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
  }

  private static List<String> languages(String stored) {
    return Arrays.stream(stored.split(",")).filter(s -> !s.isBlank()).toList();
  }
}
