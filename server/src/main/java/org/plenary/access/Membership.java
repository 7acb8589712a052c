package org.plenary.access;

import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.NEGOTIATION_DELEGATION;
import static org.plenary.schema.Tables.PARTICIPANT;

import java.util.Arrays;
import org.jooq.DSLContext;
import org.plenary.domain.DomainException;

/**
 * The caller's place in one negotiation: role and delegation. A caller outside the negotiation gets
 * "not found", never "forbidden": a confidential negotiation's existence is not disclosed.
 */
public record Membership(long negotiationId, long accountId, Role role, String delegation) {

  /** The caller's membership; admins act as secretariat everywhere. Throws not-found for outsiders. */
  public static Membership require(DSLContext dsl, long negotiationId, Principal principal) {
    // One query: the negotiation, and the caller's participant row if any.
    var row = dsl.select(NEGOTIATION.ID, PARTICIPANT.ROLE, PARTICIPANT.DELEGATION_CODE).from(NEGOTIATION)
        .leftJoin(PARTICIPANT).on(PARTICIPANT.NEGOTIATION_ID.eq(NEGOTIATION.ID)
            .and(PARTICIPANT.ACCOUNT_ID.eq(principal.accountId())))
        .where(NEGOTIATION.ID.eq(negotiationId))
        .fetchOne();
    if (row != null) {
      if (row.value2() != null) {
        return new Membership(negotiationId, principal.accountId(), Role.fromCode(row.value2()), row.value3());
      }
      if (principal.admin()) {
        return new Membership(negotiationId, principal.accountId(), Role.SECRETARIAT, null);
      }
    }
    throw DomainException.notFound("negotiation " + negotiationId);
  }

  /** Like {@link #require}, and the role must be one of {@code allowed} (else 403: the caller can see it). */
  public static Membership requireRole(DSLContext dsl, long negotiationId, Principal principal, Role... allowed) {
    Membership m = require(dsl, negotiationId, principal);
    if (Arrays.asList(allowed).contains(m.role())) {
      return m;
    }
    throw DomainException.forbidden("this needs the role " + String.join(" or ",
        Arrays.stream(allowed).map(Role::code).toList()) + "; you are " + m.role().code());
  }

  /**
   * The delegation this member acts for when submitting, optionally "on behalf of" a group. The own
   * delegation always comes from the session (the participant row), never from the request; a group may
   * be named only when this member's delegation is the group's designated coordinator in this
   * negotiation.
   *
   * <pre>
   *   m.actingFor(dsl, null)    → "EGY"  (own delegation)
   *   m.actingFor(dsl, "ARAB")  → "ARAB" (when EGY coordinates the Arab Group here), else 403
   * </pre>
   */
  public String actingFor(DSLContext dsl, String onBehalfOf) {
    if (delegation == null) {
      throw DomainException.forbidden("you take part as " + role.code() + " without a delegation, so you cannot act for one");
    }
    if (onBehalfOf == null || onBehalfOf.isBlank() || onBehalfOf.equals(delegation)) {
      return delegation;
    }
    String coordinator = dsl.select(NEGOTIATION_DELEGATION.COORDINATOR_CODE).from(NEGOTIATION_DELEGATION)
        .where(NEGOTIATION_DELEGATION.NEGOTIATION_ID.eq(negotiationId))
        .and(NEGOTIATION_DELEGATION.DELEGATION_CODE.eq(onBehalfOf))
        .fetchOne(NEGOTIATION_DELEGATION.COORDINATOR_CODE);
    if (!delegation.equals(coordinator)) {
      throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden", "your delegation " + delegation
          + " is not the designated coordinator of " + onBehalfOf + " in this negotiation",
          java.util.List.of(new DomainException.FieldError("onBehalfOf", "not coordinated by " + delegation)),
          java.util.Map.of());
    }
    return onBehalfOf;
  }

  /**
   * Whether this member may see a revision in {@code state}: an unpublished ("editing") revision is the
   * chair's workspace, not disclosed to delegates and observers (the same rule as the authorization matrix's
   * {@code GET /negotiations/:n/revisions/:r} rows, for calls that name revisions in their query).
   */
  public boolean seesRevision(String state) {
    return !"editing".equals(state) || role == Role.SECRETARIAT || role == Role.FACILITATOR;
  }
}
