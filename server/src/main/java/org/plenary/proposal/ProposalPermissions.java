package org.plenary.proposal;

import java.util.Set;
import org.plenary.access.Role;
import org.plenary.domain.DomainException;

/**
 * Who may do what with proposals, in one place (rows of the authorisation matrix). Membership, delegation
 * and coordination are established by {@link org.plenary.access.Membership}; these rules only look at the
 * role and at the delegations involved.
 */
public final class ProposalPermissions {
  private static final Set<Role> PROPOSERS = Set.of(Role.DELEGATE);
  private static final Set<Role> REPLIERS = Set.of(Role.DELEGATE, Role.FACILITATOR, Role.SECRETARIAT);
  private static final Set<Role> WINDOW_KEEPERS = Set.of(Role.FACILITATOR, Role.SECRETARIAT);
  private static final Set<Role> READ_ALL = Set.of(Role.FACILITATOR, Role.SECRETARIAT);

  private ProposalPermissions() {}

  /** Submitting a proposal, support, objection: delegates, for their delegation or the group they coordinate. */
  public static void requireMayPropose(Role role) {
    if (!PROPOSERS.contains(role)) {
      throw DomainException.forbidden("only delegates submit proposals; you take part as " + role.code());
    }
  }

  /** Replying in a proposal's thread: delegates, facilitators and the secretariat; observers read only. */
  public static void requireMayReply(Role role) {
    if (!REPLIERS.contains(role)) {
      throw DomainException.forbidden("observers read only; you take part as " + role.code());
    }
  }

  /** Setting or extending a revision's comment deadline and silence procedure. */
  public static void requireMaySetWindow(Role role) {
    if (!WINDOW_KEEPERS.contains(role)) {
      throw DomainException.forbidden("only a facilitator or the secretariat sets the comment deadline; you take part as "
          + role.code());
    }
  }

  /**
   * Editing and withdrawing: the delegation the proposal was made for, acting through a delegate of its own
   * (for a group: through a delegate of its current coordinator). {@code actingFor} is the delegation the
   * caller may act for among those, or null.
   */
  public static void requireMayChange(Role role, Proposal proposal, String actingFor) {
    requireMayPropose(role);
    if (!proposal.delegation().equals(actingFor)) {
      throw DomainException.forbidden("only " + proposal.delegation() + " (or its coordinator, for a group) may change proposal "
          + proposal.id());
    }
  }

  /** Facilitators and the secretariat see pending and declined co-sponsor invitations of every proposal. */
  public static boolean seesAllInvitations(Role role) {
    return READ_ALL.contains(role);
  }
}
