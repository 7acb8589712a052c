package org.plenary.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Whether the database already holds exactly this build's migrations, decided without starting Flyway (which
 * loads some 400 classes and scans the class path: about half a second of every start). The schema is current
 * when every script under {@code db/migration} has a successful row in {@code flyway_schema_history} with the
 * same version, description and checksum (computed as Flyway does), and no row failed or is missing its
 * script. Anything else, or anything unexpected (a script name Flyway would read differently, no history
 * table), answers "not known to be current": Flyway then migrates and validates as before.
 */
final class Migrations {
  static final String LOCATION = "db/migration";
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

  /** One script: its version as Flyway writes it ("1.2"), description ("revision source") and checksum. */
  record Script(String version, String description, int checksum) {}

  private Migrations() {}

  /** True only when the schema is known to be at this build's migrations; false when unsure. */
  static boolean current(DataSource dataSource) {
    try {
      List<Script> scripts = scripts(Migrations.class.getClassLoader());
      if (scripts == null || scripts.isEmpty()) {
        return false;
      }
      try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(
              "select version, description, checksum, success, type from flyway_schema_history")) {
        Map<String, Script> applied = new HashMap<>();
        while (rs.next()) {
          String version = rs.getString(1);
          boolean success = rs.getBoolean(4);
          if (!success) {
            return false;
          }
          if (version == null || !"SQL".equals(rs.getString(5))) {
            continue; // Flyway's own marker rows (schema creation, baseline)
          }
          int checksum = rs.getInt(3);
          if (rs.wasNull()) {
            return false;
          }
          applied.put(version, new Script(version, rs.getString(2), checksum));
        }
        Map<String, Script> known = new HashMap<>();
        for (Script s : scripts) {
          known.put(s.version(), s);
          if (!s.equals(applied.get(s.version()))) {
            return false; // pending, or changed since it was applied: Flyway migrates or reports it
          }
        }
        String newest = scripts.stream().map(Script::version).max(Migrations::compareVersions).orElseThrow();
        for (String version : applied.keySet()) {
          // A newer build's migration (another node) is ignored as Flyway ignores "future" ones; an older
          // version without its script is for Flyway to judge.
          if (!known.containsKey(version) && compareVersions(version, newest) < 0) {
            return false;
          }
        }
        return true;
      }
    } catch (SQLException | IOException | RuntimeException e) {
      return false;
    }
  }

  /** The versioned scripts on the class path, or null when one cannot be read as Flyway would. */
  static List<Script> scripts(ClassLoader loader) throws IOException {
    List<Script> out = new ArrayList<>();
    Enumeration<URL> roots = loader.getResources(LOCATION);
    while (roots.hasMoreElements()) {
      URL root = roots.nextElement();
      List<String> names = new ArrayList<>();
      if ("file".equals(root.getProtocol())) {
        try (var files = Files.list(Path.of(java.net.URI.create(root.toString())))) {
          files.forEach(f -> names.add(f.getFileName().toString()));
        }
      } else if ("jar".equals(root.getProtocol())) {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        var entries = connection.getJarFile().entries();
        String prefix = LOCATION + "/";
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          if (name.startsWith(prefix) && name.length() > prefix.length() && name.indexOf('/', prefix.length()) < 0) {
            names.add(name.substring(prefix.length()));
          }
        }
      } else {
        return null;
      }
      for (String name : names) {
        if (!name.endsWith(".sql")) {
          continue;
        }
        Matcher m = VERSIONED.matcher(name);
        if (!m.matches()) {
          return null; // a repeatable or oddly named script: let Flyway read it
        }
        try (InputStream in = loader.getResourceAsStream(LOCATION + "/" + name)) {
          if (in == null) {
            return null;
          }
          out.add(new Script(m.group(1).replace('_', '.'), m.group(2).replace('_', ' '), checksum(in)));
        }
      }
    }
    return out;
  }

  /** Flyway's checksum of a script: CRC-32 over its lines' UTF-8 bytes without line breaks, BOM dropped. */
  static int checksum(InputStream in) throws IOException {
    CRC32 crc = new CRC32();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096);
    String line = reader.readLine();
    if (line != null) {
      if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      do {
        crc.update(line.getBytes(StandardCharsets.UTF_8));
      } while ((line = reader.readLine()) != null);
    }
    return (int) crc.getValue();
  }

  /** Compares dotted versions numerically ("1.10" after "1.9"). */
  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      java.math.BigInteger p = i < x.length ? new java.math.BigInteger(x[i]) : java.math.BigInteger.ZERO;
      java.math.BigInteger q = i < y.length ? new java.math.BigInteger(y[i]) : java.math.BigInteger.ZERO;
      int c = p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
