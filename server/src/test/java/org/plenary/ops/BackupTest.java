package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

@DisplayName("Backups: H2 online backup and restore; PostgreSQL points to its own tools")
class BackupTest {
  @TempDir Path temp;

  @Test
  @DisplayName("a backup taken while delegates keep proposing restores with every proposal acknowledged before it")
  void h2BackupRestores() throws Exception {
    List<Long> acknowledged = new ArrayList<>();
    ConcurrentLinkedQueue<Long> duringBackup = new ConcurrentLinkedQueue<>();
    Path backup = temp.resolve("backups/plenary-backup.zip");
    long n;
    String proposals;
    try (TestServer server = TestServer.start(Backend.H2, temp.resolve("a"))) {
      n = server.negotiation("القرار 88 (كيغالي، 2022)");
      JsonNode revision = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
      long paragraph = Samples.paragraphWith(revision, "2,9");
      proposals = "/api/v1/negotiations/" + n + "/revisions/" + revision.get("id").asLong() + "/proposals";
      ApiClient egypt = server.participant(n, "delegate@egypt.test", "delegate", "EGY");
      ApiClient saudi = server.participant(n, "delegate@saudi.test", "delegate", "SAU");
      for (int i = 0; i < 12; i++) {
        acknowledged.add(propose(i % 2 == 0 ? egypt : saudi, proposals, paragraph, "تعليق رقم " + i));
      }
      String token = server.admin.post("/api/v1/tokens", Map.of("label", "backup")).json().get("token").asText();
      // writes go on while the backup runs: they may or may not be in it, but must not break it
      AtomicBoolean stop = new AtomicBoolean();
      Thread writer = new Thread(() -> {
        for (int i = 0; !stop.get() && i < 200; i++) {
          duringBackup.add(propose(saudi, proposals, paragraph, "أثناء النسخ " + i));
        }
      });
      writer.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = BackupCommand.run(new String[] {"--url", "http://127.0.0.1:" + server.plenary().port(),
          "--out", backup.toString()}, Map.of("PLENARY_TOKEN", token), new PrintStream(out), new PrintStream(err));
      stop.set(true);
      writer.join();
      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("backup written to");
      // the server keeps no copy (deleted just after the response ends)
      long until = System.nanoTime() + 5_000_000_000L;
      while (leftIn(server.dataDir().resolve("backups")) > 0 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(leftIn(server.dataDir().resolve("backups"))).isZero();
    }

    Path restored = temp.resolve("restored");
    unzip(backup, restored);
    try (TestServer again = TestServer.start(Backend.H2.newDatabase(temp), restored)) {
      JsonNode list = again.admin.get(proposals).json().get("proposals");
      Set<Long> ids = new TreeSet<>();
      list.forEach(p -> ids.add(p.get("id").asLong()));
      assertThat(ids).containsAll(acknowledged);
      assertThat(again.admin.get("/api/v1/negotiations/" + n + "/audit?limit=1").json()
          .get("verification").get("intact").asBoolean()).isTrue();
    }
  }

  @Test
  @DisplayName("the command refuses to overwrite, needs a token online, reads a stopped server's files; delegates "
      + "may not back up")
  void commandLine() throws Exception {
    Path dataDir;
    try (TestServer server = TestServer.start(Backend.H2, temp.resolve("b"))) {
      server.negotiation("مشروع");
      dataDir = server.dataDir();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertThat(BackupCommand.run(new String[] {"--out", temp.resolve("x.zip").toString(), "--url",
          "http://127.0.0.1:" + server.plenary().port()}, Map.of(), System.out, new PrintStream(err))).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("token");
      Response asDelegate = server.participant(server.negotiation("n2"), "d@x.test", "delegate", "EGY")
          .post("/api/v1/admin/backup", Map.of());
      assertThat(asDelegate.status()).isEqualTo(403);
    }
    Path offline = temp.resolve("offline.zip");
    assertThat(BackupCommand.run(new String[] {"--out", offline.toString(), "--data-dir", dataDir.toString()},
        Map.of(), System.out, System.err)).isZero();
    assertThat(entries(offline)).contains("plenary.mv.db");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(BackupCommand.run(new String[] {"--out", offline.toString(), "--data-dir", dataDir.toString()},
        Map.of(), System.out, new PrintStream(err))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists");
  }

  @Test
  @DisplayName("on PostgreSQL the backup route answers 409 and names pg_dump")
  void postgres() {
    try (TestServer server = TestServer.start(Backend.POSTGRESQL, temp)) {
      Response r = server.admin.post("/api/v1/admin/backup", Map.of());
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().get("detail").asText()).contains("pg_dump");
    }
  }

  private static long propose(ApiClient who, String proposals, long paragraph, String text) {
    Response r = who.post(proposals, Map.of("kind", "comment", "paragraph", paragraph, "text", text));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  private static long leftIn(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.count();
    }
  }

  private static List<String> entries(Path zip) throws Exception {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
      }
    }
    return names;
  }

  /** What docs/operations.md tells an operator to do: unzip into an empty data directory. */
  private static void unzip(Path zip, Path dir) throws Exception {
    Files.createDirectories(dir);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = dir.resolve(e.getName()).normalize();
        assertThat(target.startsWith(dir)).isTrue();
        Files.copy(in, target);
      }
    }
  }
}
