package org.plenary.proposal;

import static org.plenary.schema.Tables.PROPOSAL;

import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.plenary.http.Problem;

/**
 * Support and objection as rules, not just buttons. A stance is a support or an objection filed on another
 * proposal ({@code target}); for a delegation (or a group, through its coordinator):
 *
 * <ul>
 *   <li>no stance on its own proposal (made for it, or submitted by it for a group): 409 {@code own-proposal};</li>
 *   <li>one stance per proposal: a second support while the first stands is 409 {@code stance-exists};</li>
 *   <li>changeable: a support replaces the delegation's standing objection, and vice versa (the earlier one is
 *       withdrawn in the same transaction, with its audit event);</li>
 *   <li>retractable: a stance is withdrawn like any proposal (POST …/withdraw with If-Match).</li>
 * </ul>
 *
 * <p>The target's row is locked ({@code select … for update}) so two transactions filing stances on the same
 * proposal run one after the other and see each other's stance; {@code pending} holds the stances already
 * accepted earlier in the same group-commit batch ("delegation target").
 */
final class Stances {
  private Stances() {}

  /** The delegation's earlier opposite stance that the new one replaces (to withdraw), or null. */
  record Replaced(long id, int version) {}

  static Replaced check(DSLContext dsl, ProposalKind kind, long targetId, String acting, Set<String> pending) {
    var target = dsl.select(PROPOSAL.DELEGATION_CODE, PROPOSAL.AUTHOR_DELEGATION).from(PROPOSAL)
        .where(PROPOSAL.ID.eq(targetId)).forUpdate().fetchOne();
    if (target == null) {
      throw Problem.invalid("target", "proposal " + targetId + " does not exist in this revision");
    }
    if (acting.equals(target.value1()) || acting.equals(target.value2())) {
      throw Problem.conflict("own-proposal", acting + " made proposal " + targetId
          + "; a delegation does not " + (kind == ProposalKind.SUPPORT ? "support" : "object to") + " its own proposal");
    }
    if (!pending.add(acting + " " + targetId)) {
      throw Problem.conflict("stance-exists", acting + " is filing another stance on proposal " + targetId
          + " at this moment; read the proposal again");
    }
    List<Replaced> earlier = new java.util.ArrayList<>();
    for (var r : dsl.select(PROPOSAL.ID, PROPOSAL.KIND, PROPOSAL.VERSION).from(PROPOSAL)
        .where(PROPOSAL.TARGET_ID.eq(targetId).and(PROPOSAL.DELEGATION_CODE.eq(acting))
            .and(Proposals.OPEN))
        .fetch()) {
      if (r.value2().equals(kind.code())) {
        pending.remove(acting + " " + targetId);
        throw Problem.conflict("stance-exists", acting + " already " + (kind == ProposalKind.SUPPORT
            ? "supports" : "objects to") + " proposal " + targetId + " (" + r.value1()
            + "); withdraw that to retract it");
      }
      earlier.add(new Replaced(r.value1(), r.value3()));
    }
    return earlier.isEmpty() ? null : earlier.get(0);
  }
}
