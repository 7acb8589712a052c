package org.plenary.events;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.plenary.access.Role;

/**
 * Who may see which live event: the one place where that rule lives. Every participant of a negotiation
 * receives its events, except:
 * <ul>
 *   <li>the events of a group's private stage ({@code group.*} but {@code group.submitted}, whose payload names
 *       the {@code "group"} and the {@code "stage"}) reach only those who take part in that stage: delegates of the
 *       group's member delegations and of the stage's invited guests. Nobody else, whatever their
 *       role: not the secretariat, not the facilitators, not other delegations, not another group's members;</li>
 *   <li>events of an unpublished revision (the merge workspace: its creation, proposals, replies, comment
 *       window) and the workspace's own events ({@code workspace.*}) reach only the secretariat and the
 *       facilitators, on replay and live alike: the rule of the REST reads ({@code Membership.seesRevision});</li>
 *   <li>account, security and refusal events ({@code account.*}, {@code session.*}, {@code security.*},
 *       {@code access.*}, such as failed logins and refused requests) reach only the secretariat;</li>
 *   <li>an event meant for some delegations only reaches those delegations, the delegation and the
 *       account that acted, and the secretariat and facilitators (who see every co-sponsor invitation, as in
 *       {@code ProposalPermissions.seesAllInvitations}). Such an event names them in its payload's
 *       {@code "audience"} list; co-sponsor invitations ({@code proposal.cosponsors-invited}) are meant for
 *       their {@code "invited"} delegations, a declined invitation ({@code proposal.cosponsor-declined}) for
 *       the declining {@code "delegation"} and, through its explicit audience, the proposing side (see
 *       {@link #audience});</li>
 *   <li>personal data in a payload ({@link #PERSONAL_FIELDS}, e.g. account emails) is shown to the
 *       secretariat only; everyone else gets the event without those fields.</li>
 * </ul>
 * Pure: no I/O, so it is tested as a table of cases.
 */
public final class EventVisibility {
  /** Payload fields that carry personal data, removed at any depth for non-secretariat viewers. */
  public static final Set<String> PERSONAL_FIELDS = Set.of("email", "emails", "ip", "userAgent", "password");

  /** Event type prefixes only the secretariat sees. */
  public static final List<String> SECRETARIAT_ONLY = List.of("account.", "session.", "security.", "access.");

  /** The payload field naming the delegations an event is meant for. */
  public static final String AUDIENCE = "audience";

  /** What a viewer gets of one event. */
  public enum Access { FULL, WITHOUT_PERSONAL_DATA, HIDDEN }

  /** The subscriber: their account and their place in the negotiation. */
  public record Viewer(long accountId, Role role, String delegation, Set<String> groups, Set<Long> guestOf) {
    public Viewer {
      groups = groups == null ? Set.of() : Set.copyOf(groups);
      guestOf = guestOf == null ? Set.of() : Set.copyOf(guestOf);
    }

    /** A viewer whose delegation is in no group and who is a guest of no group stage. */
    public Viewer(long accountId, Role role, String delegation) {
      this(accountId, role, delegation, Set.of(), Set.of());
    }

    /** Whether this viewer takes part in the private stage {@code stage} of {@code group}. */
    public boolean inStage(String group, Long stage) {
      return groups.contains(group) || (stage != null && guestOf.contains(stage));
    }
  }

  /**
   * What the rule needs to know about an event; {@code audience} is null when the payload names none;
   * {@code unpublished} is true when the event concerns a revision that is not published (the chair's
   * workspace) at the time it is read.
   */
  public record Facts(String type, Long accountId, String delegation, Set<String> audience, boolean unpublished,
      String privateGroup, Long stage) {
    public Facts(String type, Long accountId, String delegation, Set<String> audience) {
      this(type, accountId, delegation, audience, false);
    }

    public Facts(String type, Long accountId, String delegation, Set<String> audience, boolean unpublished) {
      this(type, accountId, delegation, audience, unpublished, null, null);
    }
  }

  /** The public event of a group's stage: its submission, after which its proposals are everyone's. */
  public static final String GROUP_SUBMITTED = "group.submitted";

  /** Whether events of {@code type} belong to a group's private stage (given a {@code "group"} in the payload). */
  public static boolean isPrivateGroupType(String type) {
    return type != null && type.startsWith("group.") && !type.equals(GROUP_SUBMITTED);
  }

  /** Event type prefixes only the chair (secretariat and facilitators) sees: the merge workspace's work. */
  public static final List<String> CHAIR_ONLY = List.of("workspace.");

  private EventVisibility() {}

  public static Access access(Facts event, Viewer viewer) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(viewer, "viewer");
    if (isPrivateGroupType(event.type())) {
      // a group's private stage: its participants only, and the secretariat is no exception
      return event.privateGroup() != null && viewer.inStage(event.privateGroup(), event.stage())
          ? Access.WITHOUT_PERSONAL_DATA : Access.HIDDEN;
    }
    boolean secretariat = viewer.role() == Role.SECRETARIAT;
    if (secretariatOnly(event.type())) {
      return secretariat ? Access.FULL : Access.HIDDEN;
    }
    if (secretariat) {
      return Access.FULL;
    }
    boolean chair = viewer.role() == Role.FACILITATOR;
    // the same rule as the REST reads (Membership.seesRevision): an unpublished revision is the chair's alone
    if (!chair && (event.unpublished() || startsWithAny(event.type(), CHAIR_ONLY))) {
      return Access.HIDDEN;
    }
    if (event.audience() != null && viewer.role() != Role.FACILITATOR && !concerned(event, viewer)) {
      return Access.HIDDEN;
    }
    return Access.WITHOUT_PERSONAL_DATA;
  }

  /**
   * The delegations an event is meant for, or null when it is for every participant. {@code field} reads a
   * payload field as a list of strings: null when absent, a single string as a list of one.
   */
  public static Set<String> audience(String type, Function<String, List<String>> field) {
    List<String> explicit = field.apply(AUDIENCE);
    List<String> implied = switch (type) {
      case "proposal.cosponsors-invited" -> field.apply("invited");
      case "proposal.cosponsor-declined" -> field.apply("delegation");
      default -> null;
    };
    if (explicit == null && implied == null) {
      return null;
    }
    Set<String> out = new HashSet<>();
    if (explicit != null) {
      out.addAll(explicit);
    }
    if (implied != null) {
      out.addAll(implied);
    }
    return out;
  }

  /** Called once per event and subscriber, so a plain loop (no stream allocation). */
  private static boolean secretariatOnly(String type) {
    return startsWithAny(type, SECRETARIAT_ONLY);
  }

  private static boolean startsWithAny(String type, List<String> prefixes) {
    for (int i = 0; i < prefixes.size(); i++) {
      if (type.startsWith(prefixes.get(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The revision an event concerns: its payload's {@code "revision"} (a number), else a subject
   * {@code "revision:<id>"}; null for events outside revisions. {@code payloadRevision} is the payload field.
   */
  public static Long revisionOf(String subject, Long payloadRevision) {
    if (payloadRevision != null) {
      return payloadRevision;
    }
    if (subject != null && subject.startsWith("revision:")) {
      try {
        return Long.valueOf(subject.substring("revision:".length()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  public static boolean isPersonal(String field) {
    return PERSONAL_FIELDS.contains(field);
  }

  private static boolean concerned(Facts event, Viewer viewer) {
    if (Objects.equals(event.accountId(), viewer.accountId())) {
      return true;
    }
    String d = viewer.delegation();
    return d != null && (d.equals(event.delegation()) || event.audience().contains(d));
  }
}
