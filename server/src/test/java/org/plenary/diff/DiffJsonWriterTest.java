package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.http.Json;
import org.plenary.text.Normaliser.Ignore;

@DisplayName("The streamed diff JSON")
class DiffJsonWriterTest {
  @Test
  @DisplayName("is byte for byte the document of DiffJson's maps (Arabic, moves, renumbering, folded equals)")
  void sameAsTree() {
    for (DiffOptions options : new DiffOptions[] {DiffOptions.EXACT, DiffOptions.ignoring(Ignore.DIACRITICS,
        Ignore.HAMZA), DiffOptions.EXACT.withCleanup(false)}) {
      RevisionDiff.Result r = RevisionDiff.compare(SampleRevisions.zero(), SampleRevisions.rev1Aligned(), options);
      byte[] streamed = DiffJsonWriter.revision(r);
      assertThat(new String(streamed, StandardCharsets.UTF_8))
          .isEqualTo(new String(Json.bytes(DiffJson.revision(r)), StandardCharsets.UTF_8))
          .contains("\"change\":\"moved\"", "بضمان");
      RevisionDiff.Result unaligned = RevisionDiff.compare(SampleRevisions.zero(), SampleRevisions.rev1Unaligned(),
          options);
      assertThat(DiffJsonWriter.revision(unaligned)).isEqualTo(Json.bytes(DiffJson.revision(unaligned)));
    }
  }
}
