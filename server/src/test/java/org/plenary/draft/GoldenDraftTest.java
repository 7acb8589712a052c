package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plenary.testing.Samples;

/**
 * Golden files: each sample draft's expected structure sits beside it as {@code <name>.structure.json},
 * checked by hand once. After a deliberate change, regenerate with
 * {@code -Dgolden.write=true} and read the diff before committing it.
 */
@DisplayName("Imported sample drafts have the structure written beside them")
class GoldenDraftTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ar-itu-res88-zero.txt, TEXT",
      "ar-itu-res88-rev1.txt, TEXT",
      "ar-itu-council-report-un-cooperation.txt, TEXT",
      "en-itu-res88-zero.txt, TEXT",
      "en-itu-res88-rev1.txt, TEXT",
      "en-itu-report-un-cooperation.txt, TEXT",
      "en-unga-resolution.md, MARKDOWN",
      "en-unga-alternatives.txt, TEXT",
      "en-unga-alternatives-rev2.txt, TEXT",
      "ar-unga-alternatives.txt, TEXT",
  })
  @DisplayName("a sample draft imports to its golden structure")
  void matchesGolden(String name, SourceFormat format) throws Exception {
    String actual = GoldenDrafts.json(DraftReader.read(Samples.bytes(name), format));
    String golden = name.replaceFirst("\\.[a-z]+$", "") + ".structure.json";
    if (Boolean.getBoolean("golden.write")) {
      Files.writeString(Path.of("src/test/resources/samples", golden), actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Samples.text(golden));
  }
}
