import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.plenary.align.ParagraphAligner;
import org.plenary.draft.DraftParagraph;
import org.plenary.draft.DraftReader;
import org.plenary.draft.ImportedDraft;
import org.plenary.draft.SourceFormat;

/**
 * Import speed: the 49 KB Arabic council report (warm), a 1 MB Arabic draft (cold and warm), and the
 * alignment of a 1 MB revision to its predecessor. Plain Java main, bounded in time (well under a minute).
 * Run through bench/import/run.sh, which writes results.md.
 */
public final class ImportBench {
  public static void main(String[] args) throws Exception {
    Path samples = Path.of(args.length > 0 ? args[0] : "server/src/test/resources/samples");
    byte[] report = Files.readAllBytes(samples.resolve("ar-itu-council-report-un-cooperation.txt"));
    byte[] big = megabyteDraft(new String(report, StandardCharsets.UTF_8));
    byte[] bigEdited = edited(new String(big, StandardCharsets.UTF_8));
    byte[] resolutions = repeated(Files.readString(samples.resolve("ar-itu-res88-zero.txt")));

    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "| input | size | paragraphs | runs | median ms | p95 ms | max ms |%n"));
    out.append("|---|---|---|---|---|---|---|\n");

    long coldReport = time(() -> DraftReader.read(report, SourceFormat.TEXT));
    out.append(row("council report, first run (cold JVM)", report.length,
        DraftReader.read(report, SourceFormat.TEXT).paragraphs().size(), new long[] {coldReport}));
    for (int i = 0; i < 300; i++) {
      DraftReader.read(report, SourceFormat.TEXT);
    }
    out.append(row("council report, warm", report.length, DraftReader.read(report, SourceFormat.TEXT).paragraphs().size(),
        runs(200, () -> DraftReader.read(report, SourceFormat.TEXT))));

    long coldBig = time(() -> DraftReader.read(big, SourceFormat.TEXT));
    ImportedDraft bigDraft = DraftReader.read(big, SourceFormat.TEXT);
    out.append(row("1 MB draft, first run", big.length, bigDraft.paragraphs().size(), new long[] {coldBig}));
    for (int i = 0; i < 5; i++) {
      DraftReader.read(big, SourceFormat.TEXT);
    }
    out.append(row("1 MB draft, warm", big.length, bigDraft.paragraphs().size(),
        runs(15, () -> DraftReader.read(big, SourceFormat.TEXT))));

    ImportedDraft many = DraftReader.read(resolutions, SourceFormat.TEXT);
    for (int i = 0; i < 3; i++) {
      DraftReader.read(resolutions, SourceFormat.TEXT);
    }
    out.append(row("1 MB of short resolution paragraphs, warm", resolutions.length, many.paragraphs().size(),
        runs(10, () -> DraftReader.read(resolutions, SourceFormat.TEXT))));

    List<ParagraphAligner.Paragraph> next = new ArrayList<>();
    for (DraftParagraph p : DraftReader.read(bigEdited, SourceFormat.TEXT).paragraphs()) {
      next.add(new ParagraphAligner.Paragraph(null, p.kind().code(), p.text()));
    }
    List<ParagraphAligner.Paragraph> prior = new ArrayList<>();
    for (int i = 0; i < bigDraft.paragraphs().size(); i++) {
      DraftParagraph p = bigDraft.paragraphs().get(i);
      prior.add(new ParagraphAligner.Paragraph((long) i, p.kind().code(), p.text()));
    }
    for (int i = 0; i < 3; i++) {
      ParagraphAligner.align(prior, next);
    }
    out.append(row("align 1 MB Rev.N+1 (edits, moves, deletions) to Rev.N", bigEdited.length, next.size(),
        runs(10, () -> ParagraphAligner.align(prior, next))));
    System.out.print(out);
  }

  /** The council report 21 times over, sections renumbered, about 1 MB. */
  static byte[] megabyteDraft(String report) {
    StringBuilder b = new StringBuilder();
    int copy = 0;
    while (b.toString().getBytes(StandardCharsets.UTF_8).length < 1024 * 1024) {
      copy++;
      for (String line : report.split("\n")) {
        b.append(line.replaceFirst("^(\\s*)(\\d+)(\\.?\\t)", "$1" + copy + "$2$3")
            .replaceFirst("^(\\d+)\\.(\\d+)\\t", "$1." + copy + "$2\t")).append('\n');
      }
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Res. 88 repeated to 1 MB: thousands of short lettered and numbered paragraphs. */
  static byte[] repeated(String resolution) {
    StringBuilder b = new StringBuilder();
    while (b.toString().getBytes(StandardCharsets.UTF_8).length < 1024 * 1024) {
      b.append(resolution).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A revision: every 7th paragraph edited, every 50th deleted, a block of 20 moved to the end. */
  static byte[] edited(String draft) {
    List<String> lines = new ArrayList<>(Arrays.asList(draft.split("\n")));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (i % 50 == 49) {
        continue;
      }
      out.add(i % 7 == 3 ? lines.get(i) + " [نص جديد مقترح]" : lines.get(i));
    }
    List<String> block = new ArrayList<>(out.subList(100, 120));
    out.subList(100, 120).clear();
    out.addAll(block);
    return String.join("\n", out).getBytes(StandardCharsets.UTF_8);
  }

  interface Work {
    Object run() throws Exception;
  }

  static long time(Work w) throws Exception {
    long t = System.nanoTime();
    w.run();
    return System.nanoTime() - t;
  }

  static long[] runs(int n, Work w) throws Exception {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = time(w);
    }
    return t;
  }

  static String row(String name, int bytes, int paragraphs, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    double median = s[s.length / 2] / 1e6;
    double p95 = s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.95) - 1)] / 1e6;
    double max = s[s.length - 1] / 1e6;
    return String.format(Locale.ROOT, "| %s | %d KB | %d | %d | %.2f | %.2f | %.2f |%n", name, bytes / 1024,
        paragraphs, s.length, median, p95, max);
  }
}
