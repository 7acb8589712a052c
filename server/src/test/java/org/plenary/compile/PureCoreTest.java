package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The compilation core")
class PureCoreTest {
  /** The HTTP shell and the repository may use Vert.x, jOOQ and Jackson; nothing else in the package may. */
  private static final List<String> SHELL = List.of("CompilationRoutes.java", "CompilationRepository.java");

  @Test
  @DisplayName("has no Vert.x, jOOQ or Jackson imports outside its HTTP shell and repository")
  void noFrameworkImports() throws IOException {
    Path dir = Path.of("src/main/java/org/plenary/compile");
    assertThat(dir).isDirectory();
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> core = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !SHELL.contains(f.getFileName().toString())).toList();
      assertThat(core).hasSizeGreaterThan(10);
      for (Path f : core) {
        assertThat(Files.readAllLines(f)).as(f.getFileName().toString())
            .noneMatch(l -> l.startsWith("import io.vertx") || l.startsWith("import org.jooq")
                || l.startsWith("import com.fasterxml") || l.startsWith("import org.plenary.schema")
                || l.startsWith("import org.plenary.http") || l.startsWith("import org.plenary.store"));
      }
    }
  }
}
