package org.plenary.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jooq.DSLContext;
import org.plenary.audit.AuditLog;
import org.plenary.http.Json;

/**
 * Writes a negotiation archive: a ZIP with one JSON-lines file per {@link ArchiveParts part} and a
 * {@code manifest.json} last, giving the format and its version, each part's file, row count and SHA-256, and
 * whether the negotiation's audit chain verified at export.
 *
 * <pre>
 *   parts/negotiation.jsonl, parts/delegations.jsonl, … parts/event_chain.jsonl, manifest.json
 * </pre>
 */
public final class ArchiveWriter {
  public static final String FORMAT = "plenary-negotiation-archive";
  public static final int VERSION = 1;
  public static final String MANIFEST = "manifest.json";

  private ArchiveWriter() {}

  /** Writes negotiation {@code n} to {@code out} (closed at the end) from one consistent read in {@code dsl}. */
  public static Map<String, Object> write(DSLContext dsl, long n, OutputStream out) {
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      List<Map<String, Object>> parts = new java.util.ArrayList<>();
      for (ArchiveParts.Part part : ArchiveParts.ALL) {
        String file = "parts/" + part.name() + ".jsonl";
        zip.putNextEntry(new ZipEntry(file));
        MessageDigest sha = sha256();
        // the digest sees exactly the bytes of the entry; the ZIP stream must stay open for the next entry
        DigestOutputStream digest = new DigestOutputStream(new NonClosing(zip), sha);
        long[] rows = {0};
        part.reader().read(dsl, n, row -> {
          try {
            digest.write(Json.string(row).getBytes(StandardCharsets.UTF_8));
            digest.write('\n');
            rows[0]++;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        zip.closeEntry();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", part.name());
        entry.put("file", file);
        entry.put("rows", rows[0]);
        entry.put("sha256", HexFormat.of().formatHex(sha.digest()));
        parts.add(entry);
      }
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("format", FORMAT);
      manifest.put("version", VERSION);
      manifest.put("negotiation", n);
      manifest.put("exportedAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
      long broken = AuditLog.verify(dsl, n);
      manifest.put("audit", broken < 0 ? Map.of("intact", true) : Map.of("intact", false, "firstBrokenEventId", broken));
      manifest.put("parts", parts);
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
      zip.closeEntry();
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Passes writes through but not {@code close}: each part's stream ends, the ZIP goes on. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
