package org.plenary.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.plenary.audit.AuditLog;
import org.plenary.http.Json;

/**
 * Reads and checks a negotiation archive before anything is imported: the manifest (format, version), every
 * part (present, its SHA-256 and row count as the manifest says, each line a JSON object) and the audit chain
 * (each event's hash recomputed, each lane's links and head). A failure names the part.
 */
public final class ArchiveReader {
  /** An archive that does not check out; {@code part} is the part at fault ("manifest", "proposals" …). */
  public static final class Refused extends RuntimeException {
    private final String part;

    Refused(String part, String message) {
      super("archive part '" + part + "': " + message);
      this.part = part;
    }

    public String part() {
      return part;
    }
  }

  /** A checked archive: its manifest and each part's rows in file order. */
  public record Archive(JsonNode manifest, Map<String, List<ObjectNode>> parts) {
    public List<ObjectNode> rows(String part) {
      return parts.getOrDefault(part, List.of());
    }
  }

  /** Entries of an archive at most (a ZIP bomb of tiny entries is refused early). */
  private static final int MAX_ENTRIES = 1000;

  private ArchiveReader() {}

  public static Archive read(byte[] zip) {
    return read(zip, null);
  }

  /**
   * The archive, checked. {@code key}: this server's audit key; a chain keyed with the same key (a move between
   * servers of one deployment, which share {@code PLENARY_AUDIT_KEY}) is checked hash by hash, one keyed with
   * another server's key is refused (its hashes cannot be checked here).
   */
  public static Archive read(byte[] zip, org.plenary.audit.AuditKey key) {
    Map<String, byte[]> files = unzip(zip);
    byte[] rawManifest = files.get(ArchiveWriter.MANIFEST);
    if (rawManifest == null) {
      throw new Refused("manifest", "no manifest.json: not a Plenary negotiation archive");
    }
    JsonNode manifest;
    try {
      manifest = Json.MAPPER.readTree(rawManifest);
    } catch (IOException e) {
      throw new Refused("manifest", "not JSON: " + e.getMessage());
    }
    if (!ArchiveWriter.FORMAT.equals(manifest.path("format").asText())) {
      throw new Refused("manifest", "format is not " + ArchiveWriter.FORMAT);
    }
    if (manifest.path("version").asInt() != ArchiveWriter.VERSION) {
      throw new Refused("manifest", "version " + manifest.path("version").asText() + " is not supported (this server "
          + "reads version " + ArchiveWriter.VERSION + ")");
    }
    Map<String, JsonNode> listed = new HashMap<>();
    manifest.path("parts").forEach(p -> listed.put(p.path("name").asText(), p));
    Map<String, List<ObjectNode>> parts = new LinkedHashMap<>();
    for (String name : ArchiveParts.names()) {
      JsonNode entry = listed.get(name);
      if (entry == null && ArchiveParts.LATER.contains(name)) {
        parts.put(name, List.of()); // an archive made before this part existed
        continue;
      }
      if (entry == null) {
        throw new Refused(name, "not listed in the manifest");
      }
      byte[] body = files.get(entry.path("file").asText());
      if (body == null) {
        throw new Refused(name, "its file " + entry.path("file").asText() + " is missing");
      }
      String sha = HexFormat.of().formatHex(ArchiveWriter.sha256().digest(body));
      if (!MessageDigest.isEqual(sha.getBytes(StandardCharsets.US_ASCII),
          entry.path("sha256").asText().getBytes(StandardCharsets.US_ASCII))) {
        throw new Refused(name, "its SHA-256 does not match the manifest: the archive was changed or damaged");
      }
      List<ObjectNode> rows = new ArrayList<>();
      int line = 0;
      for (String text : new String(body, StandardCharsets.UTF_8).split("\n")) {
        line++;
        if (text.isEmpty()) {
          continue;
        }
        try {
          if (!(Json.MAPPER.readTree(text) instanceof ObjectNode row)) {
            throw new Refused(name, "line " + line + " is not a JSON object");
          }
          rows.add(row);
        } catch (IOException e) {
          throw new Refused(name, "line " + line + " is not JSON");
        }
      }
      if (rows.size() != entry.path("rows").asLong(-1)) {
        throw new Refused(name, rows.size() + " rows where the manifest says " + entry.path("rows").asText());
      }
      parts.put(name, rows);
    }
    Archive archive = new Archive(manifest, parts);
    if (archive.rows("negotiation").size() != 1) {
      throw new Refused("negotiation", "must hold exactly one negotiation");
    }
    verifyChain(archive, key);
    return archive;
  }

  /** Recomputes the exported audit chain: every hash, every lane's links, every lane's head. */
  private static void verifyChain(Archive archive, org.plenary.audit.AuditKey key) {
    long n = archive.rows("negotiation").get(0).path("id").asLong();
    String base = "negotiation:" + n;
    Map<String, String> last = new HashMap<>();
    for (ObjectNode e : archive.rows("events")) {
      String lane = e.hasNonNull("chain_key") ? e.get("chain_key").asText() : base;
      String prev = last.getOrDefault(lane, "");
      String expectedPrev = e.hasNonNull("prev_hash") ? e.get("prev_hash").asText() : "";
      Long account = e.hasNonNull("account_id") ? e.get("account_id").asLong() : null;
      OffsetDateTime at = OffsetDateTime.parse(e.path("created_at").asText());
      String stored = e.path("hash").asText();
      // plain SHA-256 (events before keying), else HMAC under this server's audit key
      boolean matches = stored.equals(AuditLog.hash(prev, e.path("negotiation_id").asLong(), account,
          text(e, "delegation_code"), text(e, "type"), text(e, "subject"), text(e, "payload"), at))
          || key != null && stored.equals(AuditLog.hash(key, prev, e.path("negotiation_id").asLong(), account,
              text(e, "delegation_code"), text(e, "type"), text(e, "subject"), text(e, "payload"), at));
      if (!matches && prev.equals(expectedPrev) && lane.startsWith(base)) {
        throw new Refused("events", "the audit chain breaks at event " + e.path("id").asText() + ", or it is keyed "
            + "with another server's audit key: import it on a server started with that PLENARY_AUDIT_KEY");
      }
      String hash = stored;
      if (!prev.equals(expectedPrev) || !matches || !lane.startsWith(base)) {
        throw new Refused("events", "the audit chain breaks at event " + e.path("id").asText());
      }
      last.put(lane, hash);
    }
    for (ObjectNode head : archive.rows("event_chain")) {
      String lane = head.path("chain_key").asText();
      if (!head.path("last_hash").asText().equals(last.getOrDefault(lane, ""))) {
        throw new Refused("event_chain", "the head of " + lane + " does not match its last event");
      }
    }
  }

  private static String text(JsonNode row, String field) {
    return row.hasNonNull(field) ? row.get(field).asText() : null;
  }

  private static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (files.size() >= MAX_ENTRIES) {
          throw new Refused("manifest", "more than " + MAX_ENTRIES + " entries");
        }
        files.put(e.getName(), readAll(in));
      }
    } catch (IOException e) {
      throw new Refused("manifest", "not a readable ZIP: " + e.getMessage());
    }
    return files;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
