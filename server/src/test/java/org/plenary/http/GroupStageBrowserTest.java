package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.Backend;
import org.plenary.testing.BrowserScript;
import org.plenary.testing.Res88Negotiation;
import org.plenary.testing.TestServer;

/**
 * A group's private stage in Debian's Chromium (playwright-core, web-client/e2e/group-stage.mjs), three browsers on
 * the Arabic zero draft of Resolution 88: Egypt, which coordinates the Arab Group, opens the stage from the revision;
 * Saudi Arabia writes a note and sees Egypt adopt it live; Egypt combines two colliding amendments through the merge
 * conflict and submits; the United States, outside the group, sees nothing until the submission and then the
 * group's proposals live. axe-core on every new view, a 390 px phone without horizontal overflow. Skipped with a
 * message where Chromium is not installed, unless {@code PLENARY_REQUIRE_BROWSER} is set (CI sets it).
 */
@DisplayName("A group's private stage in a real browser")
class GroupStageBrowserTest {
  @TempDir Path temp;

  @Test
  @DisplayName("Saudi Arabia writes a note, Egypt adopts it live and submits; the United States sees the group's proposals only then")
  void arabGroupInThreeBrowsers() throws Exception {
    BrowserScript script = BrowserScript.of("group-stage.mjs");
    try (TestServer server = TestServer.start(Backend.H2, temp)) {
      Res88Negotiation res = Res88Negotiation.seated(server);
      Map<String, String> env = new java.util.HashMap<>();
      env.put("PLENARY_URL", server.client().base());
      env.put("PLENARY_NEGOTIATION", String.valueOf(res.n));
      env.put("PLENARY_REVISION", String.valueOf(res.r));
      for (String d : new String[] {"EGY", "SAU", "USA"}) {
        String email = d.toLowerCase() + "@delegation.test";
        env.put("PLENARY_" + d + "_EMAIL", email);
        env.put("PLENARY_" + d + "_PASSWORD", "password-of-" + email);
      }
      String output = script.run(env);
      assertThat(output)
          .contains("ok - [ar] Egypt opens the Arab Group's stage from the revision")
          .contains("ok - [en] Saudi Arabia's note is in the group")
          .contains("ok - [ar] Egypt sees Saudi Arabia's note live, without reloading")
          .contains("ok - [en] Saudi Arabia sees its note adopted live, without reloading")
          .contains("ok - [ar] the merge conflict is shown in Arabic with the colliding words marked")
          .contains("ok - [en] the United States sees nothing of the group before the submission")
          .contains("ok - [en] the United States sees the Arab Group's proposals live after the submission");
      // the server agrees: the group's proposals are public, on behalf of ARAB, submitted by Egypt
      var list = res.delegate("USA").get(res.base() + "/proposals").json().get("proposals");
      assertThat(list.size()).isGreaterThanOrEqualTo(2);
      assertThat(list.get(0).get("delegation").asText()).isEqualTo("ARAB");
      assertThat(list.get(0).get("submittedBy").asText()).isEqualTo("EGY");
    }
  }
}
