package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.Backend;
import org.plenary.testing.BrowserScript;
import org.plenary.testing.Res88Negotiation;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

/**
 * The facilitators' merge workspace in Debian's Chromium (playwright-core, web-client/e2e/merge-workspace.mjs): two
 * facilitators, in Arabic and English, prepare Rev.1 from the Arabic zero draft of Resolution 88 with its 13
 * sample proposals, see each other's decisions live, resolve the collision of p1 and p12, meet a stale edit,
 * insert, move and delete a paragraph with the keyboard and publish; Egypt's delegate is told and sees what
 * happened to its proposals. axe-core on every new view. Skipped with a message where Chromium is not installed,
 * unless {@code PLENARY_REQUIRE_BROWSER} is set (CI sets it).
 */
@DisplayName("The facilitators' merge workspace in a real browser")
class MergeWorkspaceBrowserTest {
  @TempDir Path temp;

  @Test
  @DisplayName("two facilitators prepare and publish Rev.1 in Arabic and English; a delegate is told and sees its fates")
  void facilitatorsPrepareRev1() throws Exception {
    BrowserScript script = BrowserScript.of("merge-workspace.mjs");
    try (TestServer server = TestServer.start(Backend.H2, temp)) {
      Res88Negotiation res = Res88Negotiation.create(server);
      server.participant(res.n, "facilitator-a@un.test", "facilitator", null);
      server.participant(res.n, "facilitator-b@un.test", "facilitator", null);
      // Saudi Arabia accepts to co-sponsor p1 (the others stay invited), and asks about it in its discussion
      var accepted = res.delegate("SAU").put(res.base() + "/proposals/" + res.proposal("p1") + "/cosponsors/SAU",
          Map.of("answer", "accept"));
      assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
      var reply = res.delegate("SAU").withHeader("Idempotency-Key", "merge-browser-reply-1")
          .post(res.base() + "/proposals/" + res.proposal("p1") + "/replies", Map.of("text", "ما مصدر رقم 2,6 مليار؟"));
      assertThat(reply.status()).as(reply.text()).isEqualTo(201);
      Map<String, Long> ids = new LinkedHashMap<>();
      for (int i = 1; i <= 13; i++) {
        ids.put("p" + i, res.proposal("p" + i));
      }
      // a second amendment of Iran's paragraph (PP: the partnership's framework), by Jordan, on other words: the
      // facilitators combine the two
      String quote = "وتسريع الاستثمارات";
      long para = Samples.paragraphWith(res.revision, quote);
      String text = null;
      for (var x : res.revision.get("paragraphs")) {
        if (x.get("id").asLong() == para) {
          text = x.get("text").asText();
        }
      }
      var p14 = res.delegate("JOR").withHeader("Idempotency-Key", "merge-browser-p14").post(res.base() + "/proposals",
          Map.of("kind", "amend", "paragraph", para, "text", text.replace(quote, quote + " وبناء القدرات"),
              "rationale", "بناء القدرات شرط للاستثمار."));
      assertThat(p14.status()).as(p14.text()).isEqualTo(201);
      ids.put("p14", p14.json().get("id").asLong());
      Map<String, String> env = new java.util.HashMap<>();
      env.put("PLENARY_URL", server.client().base());
      env.put("PLENARY_NEGOTIATION", String.valueOf(res.n));
      env.put("PLENARY_REVISION", String.valueOf(res.r));
      env.put("PLENARY_PROPOSALS", new ObjectMapper().writeValueAsString(ids));
      env.put("PLENARY_A_EMAIL", "facilitator-a@un.test");
      env.put("PLENARY_A_PASSWORD", "password-of-facilitator-a@un.test");
      env.put("PLENARY_B_EMAIL", "facilitator-b@un.test");
      env.put("PLENARY_B_PASSWORD", "password-of-facilitator-b@un.test");
      env.put("PLENARY_D_EMAIL", "egy@delegation.test");
      env.put("PLENARY_D_PASSWORD", "password-of-egy@delegation.test");
      String output = script.run(env);
      assertThat(output)
          .contains("ok - [en] the other facilitator sees p1 accepted live, without reloading")
          .contains("ok - [ar] \"colliding with the workspace\" shows p12 before anyone accepts it")
          .contains("ok - [en] Iran's p5 and Jordan's p14 are combined into one text")
          .contains("ok - [ar] the conflict marks \"2024\"")
          .contains("ok - [ar] at 390 px the conflict's two versions stack, the workspace's first")
          .contains("ok - [ar] the workspace with a merge conflict at 390 px: tap targets at least 44 px")
          .contains("ok - [ar] the paragraph takes the facilitator's text, p12 is accepted with changes")
          .contains("ok - [en] a stale edit shows the newer text")
          .contains("ok - [ar] \"Move up\" with the keyboard moves the paragraph and keeps the focus on it")
          .contains("ok - [ar] Rev.1 is published, with the fates the summary announced")
          .contains("ok - [ar] Egypt's delegate is told live that Rev.1 is published")
          .contains("ok - [ar] \"What happened to our proposals\" shows the Arab Group's p1 accepted")
          .contains("ok - [ar] every proposal of Egypt and of the group it coordinates has its fate")
          .contains("ok - [ar] what happened to our proposals at 390 px: tap targets at least 44 px");
    }
  }
}
