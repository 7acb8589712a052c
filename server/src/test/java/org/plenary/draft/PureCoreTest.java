package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The import core stays pure")
class PureCoreTest {
  /** The shell: storage and HTTP. Everything else in draft/, text/ and align/ is the pure core. */
  private static final Set<String> SHELL = Set.of("Revisions.java", "RevisionRoutes.java", "ImportGate.java");

  @Test
  @DisplayName("importers, recogniser, aligner and numbering import no Vert.x, jOOQ, Jackson or schema classes")
  void noFrameworks() throws IOException {
    List<Path> sources;
    try (Stream<Path> draft = Files.list(Path.of("src/main/java/org/plenary/draft"));
        Stream<Path> text = Files.list(Path.of("src/main/java/org/plenary/text"));
        Stream<Path> align = Files.list(Path.of("src/main/java/org/plenary/align"))) {
      sources = Stream.concat(Stream.concat(draft, text), align).filter(p -> !SHELL.contains(p.getFileName().toString())).toList();
    }
    assertThat(sources).hasSizeGreaterThan(10);
    for (Path p : sources) {
      assertThat(Files.readString(p)).as(p.toString())
          .doesNotContain("import io.vertx").doesNotContain("import org.jooq")
          .doesNotContain("import com.fasterxml").doesNotContain("org.plenary.schema");
    }
  }
}
