package org.plenary.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
@DisplayName("Archive export: a negotiation as one ZIP with a manifest")
class ArchiveExportHttpTest {
  static final ObjectMapper JSON = new ObjectMapper();
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

  @Test
  @DisplayName("every part is listed with its row count and SHA-256; participants carry no secrets; Arabic intact")
  void export() throws Exception {
    long n = server.negotiation("القرار 88 (كيغالي، 2022)");
    String nb = "/api/v1/negotiations/" + n;
    JsonNode revision = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    String proposals = nb + "/revisions/" + revision.get("id").asLong() + "/proposals";
    long paragraph = Samples.paragraphWith(revision, "2,9");
    ApiClient egypt = server.participant(n, "delegate@egypt.test", "delegate", "EGY");
    ApiClient saudi = server.participant(n, "delegate@saudi.test", "delegate", "SAU");
    long p1 = egypt.post(proposals, Map.of("kind", "comment", "paragraph", paragraph, "text", "نؤيد تحديث الأرقام",
        "cosponsors", List.of("SAU"))).json().get("id").asLong();
    assertThat(saudi.post(proposals + "/" + p1 + "/replies", Map.of("text", "نوافق")).status()).isEqualTo(201);
    assertThat(server.admin.post(nb + "/close", Map.of()).status()).isEqualTo(200);

    Response r = server.admin.get(nb + "/archive");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/zip");
    Map<String, byte[]> files = unzip(r.body());
    JsonNode manifest = JSON.readTree(files.get("manifest.json"));
    assertThat(manifest.get("format").asText()).isEqualTo("plenary-negotiation-archive");
    assertThat(manifest.get("version").asInt()).isEqualTo(1);
    assertThat(manifest.get("audit").get("intact").asBoolean()).isTrue();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (JsonNode part : manifest.get("parts")) {
      byte[] body = files.get(part.get("file").asText());
      assertThat(body).as(part.get("name").asText()).isNotNull();
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
          .isEqualTo(part.get("sha256").asText());
      long lines = new String(body, StandardCharsets.UTF_8).lines().count();
      assertThat(lines).isEqualTo(part.get("rows").asLong());
      rows.put(part.get("name").asText(), lines);
    }
    assertThat(rows.keySet()).containsExactlyElementsOf(ArchiveParts.names());
    assertThat(rows.get("negotiation")).isEqualTo(1);
    assertThat(rows.get("participants")).isEqualTo(3);
    assertThat(rows.get("proposals")).isEqualTo(1);
    assertThat(rows.get("cosponsorships")).isEqualTo(1);
    assertThat(rows.get("replies")).isEqualTo(1);
    assertThat(rows.get("revisions")).isEqualTo(1);
    assertThat(rows.get("paragraph_versions")).isEqualTo(rows.get("paragraphs")).isEqualTo(revision.get("paragraphs").size());
    assertThat(rows.get("events")).isGreaterThanOrEqualTo(6);
    String participants = new String(files.get("parts/participants.jsonl"), StandardCharsets.UTF_8);
    assertThat(participants).contains("delegate@egypt.test").doesNotContain("password").doesNotContain("token");
    assertThat(new String(files.get("parts/paragraph_versions.jsonl"), StandardCharsets.UTF_8)).contains("2,9 مليار");
    assertThat(new String(files.get("parts/negotiation.jsonl"), StandardCharsets.UTF_8)).contains("\"state\":\"closed\"");
    // the temporary file is deleted once sent (just after the response ends)
    long until = System.nanoTime() + 5_000_000_000L;
    while (leftIn(server.dataDir().resolve("archives")) > 0 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(leftIn(server.dataDir().resolve("archives"))).isZero();
  }

  @Test
  @DisplayName("only the secretariat exports; an outsider learns nothing")
  void access() {
    long n = server.negotiation("مشروع");
    ApiClient egypt = server.participant(n, "delegate@egypt.test", "delegate", "EGY");
    assertThat(egypt.get("/api/v1/negotiations/" + n + "/archive").status()).isEqualTo(403);
    ApiClient outsider = server.participant(server.negotiation("other"), "x@fr.test", "delegate", "FRA");
    assertThat(outsider.get("/api/v1/negotiations/" + n + "/archive").status()).isEqualTo(404);
  }

  private static long leftIn(Path dir) throws Exception {
    try (var files = java.nio.file.Files.list(dir)) {
      return files.count();
    }
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
}
