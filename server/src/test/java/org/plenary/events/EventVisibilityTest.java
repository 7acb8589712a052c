package org.plenary.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.events.EventVisibility.Access.FULL;
import static org.plenary.events.EventVisibility.Access.HIDDEN;
import static org.plenary.events.EventVisibility.Access.WITHOUT_PERSONAL_DATA;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.access.Role;
import org.plenary.events.EventVisibility.Facts;
import org.plenary.events.EventVisibility.Viewer;

@DisplayName("Who sees which live event")
class EventVisibilityTest {
  static final Viewer SECRETARIAT = new Viewer(1, Role.SECRETARIAT, null);
  static final Viewer FACILITATOR = new Viewer(2, Role.FACILITATOR, null);
  static final Viewer EGYPT = new Viewer(3, Role.DELEGATE, "EGY");
  static final Viewer SAUDI = new Viewer(4, Role.DELEGATE, "SAU");
  static final Viewer OBSERVER = new Viewer(5, Role.OBSERVER, null);

  @Test
  @DisplayName("ordinary events reach everyone, with personal data for the secretariat only")
  void ordinary() {
    Facts revision = new Facts("revision.created", 1L, null, null);
    assertThat(EventVisibility.access(revision, SECRETARIAT)).isEqualTo(FULL);
    assertThat(EventVisibility.access(revision, FACILITATOR)).isEqualTo(WITHOUT_PERSONAL_DATA);
    assertThat(EventVisibility.access(revision, EGYPT)).isEqualTo(WITHOUT_PERSONAL_DATA);
    assertThat(EventVisibility.access(revision, OBSERVER)).isEqualTo(WITHOUT_PERSONAL_DATA);
    assertThat(EventVisibility.isPersonal("email")).isTrue();
    assertThat(EventVisibility.isPersonal("delegation")).isFalse();
  }

  @Test
  @DisplayName("account and security events such as failed logins reach the secretariat only")
  void security() {
    for (String type : new String[] {"security.login-failed", "session.created", "account.created"}) {
      Facts f = new Facts(type, 3L, "EGY", null);
      assertThat(EventVisibility.access(f, SECRETARIAT)).as(type).isEqualTo(FULL);
      assertThat(EventVisibility.access(f, EGYPT)).as("even the account's own delegation: " + type).isEqualTo(HIDDEN);
      assertThat(EventVisibility.access(f, FACILITATOR)).as(type).isEqualTo(HIDDEN);
    }
  }

  @Test
  @DisplayName("an event with an audience reaches the delegations named, the acting one and account, and the secretariat")
  void audience() {
    Facts invitation = new Facts("proposal.cosponsor-invited", 3L, "EGY", Set.of("SAU"));
    assertThat(EventVisibility.access(invitation, SAUDI)).isEqualTo(WITHOUT_PERSONAL_DATA);
    assertThat(EventVisibility.access(invitation, EGYPT)).isEqualTo(WITHOUT_PERSONAL_DATA);
    assertThat(EventVisibility.access(invitation, SECRETARIAT)).isEqualTo(FULL);
    assertThat(EventVisibility.access(invitation, new Viewer(9, Role.DELEGATE, "FRA"))).isEqualTo(HIDDEN);
    assertThat(EventVisibility.access(invitation, FACILITATOR)).as("facilitators see all invitations")
        .isEqualTo(WITHOUT_PERSONAL_DATA);
    assertThat(EventVisibility.access(invitation, OBSERVER)).isEqualTo(HIDDEN);
    Facts onBehalfOfGroup = new Facts("proposal.cosponsor-invited", 3L, "ARAB", Set.of("SAU"));
    assertThat(EventVisibility.access(onBehalfOfGroup, EGYPT)).as("the account that acted").isEqualTo(WITHOUT_PERSONAL_DATA);
    assertThat(EventVisibility.access(new Facts("x.y", null, null, Set.of()), EGYPT)).isEqualTo(HIDDEN);
  }

  @Test
  @DisplayName("co-sponsor invitations and declines are meant for the delegations they name; others for everyone")
  void audienceFromPayload() {
    java.util.Map<String, java.util.List<String>> invited = java.util.Map.of("invited", java.util.List.of("IRQ", "SAU"));
    assertThat(EventVisibility.audience("proposal.cosponsors-invited", invited::get)).containsExactlyInAnyOrder("IRQ", "SAU");
    java.util.Map<String, java.util.List<String>> declined = java.util.Map.of("delegation", java.util.List.of("SAU"));
    assertThat(EventVisibility.audience("proposal.cosponsor-declined", declined::get)).containsExactly("SAU");
    assertThat(EventVisibility.audience("proposal.cosponsor-accepted", declined::get)).as("acceptance is public").isNull();
    assertThat(EventVisibility.audience("proposal.created", java.util.Map.<String, java.util.List<String>>of()::get)).isNull();
    java.util.Map<String, java.util.List<String>> explicit = java.util.Map.of("audience", java.util.List.of());
    assertThat(EventVisibility.audience("anything", explicit::get)).isEmpty();
  }
}
