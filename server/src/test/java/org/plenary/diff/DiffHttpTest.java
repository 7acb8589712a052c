package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The revision diff over HTTP")
class DiffHttpTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  long n;
  long zero;
  long rev1;
  ApiClient delegate;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    n = server.negotiation("القرار 88 (كيغالي، 2022)");
    zero = server.revision(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    rev1 = server.revision(n, "Rev.1", Samples.text("ar-itu-res88-rev1.txt"));
    delegate = server.participant(n, "egypt@example.org", "delegate", "EGY");
  }

  @AfterEach
  void stop() {
    server.close();
  }


  private String diffPath(Object from, Object to, String extra) {
    return "/api/v1/negotiations/" + n + "/diff?from=" + from + "&to=" + to + extra;
  }

  /** An entry's new text: its text, or for an entry with ops the equal and inserted runs. */
  static String text(JsonNode p) {
    if (p.has("text")) {
      return p.get("text").asText();
    }
    StringBuilder b = new StringBuilder();
    for (JsonNode op : p.get("ops")) {
      if (!op.get("type").asText().equals("delete")) {
        b.append(op.get("text").asText());
      }
    }
    return b.toString();
  }

  private static JsonNode entry(JsonNode diff, String textPart) {
    for (JsonNode p : diff.get("paragraphs")) {
      if (text(p).contains(textPart)) {
        return p;
      }
    }
    throw new AssertionError("no paragraph with " + textPart + " in " + diff);
  }

  private static List<String> changes(JsonNode entry) {
    List<String> out = new ArrayList<>();
    if (entry.has("ops")) {
      for (JsonNode op : entry.get("ops")) {
        if (!op.get("type").asText().equals("equal")) {
          out.add(op.get("type").asText() + ":" + op.get("text").asText());
        }
      }
    }
    return out;
  }

  @Test
  @DisplayName("a delegate gets zero draft → Rev.1 as JSON: typo fixes, insertion, deletion, move")
  void json() {
    Response r = delegate.get(diffPath(zero, rev1, ""));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode d = r.json();
    assertThat(d.get("from").get("label").asText()).isEqualTo("Zero draft");
    assertThat(d.get("to").get("label").asText()).isEqualTo("Rev.1");
    assertThat(d.get("identical").asBoolean()).isFalse();

    JsonNode typo = entry(d, "بضمان استمرار");
    assertThat(typo.get("change").asText()).isEqualTo("modified");
    assertThat(changes(typo)).containsExactly("delete:بضمن", "insert:بضمان");
    assertThat(typo.get("direction").asText()).isEqualTo("rtl");
    assertThat(changes(entry(d, "يفتقر"))).contains("delete:يفترق", "insert:يفتقر", "delete:2,9", "insert:2,6");
    assertThat(entry(d, "(WSIS+20)").get("change").asText()).isEqualTo("inserted");
    assertThat(entry(d, "المشاركة بفعالية").get("change").asText()).isEqualTo("deleted");
    assertThat(entry(d, "يدعو المؤسسات المالية").get("change").asText()).isEqualTo("moved");
    assertThat(d.get("summary").get("deleted").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("HTML inline and side by side, and plain text, for the same pair")
  void htmlAndText() {
    Response inline = delegate.get(diffPath(zero, rev1, "&format=html"));
    assertThat(inline.status()).isEqualTo(200);
    assertThat(inline.contentType()).startsWith("text/html");
    assertThat(inline.text()).contains("<del>بضمن</del><ins>بضمان</ins>").contains("dir=\"rtl\"")
        .contains("<html lang=\"ar\">");
    assertThat(inline.header("Content-Security-Policy")).contains("default-src 'none'");

    Response sbs = delegate.get(diffPath(zero, rev1, "&format=html&layout=side-by-side"));
    assertThat(sbs.status()).isEqualTo(200);
    assertThat(sbs.text()).contains("<table class=\"side-by-side\">");

    Response text = delegate.get(diffPath(zero, rev1, "&format=TEXT"));
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.contentType()).startsWith("text/plain");
    assertThat(text.text()).startsWith("--- Zero draft\n+++ Rev.1\n").contains("[-بضمن-]{+بضمان+}");
  }

  @Test
  @DisplayName("any two revisions, not only neighbours; ignored tashkeel is no change")
  void anyRevisionsAndIgnore() {
    String rev1Text = Samples.text("ar-itu-res88-rev1.txt");
    String voweled = rev1Text.replace("المساعدة التقنية", "المُساعَدة التِقْنِيَّة");
    long rev2 = server.revision(n, "Rev.2", voweled);
    long rev3 = server.revision(n, "Rev.3", Samples.text("ar-itu-res88-zero.txt"));

    JsonNode same = delegate.get(diffPath(zero, rev3, "")).json();
    assertThat(same.get("identical").asBoolean()).as(same.toString()).isTrue();
    JsonNode back = delegate.get(diffPath(rev2, zero, "")).json();
    assertThat(entry(back, "المشاركة بفعالية").get("change").asText()).isEqualTo("inserted");

    JsonNode strict = delegate.get(diffPath(rev1, rev2, "")).json();
    assertThat(strict.get("summary").get("modified").asInt()).isEqualTo(1);
    Response loose = delegate.get(diffPath(rev1, rev2, "&ignore=diacritics,tatweel&ignore=hamza"));
    assertThat(loose.status()).as(loose.text()).isEqualTo(200);
    assertThat(loose.json().get("identical").asBoolean()).isTrue();
    assertThat(loose.json().get("ignore").toString()).isEqualTo("[\"diacritics\",\"tatweel\",\"hamza\"]");
    // The displayed text is the real one.
    assertThat(entry(loose.json(), "التِقْنِيَّة").get("change").asText()).isEqualTo("unchanged");
  }

  @Test
  @DisplayName("bad parameters are problems with field errors, all listed at once")
  void badParameters() {
    Response missing = delegate.get("/api/v1/negotiations/" + n + "/diff");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(missing.json().get("errors").findValuesAsText("field")).containsExactly("from", "to");

    Response bad = delegate.get(diffPath("abc", "-2", "&format=pdf&ignore=diacritics,vowels&layout=grid"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").findValuesAsText("field"))
        .containsExactly("from", "to", "format", "ignore", "layout");
    assertThat(bad.text()).contains("vowels").contains("alef-maqsura");

    Response twice = delegate.get(diffPath(zero, rev1, "&from=" + rev1));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
  }

  @Test
  @DisplayName("unknown revisions and other negotiations' revisions are 404; outsiders get 404, anonymous 401")
  void access() {
    Response unknown = delegate.get(diffPath(zero, 999999, ""));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");

    long other = server.negotiation("negotiation of others");
    long foreign;
    Response up = server.admin.postText("/api/v1/negotiations/" + other + "/revisions?label=X", "نص آخر");
    assertThat(up.status()).isEqualTo(201);
    foreign = up.json().get("id").asLong();
    assertThat(delegate.get(diffPath(zero, foreign, "")).status()).isEqualTo(404);

    ApiClient outsider = server.participant(other, "outsider@example.org", "delegate", "DZA");
    Response hidden = outsider.get(diffPath(zero, rev1, ""));
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(outsider.get(diffPath("x", "y", "&format=pdf")).status()).isEqualTo(404);
    assertThat(server.client().get(diffPath(zero, rev1, "")).status()).isEqualTo(401);

    ApiClient observer = server.participant(n, "observer@example.org", "observer", null);
    assertThat(observer.get(diffPath(rev1, zero, "&format=text")).status()).isEqualTo(200);
  }
}
