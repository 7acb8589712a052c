package org.plenary.diff;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plenary.draft.DraftParagraph;
import org.plenary.draft.DraftReader;
import org.plenary.draft.ImportException;
import org.plenary.draft.ImportedDraft;
import org.plenary.draft.SourceFormat;
import org.plenary.http.Json;

/**
 * The revision diff from the command line, without a server: two draft files in, a diff out.
 * Exit status as diff(1): 0 when the drafts are the same, 1 when they differ, 2 on trouble.
 *
 * <pre>
 *   java -jar server/target/plenary.jar diff --ignore diacritics,hamza ar-itu-res88-zero.txt ar-itu-res88-rev1.txt
 *   java -jar server/target/plenary.jar diff --format html --layout side-by-side zero.md rev1.md &gt; diff.html
 * </pre>
 */
public final class DiffCommand {
  static final String USAGE = """
      usage: plenary diff [--format text|html|json] [--ignore LIST] [--layout inline|side-by-side] OLD NEW
        OLD, NEW   drafts as UTF-8 text (.txt) or Markdown (.md)
        --format   text (default: [-deleted-]{+inserted+}), html, json
        --ignore   comma-separated: %s, all
        --layout   html only: inline (default) or side-by-side
      exit status: 0 same, 1 different, 2 trouble
      """;

  private DiffCommand() {}

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, OutputStream out, PrintStream err) {
    String format = "text";
    String ignore = null;
    String layout = "inline";
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      String name = a;
      if (a.startsWith("--") && a.contains("=")) {
        name = a.substring(0, a.indexOf('='));
        value = a.substring(a.indexOf('=') + 1);
      }
      switch (name) {
        case "-h", "--help" -> {
          err.print(usage());
          return 0;
        }
        case "--format", "--ignore", "--layout" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              return fail(err, name + " needs a value");
            }
            value = args[++i];
          }
          switch (name) {
            case "--format" -> format = value.toLowerCase(Locale.ROOT);
            case "--ignore" -> ignore = value;
            default -> layout = value;
          }
        }
        default -> {
          if (a.startsWith("--")) {
            return fail(err, "unknown option " + a);
          }
          files.add(a);
        }
      }
    }
    if (files.size() != 2) {
      return fail(err, "give two files, the old draft and the new one (got " + files.size() + ")");
    }
    if (!List.of("text", "html", "json").contains(format)) {
      return fail(err, "--format must be text, html or json (got " + format + ")");
    }
    DiffHtml.Layout htmlLayout = DiffHtml.Layout.fromCode(layout);
    if (htmlLayout == null) {
      return fail(err, "--layout must be inline or side-by-side (got " + layout + ")");
    }
    DiffOptions options;
    try {
      options = DiffOptions.parse(ignore);
    } catch (IllegalArgumentException e) {
      return fail(err, "--ignore: " + e.getMessage());
    }
    try {
      List<ParagraphText> from = read(Path.of(files.get(0)), 1);
      List<ParagraphText> to = read(Path.of(files.get(1)), from.size() + 1L);
      RevisionDiff.Result result = RevisionDiff.compare(from, to, options);
      String fromName = Path.of(files.get(0)).getFileName().toString();
      String toName = Path.of(files.get(1)).getFileName().toString();
      byte[] bytes = switch (format) {
        case "html" -> DiffHtml.revision(result, fromName, toName, htmlLayout, "ar").getBytes(StandardCharsets.UTF_8);
        case "json" -> {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("from", fromName);
          json.put("to", toName);
          json.put("ignore", options.ignoreCodes());
          json.putAll(DiffJson.revision(result));
          yield (Json.string(json) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        default -> DiffText.revision(result, fromName, toName).getBytes(StandardCharsets.UTF_8);
      };
      out.write(bytes);
      out.flush();
      return result.identical() ? 0 : 1;
    } catch (NoSuchFileException e) {
      return fail(err, "no such file: " + e.getFile());
    } catch (ImportException e) {
      return fail(err, e.getMessage());
    } catch (IOException e) {
      return fail(err, "cannot read: " + e.getMessage());
    }
  }

  /**
   * Reads a draft with the structured importer. The files carry no paragraph ids: every paragraph gets
   * a fresh one and the revision diff pairs them by wording.
   */
  private static List<ParagraphText> read(Path file, long firstId) throws IOException, ImportException {
    SourceFormat format = file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(md|markdown)$")
        ? SourceFormat.MARKDOWN : SourceFormat.TEXT;
    ImportedDraft draft;
    try {
      draft = DraftReader.read(Files.readAllBytes(file), format);
    } catch (ImportException e) {
      throw new ImportException(e.field(), file + ": " + e.getMessage());
    }
    List<ParagraphText> out = new ArrayList<>(draft.paragraphs().size());
    long id = firstId;
    for (DraftParagraph p : draft.paragraphs()) {
      out.add(new ParagraphText(id++, p.number(), p.kind().code(), null, p.text(), p.direction().code()));
    }
    return out;
  }

  private static String usage() {
    return USAGE.formatted(String.join(", ", DiffOptions.codes()));
  }

  private static int fail(PrintStream err, String message) {
    err.println("plenary diff: " + message);
    err.print(usage());
    return 2;
  }
}
