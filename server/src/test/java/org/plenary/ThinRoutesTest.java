package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Route handlers stay thin (issue 12): a method of a {@code *Routes} class that takes the {@code RoutingContext}
 * first is at most {@link #MAX_LINES} lines, signature and closing brace included. Parsing belongs in the
 * feature's requests class, rules in its service, JSON in its views.
 *
 * <p>Read from the sources, as line counts are not in the compiled classes in a form ArchUnit exposes; the
 * sources follow one formatting (a method ends at the first line that closes its indentation).
 */
class ThinRoutesTest {
  static final int MAX_LINES = 25;
  private static final Pattern HANDLER = Pattern.compile(
      "^(  )(?:private |public |protected |static |final )*[\\w<>?,. \\[\\]]+ (\\w+)\\(RoutingContext \\w+[,)].*\\{\\s*$");

  @Test
  @DisplayName("no route handler is longer than 25 lines: parsing, rules and JSON live outside the routes")
  void handlersAreShort() throws IOException {
    Path main = Path.of("src/main/java/org/plenary");
    List<String> tooLong = new ArrayList<>();
    int handlers = 0;
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Routes.java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = HANDLER.matcher(lines.get(i));
          if (!m.matches()) {
            continue;
          }
          handlers++;
          int end = i + 1;
          while (end < lines.size() && !lines.get(end).equals(m.group(1) + "}")) {
            end++;
          }
          int length = end - i + 1;
          if (length > MAX_LINES) {
            tooLong.add(file.getFileName() + " " + m.group(2) + ": " + length + " lines");
          }
        }
      }
    }
    assertThat(handlers).as("handlers found (the pattern still matches the sources)").isGreaterThan(50);
    assertThat(tooLong).as("handlers over " + MAX_LINES + " lines").isEmpty();
  }
}
