package org.plenary.word;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Word core")
class PureCoreTest {
  @Test
  @DisplayName("reads and writes Word files without Vert.x, jOOQ, Jackson or the HTTP and store layers")
  void noFrameworkImports() throws Exception {
    for (String name : List.of("ForCommentsDocx", "TrackedChangesReader", "WordProposals", "WordFile",
        "UnreadableWordFile")) {
      Path f = Path.of("src/main/java/org/plenary/word/" + name + ".java");
      assertThat(Files.readAllLines(f)).as(name)
          .noneMatch(l -> l.startsWith("import io.vertx") || l.startsWith("import org.jooq")
              || l.startsWith("import com.fasterxml") || l.startsWith("import org.plenary.schema")
              || l.startsWith("import org.plenary.http") || l.startsWith("import org.plenary.store")
              || l.startsWith("import org.plenary.proposal"));
    }
  }
}
