package org.plenary.word;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip through a real editor: the revision for comments, edited in LibreOffice with Track Changes by
 * a UNO script (resources word/edit_with_track_changes.py: tracked replacement, whole paragraph deleted, new
 * paragraph, comments), saved as DOCX, read back: the proposals are exactly the edits. Skipped with a message
 * where LibreOffice or its Python bridge is missing ({@code apt-get install libreoffice-writer python3-uno}),
 * unless {@code PLENARY_REQUIRE_LIBREOFFICE} is set (CI).
 */
@DisplayName("A revision for comments edited in LibreOffice")
class LibreOfficeRoundTripTest {
  @TempDir Path temp;

  @Test
  @DisplayName("in Arabic: the tracked changes and comments come back as exactly those proposals")
  void arabic() throws Exception {
    roundTrip("ar-itu-res88-zero.txt", List.of(
        Map.of("op", "replace", "find", "2,9 مليار", "with", "2,6 مليار"),
        Map.of("op", "deleteParagraph", "find", "أهمية إشراك جميع أصحاب المصلحة"),
        Map.of("op", "insertAfter", "find", "بالقرار 16 (المراجع في بوينس آيرس، 2017)",
            "text", "(و مكرراً) بالقرار 45 (المراجع في كيغالي، 2022) لهذا المؤتمر؛"),
        Map.of("op", "comment", "find", "جائحة فيروس كورونا", "text", "سؤال: هل ما زالت هذه الإشارة لازمة؟"),
        Map.of("op", "comment", "find", "غير متصلين بالإنترنت تماماً", "text", "نؤيد هذه الصياغة.")));
  }

  @Test
  @DisplayName("in English: the tracked changes and comments come back as exactly those proposals")
  void english() throws Exception {
    roundTrip("en-itu-res88-zero.txt", List.of(
        Map.of("op", "replace", "find", "2.9 billion", "with", "2.6 billion"),
        Map.of("op", "deleteParagraph", "find", "the importance of engaging all stakeholders"),
        Map.of("op", "insertAfter", "find", "the Partner2Connect Digital Coalition (P2C), a multistakeholder",
            "text", "a bis) the Global Digital Compact adopted in September 2024;"),
        Map.of("op", "comment", "find", "completely offline", "text", "Question: what is the source of the figure?"),
        Map.of("op", "comment", "find", "value creation", "text", "We support this focus area.")));
  }

  private void roundTrip(String sample, List<Map<String, String>> edits) throws Exception {
    String soffice = soffice();
    String python = soffice == null ? null : pythonWithUno();
    boolean required = System.getenv("PLENARY_REQUIRE_LIBREOFFICE") != null;
    if (required && (soffice == null || python == null)) {
      throw new AssertionError("PLENARY_REQUIRE_LIBREOFFICE is set but LibreOffice or python3-uno is missing");
    }
    assumeTrue(soffice != null, "LibreOffice is not on the PATH: skipping (apt-get install libreoffice-writer)");
    assumeTrue(python != null, "no python3 with the uno module: skipping (apt-get install python3-uno)");

    WordSamples s = new WordSamples(sample, "Resolution 88");
    Path in = temp.resolve("for-comments.docx");
    Files.write(in, s.docx());
    Path script = temp.resolve("edit.py");
    try (InputStream r = getClass().getResourceAsStream("/word/edit_with_track_changes.py")) {
      Files.write(script, r.readAllBytes());
    }
    Path editsFile = temp.resolve("edits.json");
    Files.write(editsFile, new ObjectMapper().writeValueAsBytes(edits));
    Path out = temp.resolve("edited.docx");
    Path profile = Files.createDirectories(temp.resolve("profile"));
    Process p = new ProcessBuilder(python, script.toString(), soffice, in.toString(), out.toString(),
        editsFile.toString(), profile.toString()).redirectErrorStream(true)
        .redirectOutput(temp.resolve("edit.log").toFile()).start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("LibreOffice did not finish in 240 s");
    }
    assertThat(p.exitValue()).as(Files.readString(temp.resolve("edit.log"))).isZero();

    WordProposals.Result r = WordProposals.read(TrackedChangesReader.read(Files.readAllBytes(out)), s.targets);
    assertThat(r.unmapped()).isEmpty();
    assertThat(r.proposals()).hasSize(edits.size());
    for (Map<String, String> e : edits) {
      WordProposals.Target at = s.with(e.get("find"));
      String kind = switch (e.get("op")) {
        case "replace" -> "amend";
        case "deleteParagraph" -> "delete";
        case "insertAfter" -> "insert";
        default -> WordProposals.isQuestion(e.get("text")) ? "question" : "comment";
      };
      List<WordProposals.Proposal> found = r.proposals().stream()
          .filter(x -> x.kind().equals(kind) && x.paragraph().id() == at.id()).toList();
      assertThat(found).as(e + " in " + r.proposals()).hasSize(1);
      WordProposals.Proposal x = found.get(0);
      assertThat(x.mapping().by()).isEqualTo("id");
      assertThat(x.authors()).allSatisfy(a -> assertThat(a.name()).isEqualTo("Delegation of Egypt"));
      switch (e.get("op")) {
        case "replace" -> {
          assertThat(x.anchor().exact()).isEqualTo(e.get("find"));
          assertThat(x.text()).isEqualTo(e.get("with"));
        }
        case "deleteParagraph" -> assertThat(x.anchor()).isNull();
        case "insertAfter" -> {
          assertThat(x.placement()).isEqualTo("after");
          assertThat(x.text()).isEqualTo(e.get("text"));
        }
        default -> {
          assertThat(x.anchor().exact()).isEqualTo(e.get("find"));
          assertThat(x.text()).isEqualTo(e.get("text"));
        }
      }
    }
  }

  static String soffice() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("libreoffice", "soffice")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  /** The system's python3 has the uno module (python3-uno); another python3 on the PATH may not. */
  static String pythonWithUno() throws Exception {
    for (String python : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(python, "-c", "import uno").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return python;
        }
      } catch (java.io.IOException notThere) {
        // try the next one
      }
    }
    return null;
  }
}
