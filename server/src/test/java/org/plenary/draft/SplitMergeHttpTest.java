package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

/**
 * A Rev.2 that cuts one operative paragraph in two and joins two preambular ones: the upload's mapping says
 * so, the proposals made on the old paragraphs stay reachable from the new ones, and the Markdown table is
 * the golden {@code en-unga-alternatives-rev2.mapping.md} (regenerate with {@code -Dgolden.write=true}).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("A revision that splits and merges paragraphs, over HTTP")
class SplitMergeHttpTest {
  private static final String GOLDEN = "en-unga-alternatives-rev2.mapping.md";

  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static JsonNode paragraph(JsonNode revision, String start) {
    for (JsonNode p : revision.get("paragraphs")) {
      if (p.get("text").asText().startsWith(start)) {
        return p;
      }
    }
    throw new AssertionError("no paragraph starting " + start);
  }

  private static JsonNode row(JsonNode mapping, String change, String excerptStart) {
    for (JsonNode r : mapping) {
      if (r.get("change").asText().equals(change) && r.get("excerpt").asText().startsWith(excerptStart)) {
        return r;
      }
    }
    throw new AssertionError("no " + change + " row starting " + excerptStart + " in " + mapping);
  }

  private static List<Long> ids(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asLong()));
    return out;
  }

  private static List<String> proposalTexts(ApiClient c, String revision, long paragraph) {
    Response r = c.get(revision + "/proposals?paragraph=" + paragraph);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().get("proposals").forEach(p -> out.add(p.get("text").asText()));
    return out;
  }

  @Test
  @DisplayName("the mapping reports the split (first part keeps the id) and the merge (first id kept),"
      + " and the old paragraphs' proposals are found from the new ones")
  void splitAndMerge() throws Exception {
    long n = server.negotiation("Bridging the digital divide", "en");
    String base = "/api/v1/negotiations/" + n + "/revisions";
    JsonNode zero = server.upload(n, "Zero draft", Samples.text("en-unga-alternatives.txt"));
    String zeroUrl = base + "/" + zero.get("id").asLong();
    long recalling = paragraph(zero, "Recalling its resolution 70/1").get("id").asLong();
    long reaffirming = paragraph(zero, "Reaffirming its resolution 70/125").get("id").asLong();
    long report = paragraph(zero, "Requests the Secretary-General to submit a report on").get("id").asLong();
    assertThat(paragraph(zero, "Requests the Secretary-General to submit a report on").get("label").asText())
        .isEqualTo("OP3");

    ApiClient usa = server.participant(n, "usa@delegation.test", "delegate", "USA");
    for (Object[] p : new Object[][] {{recalling, "Recalling its resolution 70/1 of 25 September 2015,"},
        {reaffirming, "Reaffirming its resolution 70/125,"}, {report, "Requests the Secretary-General to report;"}}) {
      Response made = usa.post(zeroUrl + "/proposals", Map.of("kind", "amend", "paragraph", p[0], "text", p[1]));
      assertThat(made.status()).as(made.text()).isEqualTo(201);
    }

    JsonNode rev2 = server.upload(n, "Rev.2", Samples.text("en-unga-alternatives-rev2.txt"));
    JsonNode mapping = rev2.get("mapping");

    JsonNode merged = row(mapping, "merged", "Recalling its resolution 70/1");
    assertThat(merged.get("id").asLong()).isEqualTo(recalling);
    assertThat(ids(merged.get("previous"))).containsExactly(recalling, reaffirming);
    JsonNode joined = row(mapping, "merged", "Reaffirming its resolution 70/125");
    assertThat(joined.get("id").asLong()).isEqualTo(reaffirming);
    assertThat(joined.get("mergedInto").asLong()).isEqualTo(recalling);
    assertThat(mapping.get(indexOf(mapping, joined) - 1)).isEqualTo(merged);

    JsonNode first = row(mapping, "split", "Requests the Secretary-General to submit a report on");
    assertThat(first.get("id").asLong()).isEqualTo(report);
    assertThat(first.get("from").asText()).isEqualTo("3.");
    JsonNode second = row(mapping, "split", "Also requests that the report include");
    assertThat(second.get("id").asLong()).isNotEqualTo(report);
    assertThat(ids(second.get("previous"))).containsExactly(report);
    assertThat(second.get("from").asText()).isEqualTo("3.");
    assertThat(second.get("to").asText()).isEqualTo("4.");
    assertThat(paragraph(rev2, "Also requests that the report include").get("splitFrom").asLong()).isEqualTo(report);
    assertThat(paragraph(rev2, "Also requests that the report include").get("change").asText()).isEqualTo("split");
    assertThat(paragraph(rev2, "Noting with deep concern").get("change").asText()).isEqualTo("unchanged");

    // Every row's "previous" ids lead to the proposals made on the previous revision.
    assertThat(proposalTexts(usa, zeroUrl, ids(second.get("previous")).get(0)))
        .containsExactly("Requests the Secretary-General to report;");
    assertThat(proposalTexts(usa, zeroUrl, first.get("id").asLong()))
        .containsExactly("Requests the Secretary-General to report;");
    List<String> onMerged = new ArrayList<>();
    for (long id : ids(merged.get("previous"))) {
      onMerged.addAll(proposalTexts(usa, zeroUrl, id));
    }
    assertThat(onMerged).containsExactly("Recalling its resolution 70/1 of 25 September 2015,",
        "Reaffirming its resolution 70/125,");

    // The fates the upload detects follow the lineage: no proposal on the split or the merged paragraphs is
    // lost as "paragraph-deleted", and the one on the paragraph merged away is judged on the merged one.
    ApiClient chair = server.participant(n, "chair@un.test", "facilitator", null);
    Response fates = chair.get("/api/v1/negotiations/" + n + "/fates?revision=" + rev2.get("id").asLong());
    assertThat(fates.status()).as(fates.text()).isEqualTo(200);
    List<String> detected = new ArrayList<>();
    Map<String, String> judgedOn = new java.util.HashMap<>();
    for (JsonNode f : fates.json().get("fates")) {
      detected.add(f.get("fate").asText());
      judgedOn.put(f.get("chain").get(0).get("text").asText(), f.path("resultingText").asText());
    }
    assertThat(detected).as(fates.text()).hasSize(3).doesNotContain("paragraph-deleted");
    assertThat(judgedOn.get("Reaffirming its resolution 70/125,")).startsWith("Recalling its resolution 70/1")
        .contains("and reaffirming its resolution 70/125");
    assertThat(judgedOn.get("Requests the Secretary-General to report;"))
        .startsWith("Requests the Secretary-General to submit a report on");

    // The same rows are stored: GET …/mapping gives them again, and its Markdown is the golden table.
    String rev2Url = base + "/" + rev2.get("id").asLong();
    Response stored = server.admin.get(rev2Url + "/mapping");
    assertThat(stored.json().get("rows")).isEqualTo(mapping);
    String md = server.admin.get(rev2Url + "/mapping?format=md").text();
    if (Boolean.getBoolean("golden.write")) {
      Files.writeString(Path.of("src/test/resources/samples", GOLDEN), md, StandardCharsets.UTF_8);
    } else {
      assertThat(md).isEqualTo(Samples.text(GOLDEN));
    }
  }

  @Test
  @DisplayName("who broke silence names an English preambular paragraph by its citation and shows the rationale")
  void silenceBreakOnPreambular() {
    long n = server.negotiation("Bridging the digital divide", "en");
    JsonNode zero = server.upload(n, "Zero draft", Samples.text("en-unga-alternatives.txt"));
    String url = "/api/v1/negotiations/" + n + "/revisions/" + zero.get("id").asLong();
    ApiClient chair = server.participant(n, "chair@un.test", "facilitator", null);
    Response set = chair.put(url + "/comment-window", Map.of("deadline", "2030-01-01T00:00:00Z", "silence", true));
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    long noting = paragraph(zero, "Noting with deep concern").get("id").asLong();
    ApiClient egy = server.participant(n, "egy@delegation.test", "delegate", "EGY");
    Response objection = egy.post(url + "/proposals", Map.of("kind", "object", "paragraph", noting,
        "rationale", "The figure must be sourced before we can join consensus."));
    assertThat(objection.status()).as(objection.text()).isEqualTo(201);

    JsonNode b = egy.get(url + "/silence-breaks").json().get("breaks").get(0);
    assertThat(b.get("paragraph").asLong()).isEqualTo(noting);
    assertThat(b.get("number").asText()).isEqualTo("PP3");
    assertThat(b.get("label").asText()).isEqualTo("PP3");
    assertThat(b.get("text").asText()).isEqualTo("The figure must be sourced before we can join consensus.");
    assertThat(b.get("rationale").asText()).isEqualTo("The figure must be sourced before we can join consensus.");
  }

  private static int indexOf(JsonNode array, JsonNode element) {
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).equals(element)) {
        return i;
      }
    }
    throw new AssertionError("not in the array: " + element);
  }
}
