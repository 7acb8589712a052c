package org.plenary.events;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.plenary.access.Role;

/**
 * Who may see which live event: the one place where that rule lives. Every participant of a negotiation
 * receives its events, except:
 * <ul>
 *   <li>account and security events ({@code account.*}, {@code session.*}, {@code security.*}, such as
 *       failed logins) reach only the secretariat;</li>
 *   <li>an event whose payload names an {@code "audience"} (a list of delegation codes, e.g. a co-sponsor
 *       invitation) reaches only those delegations, the delegation that acted, the account that acted and
 *       the secretariat;</li>
 *   <li>personal data in a payload ({@link #PERSONAL_FIELDS}, e.g. account emails) is shown to the
 *       secretariat only; everyone else gets the event without those fields.</li>
 * </ul>
 * Pure: no I/O, so it is tested as a table of cases.
 */
public final class EventVisibility {
  /** Payload fields that carry personal data, removed at any depth for non-secretariat viewers. */
  public static final Set<String> PERSONAL_FIELDS = Set.of("email", "emails", "ip", "userAgent", "password");

  /** Event type prefixes only the secretariat sees. */
  public static final List<String> SECRETARIAT_ONLY = List.of("account.", "session.", "security.");

  /** The payload field naming the delegations an event is meant for. */
  public static final String AUDIENCE = "audience";

  /** What a viewer gets of one event. */
  public enum Access { FULL, WITHOUT_PERSONAL_DATA, HIDDEN }

  /** The subscriber: their account and their place in the negotiation. */
  public record Viewer(long accountId, Role role, String delegation) {}

  /** What the rule needs to know about an event; {@code audience} is null when the payload names none. */
  public record Facts(String type, Long accountId, String delegation, Set<String> audience) {}

  private EventVisibility() {}

  public static Access access(Facts event, Viewer viewer) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(viewer, "viewer");
    boolean secretariat = viewer.role() == Role.SECRETARIAT;
    if (SECRETARIAT_ONLY.stream().anyMatch(event.type()::startsWith)) {
      return secretariat ? Access.FULL : Access.HIDDEN;
    }
    if (secretariat) {
      return Access.FULL;
    }
    if (event.audience() != null && !concerned(event, viewer)) {
      return Access.HIDDEN;
    }
    return Access.WITHOUT_PERSONAL_DATA;
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
