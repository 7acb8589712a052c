package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.Samples;

@DisplayName("The command-line diff")
class DiffCommandTest {
  @TempDir Path temp;
  Path zero;
  Path rev1;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @BeforeEach
  void files() throws Exception {
    zero = Files.write(temp.resolve("zero.txt"), Samples.bytes("ar-itu-res88-zero.txt"));
    rev1 = Files.write(temp.resolve("rev1.txt"), Samples.bytes("ar-itu-res88-rev1.txt"));
  }

  private int run(String... args) {
    return DiffCommand.run(args, out, err);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("two drafts give a [-…-]{+…+} diff and exit status 1; a draft with itself exits 0")
  void text() {
    assertThat(run(zero.toString(), rev1.toString())).isEqualTo(1);
    assertThat(output()).startsWith("--- zero.txt\n+++ rev1.txt\n").contains("[-بضمن-]{+بضمان+}")
        .contains("[deleted]").contains("[inserted]");
    out.reset();
    assertThat(run(zero.toString(), zero.toString())).isEqualTo(0);
    assertThat(output()).doesNotContain("[-").doesNotContain("{+");
  }

  @Test
  @DisplayName("--format json and html, --ignore and --layout, in both spellings")
  void formats() {
    assertThat(run("--format", "json", "--ignore=diacritics,hamza", zero.toString(), rev1.toString())).isEqualTo(1);
    assertThat(output()).startsWith("{\"from\":\"zero.txt\"").contains("\"ignore\":[\"diacritics\",\"hamza\"]")
        .contains("\"type\":\"delete\",\"text\":\"بضمن\"");
    out.reset();
    assertThat(run("--format=html", "--layout", "side-by-side", zero.toString(), rev1.toString())).isEqualTo(1);
    assertThat(output()).contains("<table class=\"side-by-side\">").contains("<del>بضمن</del>");
  }

  @Test
  @DisplayName("bad usage exits 2 with a message: unknown option, unknown ignore item, missing file, one file")
  void trouble() throws Exception {
    assertThat(run("--colour", zero.toString(), rev1.toString())).isEqualTo(2);
    assertThat(run("--ignore", "vowels", zero.toString(), rev1.toString())).isEqualTo(2);
    assertThat(run("--format", "pdf", zero.toString(), rev1.toString())).isEqualTo(2);
    assertThat(run(zero.toString())).isEqualTo(2);
    assertThat(run(zero.toString(), temp.resolve("missing.txt").toString())).isEqualTo(2);
    Path binary = Files.write(temp.resolve("bad.txt"), new byte[] {(byte) 0xC3, 0x28});
    assertThat(run(zero.toString(), binary.toString())).isEqualTo(2);
    String messages = errBytes.toString(StandardCharsets.UTF_8);
    assertThat(messages).contains("unknown option --colour").contains("vowels").contains("no such file")
        .contains("not valid UTF-8").contains("usage: plenary diff");
    assertThat(output()).isEmpty();
  }
}
