package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Golden files for the revision diff as HTML (issue 12): the Arabic Res. 88 zero draft against its Rev.1, in
 * both layouts, compared with {@code src/test/resources/goldens/}. Regenerate with {@code -Dgolden.write=true}
 * (see {@code compile.ExportGoldenTest}) and review the diff.
 */
@DisplayName("The revision diff as HTML matches its golden file")
class DiffGoldenTest {
  @ParameterizedTest(name = "{0}")
  @EnumSource(DiffHtml.Layout.class)
  @DisplayName("Res. 88 zero draft → Rev.1")
  void matchesGolden(DiffHtml.Layout layout) throws Exception {
    RevisionDiff.Result result = RevisionDiff.compare(SampleRevisions.zero(), SampleRevisions.rev1Aligned(),
        DiffOptions.EXACT);
    String html = DiffHtml.revision(result, "Zero draft", "Rev.1", layout, "ar");
    Path file = Path.of("src/test/resources/goldens", "res88-zero-rev1.diff." + layout.code() + ".html");
    if (Boolean.getBoolean("golden.write")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, html, StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file (write it with -Dgolden.write=true)").exists();
    assertThat(html).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
