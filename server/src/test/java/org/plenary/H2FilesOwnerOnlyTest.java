package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.ops.Backups;
import org.plenary.store.Database;

/** Issue 11, item 7: the H2 database file and its backups are created readable by the server's user only. */
@DisplayName("H2 files are created 0600")
class H2FilesOwnerOnlyTest {
  @TempDir Path temp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  @DisplayName("the database file exists 0600 before H2 opens it, and H2 takes the empty file as a new database")
  void databaseFileCreatedOwnerOnly() throws Exception {
    Path data = Files.createDirectories(temp.resolve("data"));
    Plenary.createH2FileOwnerOnly(data);
    Path file = data.resolve("plenary.mv.db");
    assertThat(file).exists();
    assertThat(Files.size(file)).isZero();
    assertThat(mode(file)).isEqualTo("rw-------");
    Database db = Database.open(Database.h2Url(data), "", "", 2);
    try {
      assertThat(db.dsl().fetchValue("select count(*) from account", Integer.class)).isNotNull();
      assertThat(mode(file)).isEqualTo("rw-------");
      Path backup = Backups.h2(db.dsl(), temp.resolve("backups/b.zip"));
      assertThat(mode(backup)).as("a backup is the same text").isEqualTo("rw-------");
      assertThat(Files.size(backup)).isPositive();
    } finally {
      db.close();
    }
    // an existing file is left alone
    long size = Files.size(file);
    Plenary.createH2FileOwnerOnly(data);
    assertThat(Files.size(file)).isEqualTo(size);
  }
}
