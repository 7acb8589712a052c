package org.plenary.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

/**
 * Export from H2, import into PostgreSQL, export again and import back into H2: every API read of the
 * negotiation is the same JSON on each server once ids are mapped; a tampered archive is refused naming its part.
 */
@DisplayName("Archive export and import between H2 and PostgreSQL")
class ArchiveRoundTripTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path temp;

  @Test
  @DisplayName("H2 → PostgreSQL → H2 keeps every read of the negotiation, paragraph identity and links")
  void roundTrip() throws Exception {
    try (TestServer h2 = TestServer.start(Backend.H2, temp.resolve("h2"));
        TestServer pg = TestServer.start(Backend.POSTGRESQL, temp.resolve("pg"));
        TestServer back = TestServer.start(Backend.H2, temp.resolve("back"))) {
      long n = fixture(h2);
      byte[] first = archive(h2, n);
      JsonNode imported = importInto(pg, first);
      long n2 = imported.get("id").asLong();
      assertSameReads(reads(pg, n2), mapped(reads(h2, n), n, n2, imported.get("ids")));
      // a participant new to that server comes back with an invitation (the admin existed already)
      assertThat(imported.get("invitations").findValuesAsText("email")).contains("delegate@egypt.test")
          .doesNotContain(TestServer.ADMIN_EMAIL);

      // the files the revisions were uploaded from come along byte for byte
      List<byte[]> uploaded = sources(h2, n);
      assertThat(new String(uploaded.get(0), StandardCharsets.UTF_8)).isEqualTo(Samples.text("ar-itu-res88-zero.txt"));
      assertThat(sources(pg, n2)).containsExactlyElementsOf(uploaded);

      JsonNode again = importInto(back, archive(pg, n2));
      long n3 = again.get("id").asLong();
      assertSameReads(reads(back, n3), mapped(reads(pg, n2), n2, n3, again.get("ids")));
      assertThat(sources(back, n3)).containsExactlyElementsOf(uploaded);
      JsonNode audit = back.admin.get("/api/v1/negotiations/" + n3 + "/audit?limit=1000").json();
      assertThat(audit.get("verification").get("intact").asBoolean()).isTrue();
      List<String> types = audit.get("events").findValuesAsText("type");
      assertThat(types).contains("proposal.created", "negotiation.closed");
      assertThat(types.get(types.size() - 1)).isEqualTo("negotiation.imported");
    }
  }

  @Test
  @DisplayName("an archive changed in any part, or with a rewritten audit chain, is refused with 400 naming the part")
  void tampered() throws Exception {
    try (TestServer h2 = TestServer.start(Backend.H2, temp.resolve("h2"))) {
      long n = fixture(h2);
      Map<String, byte[]> files = unzip(archive(h2, n));
      JsonNode manifest = JSON.readTree(files.get("manifest.json"));
      for (JsonNode part : manifest.get("parts")) {
        Map<String, byte[]> changed = new LinkedHashMap<>(files);
        String file = part.get("file").asText();
        changed.put(file, (new String(files.get(file), StandardCharsets.UTF_8) + "{}\n").getBytes(StandardCharsets.UTF_8));
        Response r = h2.admin.send("/api/v1/negotiations/import", "POST", "application/zip", zip(changed));
        assertThat(r.status()).as(part.get("name").asText()).isEqualTo(400);
        assertThat(r.json().get("part").asText()).isEqualTo(part.get("name").asText());
      }
      // a payload rewritten and the manifest's hash fixed to match: the audit chain still gives it away
      Map<String, byte[]> forged = new LinkedHashMap<>(files);
      String events = new String(files.get("parts/events.jsonl"), StandardCharsets.UTF_8);
      byte[] rewritten = events.replaceFirst("\"type\":\"proposal.created\"", "\"type\":\"proposal.withdrawn\"")
          .getBytes(StandardCharsets.UTF_8);
      assertThat(rewritten).isNotEqualTo(files.get("parts/events.jsonl"));
      forged.put("parts/events.jsonl", rewritten);
      ObjectNode m = (ObjectNode) manifest.deepCopy();
      for (JsonNode part : m.get("parts")) {
        if (part.get("name").asText().equals("events")) {
          ((ObjectNode) part).put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rewritten)));
        }
      }
      forged.put("manifest.json", JSON.writeValueAsBytes(m));
      Response r = h2.admin.send("/api/v1/negotiations/import", "POST", "application/zip", zip(forged));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().get("part").asText()).isEqualTo("events");
      assertThat(h2.admin.send("/api/v1/negotiations/import", "POST", "application/zip", "not a zip".getBytes())
          .json().get("part").asText()).isEqualTo("manifest");
      // nothing of the refused imports was written
      assertThat(h2.admin.get("/api/v1/negotiations").json().get("negotiations")).hasSize(1);
      ApiClient delegate = h2.client().login("delegate@egypt.test", "password-of-delegate@egypt.test");
      assertThat(delegate.send("/api/v1/negotiations/import", "POST", "application/zip", zip(files)).status())
          .isEqualTo(403);
    }
  }

  @Test
  @DisplayName("an archive made before fates had their own table (schema V13) imports into PostgreSQL with the same reads")
  void beforeFateTable() throws Exception {
    try (TestServer h2 = TestServer.start(Backend.H2, temp.resolve("h2"));
        TestServer pg = TestServer.start(Backend.POSTGRESQL, temp.resolve("pg"))) {
      long n = fixture(h2);
      Map<String, byte[]> files = unzip(archive(h2, n));
      // as such an archive was written: each fate in its proposal's row (fate, fate_revision, fate_text,
      // fate_similarity), a settled one making the proposal "decided", and no proposal_fates part
      Map<Long, JsonNode> fates = new HashMap<>();
      for (String line : new String(files.get("parts/proposal_fates.jsonl"), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          JsonNode f = JSON.readTree(line);
          fates.put(f.get("proposal_id").asLong(), f);
        }
      }
      assertThat(fates.values().stream().filter(f -> f.get("settled").asBoolean())).isNotEmpty();
      assertThat(fates.values().stream().filter(f -> !f.get("settled").asBoolean())).isNotEmpty();
      StringBuilder proposals = new StringBuilder();
      int rows = 0;
      for (String line : new String(files.get("parts/proposals.jsonl"), StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        ObjectNode row = (ObjectNode) JSON.readTree(line);
        JsonNode f = fates.get(row.get("id").asLong());
        row.set("fate", f == null ? null : f.get("fate"));
        row.set("fate_revision", f == null ? null : f.get("revision_id"));
        row.set("fate_text", f == null ? null : f.get("text"));
        row.set("fate_similarity", f == null ? null : f.get("similarity"));
        if (f != null && f.get("settled").asBoolean() && row.get("state").asText().equals("submitted")) {
          row.put("state", "decided");
        }
        proposals.append(JSON.writeValueAsString(row)).append('\n');
        rows++;
      }
      Map<String, byte[]> legacy = new LinkedHashMap<>(files);
      legacy.remove("parts/proposal_fates.jsonl");
      byte[] body = proposals.toString().getBytes(StandardCharsets.UTF_8);
      legacy.put("parts/proposals.jsonl", body);
      ObjectNode m = (ObjectNode) JSON.readTree(files.get("manifest.json"));
      ArrayNode parts = JSON.createArrayNode();
      for (JsonNode part : m.get("parts")) {
        if (part.get("name").asText().equals("proposals")) {
          ((ObjectNode) part).put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
              .put("rows", rows);
        }
        if (!part.get("name").asText().equals("proposal_fates")) {
          parts.add(part);
        }
      }
      m.set("parts", parts);
      legacy.put("manifest.json", JSON.writeValueAsBytes(m));

      JsonNode imported = importInto(pg, zip(legacy));
      long n2 = imported.get("id").asLong();
      Map<String, JsonNode> expected = mapped(reads(h2, n), n, n2, imported.get("ids"));
      assertThat(expected.get("fates").toString()).contains("\"state\":\"decided\"", "\"fate\":\"carried-forward\"");
      assertSameReads(reads(pg, n2), expected);
    }
  }

  /** Two revisions, delegates, a group coordinator, proposals with an anchor, a target, co-sponsors, replies. */
  private static long fixture(TestServer s) {
    long n = s.negotiation("القرار 88 (كيغالي، 2022)", "ar", "en");
    String nb = "/api/v1/negotiations/" + n;
    JsonNode zero = s.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    ApiClient egypt = s.participant(n, "delegate@egypt.test", "delegate", "EGY");
    ApiClient saudi = s.participant(n, "delegate@saudi.test", "delegate", "SAU");
    s.participant(n, "chair@un.test", "facilitator", null);
    ok(s.admin.post(nb + "/delegations", Map.of("code", "ARAB")));
    ok(s.admin.put(nb + "/delegations/ARAB/coordinator", Map.of("coordinator", "EGY")));
    String p0 = nb + "/revisions/" + zero.get("id").asLong() + "/proposals";
    long paragraph = Samples.paragraphWith(zero, "2,9");
    long amend = ok(egypt.post(p0, Map.of("kind", "amend", "paragraph", paragraph, "anchor", Map.of("exact", "2,9"),
        "text", "2,6", "onBehalfOf", "ARAB", "rationale", "أحدث بيانات الاتحاد"))).json().get("id").asLong();
    long comment = ok(egypt.post(p0, Map.of("kind", "comment", "paragraph", paragraph, "text", "نؤيد تحديث الأرقام",
        "cosponsors", List.of("SAU")))).json().get("id").asLong();
    ok(saudi.put(p0 + "/" + comment + "/cosponsors/SAU", Map.of("answer", "accept")));
    ok(saudi.post(p0, Map.of("kind", "support", "paragraph", paragraph, "target", amend)));
    long reply = ok(saudi.post(p0 + "/" + comment + "/replies", Map.of("text", "نوافق"))).json().get("id").asLong();
    ok(egypt.post(p0 + "/" + comment + "/replies", Map.of("text", "شكرا", "inReplyTo", reply)));
    JsonNode rev1 = s.upload(n, "Rev.1", Samples.text("ar-itu-res88-rev1.txt"));
    // detected fates on the zero draft's proposals, then the open ones carried forward (settled: "decided")
    JsonNode carried = ok(s.admin.post(nb + "/revisions/" + rev1.get("id").asLong() + "/carry-forward", Map.of()))
        .json();
    assertThat(carried.get("carried").asInt()).isPositive();
    ok(s.admin.put(nb + "/revisions/" + rev1.get("id").asLong() + "/comment-window",
        Map.of("deadline", "2099-12-31T17:00:00Z")));
    ok(s.admin.post(nb + "/close", Map.of()));
    return n;
  }

  private static void assertSameReads(Map<String, JsonNode> actual, Map<String, JsonNode> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    // the JSON text, byte for byte once ids are mapped
    expected.forEach((what, json) -> assertThat(actual.get(what).toString()).as(what).isEqualTo(json.toString()));
  }

  private static Response ok(Response r) {
    assertThat(r.status()).as(r.text()).isBetween(200, 299);
    return r;
  }

  private static byte[] archive(TestServer s, long n) {
    Response r = s.admin.get("/api/v1/negotiations/" + n + "/archive");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.body();
  }

  private static JsonNode importInto(TestServer s, byte[] zip) {
    Response r = s.admin.send("/api/v1/negotiations/import", "POST", "application/zip", zip);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  /** Every read of the negotiation a participant can make, as the administrator, keyed by what was read. */
  private static Map<String, JsonNode> reads(TestServer s, long n) throws Exception {
    String nb = "/api/v1/negotiations/" + n;
    Map<String, JsonNode> out = new LinkedHashMap<>();
    out.put("negotiation", read(s, nb));
    out.put("participants", read(s, nb + "/participants"));
    out.put("delegations", read(s, nb + "/delegations"));
    out.put("fates", read(s, nb + "/fates"));
    JsonNode revisions = read(s, nb + "/revisions");
    out.put("revisions", revisions);
    int i = 0;
    for (JsonNode rev : revisions.get("revisions")) {
      String rb = nb + "/revisions/" + rev.get("id").asLong();
      out.put("revision " + i, read(s, rb));
      out.put("mapping " + i, read(s, rb + "/mapping"));
      out.put("comment-window " + i, read(s, rb + "/comment-window"));
      JsonNode proposals = read(s, rb + "/proposals");
      out.put("proposals " + i, proposals);
      int j = 0;
      for (JsonNode p : proposals.get("proposals")) {
        out.put("replies " + i + "/" + j++, read(s, rb + "/proposals/" + p.get("id").asLong() + "/replies"));
      }
      i++;
    }
    return out;
  }

  /** The uploaded file of every revision of negotiation {@code n}, in revision order. */
  private static List<byte[]> sources(TestServer s, long n) {
    String nb = "/api/v1/negotiations/" + n;
    List<byte[]> out = new java.util.ArrayList<>();
    for (JsonNode rev : read(s, nb + "/revisions").get("revisions")) {
      Response r = s.admin.get(nb + "/revisions/" + rev.get("id").asLong() + "/source");
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      assertThat(r.contentType()).isEqualTo("text/plain; charset=utf-8");
      out.add(r.body());
    }
    assertThat(out).hasSize(2);
    return out;
  }

  private static JsonNode read(TestServer s, String path) {
    Response r = s.admin.get(path);
    assertThat(r.status()).as(path + " " + r.text()).isEqualTo(200);
    return r.json();
  }

  /** {@code reads} with every id of the source server replaced by the target's, from the import's maps. */
  private static Map<String, JsonNode> mapped(Map<String, JsonNode> reads, long from, long to, JsonNode ids) {
    Map<String, Map<Long, Long>> maps = new HashMap<>();
    ids.fields().forEachRemaining(e -> {
      Map<Long, Long> m = new HashMap<>();
      e.getValue().fields().forEachRemaining(x -> m.put(Long.parseLong(x.getKey()), x.getValue().asLong()));
      maps.put(e.getKey(), m);
    });
    maps.put("negotiations", Map.of(from, to));
    Map<String, JsonNode> out = new LinkedHashMap<>();
    reads.forEach((what, json) -> {
      String kind = what.startsWith("negotiation") ? "negotiations" : what.startsWith("revision") ? "revisions"
          : what.startsWith("proposals") || what.equals("fates") ? "proposals" : what.startsWith("replies") ? "replies" : "accounts";
      out.put(what, map(json.deepCopy(), kind, maps));
    });
    return out;
  }

  /** Fields that hold an id, and the map each takes. */
  private static final Map<String, String> ID_FIELDS = Map.ofEntries(Map.entry("negotiation", "negotiations"),
      Map.entry("revision", "revisions"), Map.entry("basedOn", "revisions"), Map.entry("fateRevision", "revisions"),
      Map.entry("paragraph", "paragraphs"), Map.entry("parent", "paragraphs"), Map.entry("target", "proposals"),
      Map.entry("proposal", "proposals"), Map.entry("carriedFrom", "proposals"), Map.entry("inReplyTo", "replies"),
      Map.entry("accountId", "accounts"));
  /** Arrays whose objects' "id" is of a kind. */
  private static final Map<String, String> ID_OF_ITEMS = Map.of("revisions", "revisions", "paragraphs",
      "paragraphs", "deleted", "paragraphs", "proposals", "proposals", "replies", "replies", "negotiations",
      "negotiations", "rows", "paragraphs");

  private static JsonNode map(JsonNode node, String idKind, Map<String, Map<Long, Long>> maps) {
    if (node instanceof ObjectNode o) {
      List<String> names = new java.util.ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode v = o.get(name);
        String kind = name.equals("id") ? idKind : ID_FIELDS.get(name);
        if (kind != null && v.isIntegralNumber() && maps.containsKey(kind)) {
          Long mapped = maps.get(kind).get(v.asLong());
          o.set(name, mapped == null ? v : LongNode.valueOf(mapped));
        } else {
          o.set(name, map(v, ID_OF_ITEMS.getOrDefault(name, idKind), maps));
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, map(a.get(i), idKind, maps));
      }
    }
    return node;
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  private static byte[] zip(Map<String, byte[]> files) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (var e : files.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
