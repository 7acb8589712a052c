package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The diff and text cores stay pure")
class DiffCorePurityTest {
  /** The shells: HTTP routes, the command line, the repository. Everything else is core. */
  private static final List<String> SHELLS = List.of("DiffRoutes.java", "DiffJsonWriter.java", "DiffCommand.java", "RevisionTexts.java");

  @Test
  @DisplayName("no Vert.x, jOOQ or Jackson import in diff/ (outside its shells) or text/")
  void noFrameworkImports() throws IOException {
    Path main = Path.of("src/main/java/org/plenary");
    List<Path> sources;
    try (Stream<Path> diff = Files.list(main.resolve("diff")); Stream<Path> text = Files.list(main.resolve("text"))) {
      sources = Stream.concat(diff, text).filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !SHELLS.contains(p.getFileName().toString())).toList();
    }
    assertThat(sources).hasSizeGreaterThan(10);
    for (Path source : sources) {
      assertThat(Files.readAllLines(source)).as(source.toString())
          .noneMatch(l -> l.startsWith("import io.vertx") || l.startsWith("import org.jooq")
              || l.startsWith("import com.fasterxml") || l.startsWith("import static org.plenary.schema"));
    }
  }
}
