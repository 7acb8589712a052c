package org.plenary.access;

import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.PARTICIPANT;

import java.util.Arrays;
import org.jooq.DSLContext;
import org.plenary.http.Problem;

/**
 * The caller's place in one negotiation: role and delegation. A caller outside the negotiation gets
 * "not found", never "forbidden": a confidential negotiation's existence is not disclosed.
 */
public record Membership(long negotiationId, long accountId, Role role, String delegation) {

  /** The caller's membership; admins act as secretariat everywhere. Throws not-found for outsiders. */
  public static Membership require(DSLContext dsl, long negotiationId, Principal principal) {
    boolean exists = dsl.fetchExists(NEGOTIATION, NEGOTIATION.ID.eq(negotiationId));
    if (exists) {
      var row = dsl.select(PARTICIPANT.ROLE, PARTICIPANT.DELEGATION_CODE).from(PARTICIPANT)
          .where(PARTICIPANT.NEGOTIATION_ID.eq(negotiationId))
          .and(PARTICIPANT.ACCOUNT_ID.eq(principal.accountId()))
          .fetchOne();
      if (row != null) {
        return new Membership(negotiationId, principal.accountId(), Role.fromCode(row.value1()), row.value2());
      }
      if (principal.admin()) {
        return new Membership(negotiationId, principal.accountId(), Role.SECRETARIAT, null);
      }
    }
    throw Problem.notFound("negotiation " + negotiationId);
  }

  /** Like {@link #require}, and the role must be one of {@code allowed} (else 403: the caller can see it). */
  public static Membership requireRole(DSLContext dsl, long negotiationId, Principal principal, Role... allowed) {
    Membership m = require(dsl, negotiationId, principal);
    if (Arrays.asList(allowed).contains(m.role())) {
      return m;
    }
    throw Problem.forbidden("this needs the role " + String.join(" or ",
        Arrays.stream(allowed).map(Role::code).toList()) + "; you are " + m.role().code());
  }
}
