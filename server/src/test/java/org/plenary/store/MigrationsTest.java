package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.testing.Backend;

/**
 * The start skips Flyway only when the schema is exactly this build's: after a migration the check says
 * "current" (so Flyway's own checksums are what {@link Migrations} computes), and a changed checksum, a
 * missing row or a failed one send the start back to Flyway.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The start-up migration check")
class MigrationsTest {
  @Parameter Backend backend;
  @TempDir Path temp;

  @Test
  @DisplayName("current after Flyway; not current with a changed checksum, a failed or a missing migration")
  void currentOnlyWhenExactlyThisBuild() {
    Backend.Db target = backend.newDatabase(temp);
    try (Database db = Database.open(target.jdbcUrl(temp), target.user(), target.password(), 2)) {
      var dsl = db.dsl();
      assertThat(Migrations.current(db.dataSource())).as("right after Flyway migrated").isTrue();
      assertThat(db.pendingMigrations()).isEmpty();

      Object checksum = dsl.fetchValue("select checksum from flyway_schema_history where version = '1'");
      dsl.execute("update flyway_schema_history set checksum = 12345 where version = '1'");
      assertThat(Migrations.current(db.dataSource())).as("a script changed since it was applied").isFalse();
      dsl.execute("update flyway_schema_history set checksum = " + checksum + " where version = '1'");
      assertThat(Migrations.current(db.dataSource())).isTrue();

      dsl.execute("update flyway_schema_history set success = false where version = '2'");
      assertThat(Migrations.current(db.dataSource())).as("a failed migration").isFalse();
      dsl.execute("update flyway_schema_history set success = true where version = '2'");

      String newest = dsl.fetchValue("select max(installed_rank) from flyway_schema_history").toString();
      dsl.execute("delete from flyway_schema_history where installed_rank = " + newest);
      assertThat(Migrations.current(db.dataSource())).as("a pending migration").isFalse();
      assertThat(db.pendingMigrations()).hasSize(1);
    }
  }

  @Test
  @DisplayName("versions compare numerically")
  void versions() {
    assertThat(Migrations.compareVersions("10", "9")).isPositive();
    assertThat(Migrations.compareVersions("1.10", "1.9")).isPositive();
    assertThat(Migrations.compareVersions("2", "2.0")).isZero();
  }
}
