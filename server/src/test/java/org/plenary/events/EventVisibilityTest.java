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
  @DisplayName("a group's private stage: its events reach the stage's members and guests only, whatever the role; its submission everyone")
  void groupStage() {
    Viewer saudiInArab = new Viewer(4, Role.DELEGATE, "SAU", Set.of("ARAB", "G77"), Set.of());
    Viewer escwaGuest = new Viewer(6, Role.DELEGATE, "ESCWA", Set.of(), Set.of(7L));
    Viewer brazilInG77 = new Viewer(8, Role.DELEGATE, "BRA", Set.of("G77"), Set.of());
    for (String type : new String[] {"group.stage-opened", "group.note-created", "group.note-decided",
        "group.notes-combined", "group.position-stance", "group.note-withdrawn", "group.anything-new"}) {
      Facts f = new Facts(type, 3L, "EGY", null, false, "ARAB", 7L);
      assertThat(EventVisibility.access(f, saudiInArab)).as(type).isEqualTo(WITHOUT_PERSONAL_DATA);
      assertThat(EventVisibility.access(f, escwaGuest)).as("a guest of this stage: " + type).isEqualTo(WITHOUT_PERSONAL_DATA);
      assertThat(EventVisibility.access(f, brazilInG77)).as("another group's member: " + type).isEqualTo(HIDDEN);
      assertThat(EventVisibility.access(f, SECRETARIAT)).as("not even the secretariat: " + type).isEqualTo(HIDDEN);
      assertThat(EventVisibility.access(f, FACILITATOR)).as(type).isEqualTo(HIDDEN);
      assertThat(EventVisibility.access(f, OBSERVER)).as(type).isEqualTo(HIDDEN);
      assertThat(EventVisibility.access(f, SAUDI)).as("a viewer built without its groups: " + type).isEqualTo(HIDDEN);
      Facts other = new Facts(type, 3L, "EGY", null, false, "ARAB", 99L);
      assertThat(EventVisibility.access(other, escwaGuest)).as("a guest of another stage: " + type).isEqualTo(HIDDEN);
      Facts unnamed = new Facts(type, 3L, "EGY", null, false, null, null);
      assertThat(EventVisibility.access(unnamed, saudiInArab)).as("a private event naming no group: " + type)
          .isEqualTo(HIDDEN);
    }
    Facts submitted = new Facts("group.submitted", 3L, "EGY", null, false, "ARAB", 7L);
    assertThat(EventVisibility.access(submitted, brazilInG77)).isEqualTo(WITHOUT_PERSONAL_DATA);
    assertThat(EventVisibility.access(submitted, OBSERVER)).isEqualTo(WITHOUT_PERSONAL_DATA);
    assertThat(EventVisibility.access(submitted, SECRETARIAT)).isEqualTo(FULL);
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

  /** Every event type the server writes about something inside a revision. */
  static final String[] REVISION_EVENTS = {"revision.created", "revision.comment-window", "revision.published",
      "proposal.created", "proposal.updated", "proposal.withdrawn", "proposal.replied", "proposal.cosponsors-invited",
      "proposal.cosponsor-accepted", "proposal.cosponsor-declined", "proposal.decided", "proposal.carried-forward",
      "workspace.paragraph-edited", "workspace.paragraph-inserted", "workspace.paragraph-deleted",
      "workspace.paragraph-moved", "workspace.decision", "workspace.combination"};

  @Test
  @DisplayName("no event of an unpublished revision reaches a delegate or an observer, whatever its type; the chair sees them")
  void unpublishedRevisions() {
    for (String type : REVISION_EVENTS) {
      for (Set<String> audience : java.util.Arrays.asList(null, Set.of("EGY"))) {
        Facts f = new Facts(type, 3L, "EGY", audience, true);
        assertThat(EventVisibility.access(f, EGYPT)).as(type + ", even its own delegation").isEqualTo(HIDDEN);
        assertThat(EventVisibility.access(f, SAUDI)).as(type).isEqualTo(HIDDEN);
        assertThat(EventVisibility.access(f, OBSERVER)).as(type).isEqualTo(HIDDEN);
        assertThat(EventVisibility.access(f, new Viewer(3, Role.DELEGATE, "EGY"))).as("the acting account: " + type)
            .isEqualTo(HIDDEN);
        assertThat(EventVisibility.access(f, FACILITATOR)).as(type).isEqualTo(WITHOUT_PERSONAL_DATA);
        assertThat(EventVisibility.access(f, SECRETARIAT)).as(type).isEqualTo(FULL);
      }
    }
  }

  @Test
  @DisplayName("the workspace's own events stay the chair's even once its revision is published")
  void workspaceEvents() {
    for (String type : REVISION_EVENTS) {
      Facts f = new Facts(type, 2L, null, null, false);
      boolean workspace = type.startsWith("workspace.");
      assertThat(EventVisibility.access(f, EGYPT)).as(type).isEqualTo(workspace ? HIDDEN : WITHOUT_PERSONAL_DATA);
      assertThat(EventVisibility.access(f, OBSERVER)).as(type).isEqualTo(workspace ? HIDDEN : WITHOUT_PERSONAL_DATA);
      assertThat(EventVisibility.access(f, FACILITATOR)).as(type).isEqualTo(WITHOUT_PERSONAL_DATA);
    }
  }

  @Test
  @DisplayName("refused requests are the secretariat's to see, never a delegate's or the chair's")
  void refusals() {
    Facts f = new Facts("access.denied", 3L, "EGY", null);
    assertThat(EventVisibility.access(f, SECRETARIAT)).isEqualTo(FULL);
    assertThat(EventVisibility.access(f, EGYPT)).isEqualTo(HIDDEN);
    assertThat(EventVisibility.access(f, FACILITATOR)).isEqualTo(HIDDEN);
    assertThat(EventVisibility.access(f, OBSERVER)).isEqualTo(HIDDEN);
  }

  @Test
  @DisplayName("an event names its revision in its payload or its subject")
  void revisionOf() {
    assertThat(EventVisibility.revisionOf("proposal:9", 4L)).isEqualTo(4L);
    assertThat(EventVisibility.revisionOf("revision:12", null)).isEqualTo(12L);
    assertThat(EventVisibility.revisionOf("revision:x", null)).isNull();
    assertThat(EventVisibility.revisionOf("account:1", null)).isNull();
  }
}
