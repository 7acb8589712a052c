package org.plenary.negotiation;

import static org.plenary.schema.Tables.ACCOUNT;
import static org.plenary.schema.Tables.DELEGATION;
import static org.plenary.schema.Tables.DELEGATION_MEMBER;
import static org.plenary.schema.Tables.NEGOTIATION_DELEGATION;
import static org.plenary.schema.Tables.PARTICIPANT;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Delegations: the reference list (states, observer states, groups) and the delegations one negotiation
 * has chosen, with the coordinator each group acts through. Synchronous jOOQ, inside {@code Database.tx}.
 */
public final class NegotiationDelegations {
  /** A reference delegation with the groups it belongs to (for a group: its members). */
  public record Reference(String code, String kind, String nameEn, String nameAr, List<String> groups,
      List<String> members) {}

  /** A delegation taking part in a negotiation. */
  public record Chosen(String code, String kind, String nameEn, String nameAr, String coordinator, boolean custom) {}

  private NegotiationDelegations() {}

  /**
   * Reference delegations, filtered by kind, group membership and a case-insensitive text in the code or
   * either name; any filter may be null.
   */
  public static List<Reference> reference(DSLContext dsl, String kind, String group, String query) {
    Condition c = DELEGATION.NEGOTIATION_ID.isNull();
    if (kind != null) {
      c = c.and(DELEGATION.KIND.eq(kind));
    }
    if (group != null) {
      c = c.and(DELEGATION.CODE.in(DSL.select(DELEGATION_MEMBER.MEMBER_CODE).from(DELEGATION_MEMBER)
          .where(DELEGATION_MEMBER.GROUP_CODE.eq(group))));
    }
    if (query != null) {
      String q = "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      c = c.and(DSL.lower(DELEGATION.CODE).like(q, '\\').or(DSL.lower(DELEGATION.NAME_EN).like(q, '\\'))
          .or(DELEGATION.NAME_AR.like("%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", '\\')));
    }
    var rows = dsl.select(DELEGATION.CODE, DELEGATION.KIND, DELEGATION.NAME_EN, DELEGATION.NAME_AR).from(DELEGATION)
        .where(c).orderBy(DELEGATION.KIND.desc(), DELEGATION.NAME_EN).fetch();
    Map<String, List<String>> groupsOf = dsl.selectFrom(DELEGATION_MEMBER).orderBy(DELEGATION_MEMBER.GROUP_CODE)
        .fetchGroups(DELEGATION_MEMBER.MEMBER_CODE, DELEGATION_MEMBER.GROUP_CODE);
    Map<String, List<String>> membersOf = dsl.selectFrom(DELEGATION_MEMBER).orderBy(DELEGATION_MEMBER.MEMBER_CODE)
        .fetchGroups(DELEGATION_MEMBER.GROUP_CODE, DELEGATION_MEMBER.MEMBER_CODE);
    return rows.map(r -> new Reference(r.value1(), r.value2(), r.value3(), r.value4(),
        groupsOf.getOrDefault(r.value1(), List.of()), membersOf.getOrDefault(r.value1(), List.of())));
  }

  /** A delegation by code: reference data, or a custom one of negotiation {@code n}. */
  public static Optional<Chosen> visibleIn(DSLContext dsl, long n, String code) {
    return dsl.selectFrom(DELEGATION).where(DELEGATION.CODE.eq(code))
        .and(DELEGATION.NEGOTIATION_ID.isNull().or(DELEGATION.NEGOTIATION_ID.eq(n)))
        .fetchOptional(r -> new Chosen(r.getCode(), r.getKind(), r.getNameEn(), r.getNameAr(), null,
            r.getNegotiationId() != null));
  }

  public static boolean codeTaken(DSLContext dsl, String code) {
    return dsl.fetchExists(DELEGATION, DELEGATION.CODE.eq(code));
  }

  public static List<Chosen> of(DSLContext dsl, long n) {
    return dsl.select(DELEGATION.CODE, DELEGATION.KIND, DELEGATION.NAME_EN, DELEGATION.NAME_AR,
            NEGOTIATION_DELEGATION.COORDINATOR_CODE, DELEGATION.NEGOTIATION_ID)
        .from(NEGOTIATION_DELEGATION).join(DELEGATION).on(DELEGATION.CODE.eq(NEGOTIATION_DELEGATION.DELEGATION_CODE))
        .where(NEGOTIATION_DELEGATION.NEGOTIATION_ID.eq(n))
        .orderBy(DELEGATION.KIND.desc(), DELEGATION.CODE)
        .fetch(r -> new Chosen(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6() != null));
  }

  public static Optional<Chosen> inNegotiation(DSLContext dsl, long n, String code) {
    return of(dsl, n).stream().filter(d -> d.code().equals(code)).findFirst();
  }

  public static void add(DSLContext dsl, long n, String code) {
    dsl.insertInto(NEGOTIATION_DELEGATION, NEGOTIATION_DELEGATION.NEGOTIATION_ID, NEGOTIATION_DELEGATION.DELEGATION_CODE)
        .values(n, code).execute();
  }

  public static void createCustom(DSLContext dsl, long n, String code, String kind, String nameEn, String nameAr) {
    dsl.insertInto(DELEGATION)
        .set(DELEGATION.CODE, code)
        .set(DELEGATION.KIND, kind)
        .set(DELEGATION.NAME_EN, nameEn)
        .set(DELEGATION.NAME_AR, nameAr)
        .set(DELEGATION.NEGOTIATION_ID, n)
        .execute();
  }

  public static void setCoordinator(DSLContext dsl, long n, String group, String coordinator) {
    dsl.update(NEGOTIATION_DELEGATION).set(NEGOTIATION_DELEGATION.COORDINATOR_CODE, coordinator)
        .where(NEGOTIATION_DELEGATION.NEGOTIATION_ID.eq(n)).and(NEGOTIATION_DELEGATION.DELEGATION_CODE.eq(group))
        .execute();
  }

  public static List<String> members(DSLContext dsl, String group) {
    return dsl.select(DELEGATION_MEMBER.MEMBER_CODE).from(DELEGATION_MEMBER)
        .where(DELEGATION_MEMBER.GROUP_CODE.eq(group)).fetch(DELEGATION_MEMBER.MEMBER_CODE);
  }

  /** Participants acting for {@code code}, or for a group: for any of its members. */
  public static List<Negotiations.Participant> participants(DSLContext dsl, long n, String code, boolean group) {
    Condition c = group
        ? PARTICIPANT.DELEGATION_CODE.in(DSL.select(DELEGATION_MEMBER.MEMBER_CODE).from(DELEGATION_MEMBER)
            .where(DELEGATION_MEMBER.GROUP_CODE.eq(code)))
        : PARTICIPANT.DELEGATION_CODE.eq(code);
    return dsl.select(ACCOUNT.ID, ACCOUNT.EMAIL, ACCOUNT.DISPLAY_NAME, PARTICIPANT.ROLE, PARTICIPANT.DELEGATION_CODE,
            ACCOUNT.DISABLED)
        .from(PARTICIPANT).join(ACCOUNT).on(ACCOUNT.ID.eq(PARTICIPANT.ACCOUNT_ID))
        .where(PARTICIPANT.NEGOTIATION_ID.eq(n)).and(c)
        .orderBy(PARTICIPANT.DELEGATION_CODE, ACCOUNT.EMAIL)
        .fetch(r -> new Negotiations.Participant(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
            r.value6()));
  }
}
