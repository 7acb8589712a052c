package org.plenary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.proposal.Proposal;
import org.plenary.proposal.Proposals;
import org.plenary.testing.Backend;

/**
 * Schema V13 moves what became of proposals out of {@code proposal} into {@code proposal_fate}: a database written
 * before it (fates as proposal columns, settled proposals in state {@code decided}) reads the same after it.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Migration V13: fates in their own table")
class FateMigrationTest {
  @Parameter Backend backend;
  @TempDir Path temp;

  @Test
  @DisplayName("a settled fate, a detected one and a withdrawn proposal's read the same after the migration")
  void fatesCarriedOver() throws Exception {
    Backend.Db target = backend.newDatabase(temp);
    String url = target.jdbcUrl(temp);
    Flyway.configure().dataSource(url, target.user(), target.password()).locations("classpath:db/migration")
        .target("12").load().migrate();
    try (Connection c = DriverManager.getConnection(url, target.user(), target.password());
        Statement s = c.createStatement()) {
      s.execute("insert into account (id, email, display_name) values (901, 'm@example.org', 'M')");
      s.execute("insert into delegation (code, kind, name_en) values ('ZZA', 'state', 'Zed A')");
      s.execute("insert into negotiation (id, title, languages) values (901, 'N', 'en')");
      s.execute("insert into revision (id, negotiation_id, seq, label, source_format) values (901, 901, 1, 'Zero', 'text')");
      s.execute("insert into revision (id, negotiation_id, seq, label, source_format, based_on) "
          + "values (902, 901, 2, 'Rev.1', 'text', 901)");
      s.execute("insert into paragraph (id, negotiation_id, created_in_revision) values (901, 901, 901)");
      String cols = "insert into proposal (id, negotiation_id, revision_id, paragraph_id, kind, text, delegation_code,"
          + " author_delegation, author_account_id, state, fate, fate_revision, fate_text, fate_similarity) values ";
      s.execute(cols + "(901, 901, 901, 901, 'amend', 'a', 'ZZA', 'ZZA', 901, 'decided', 'accepted-modified', 902,"
          + " 'the text', null)");
      s.execute(cols + "(902, 901, 901, 901, 'amend', 'b', 'ZZA', 'ZZA', 901, 'submitted', 'partly-reflected', 902,"
          + " 'x', 0.5)");
      s.execute(cols + "(903, 901, 901, 901, 'comment', 'c', 'ZZA', 'ZZA', 901, 'withdrawn', 'withdrawn', 902,"
          + " null, null)");
      s.execute(cols + "(904, 901, 902, 901, 'comment', 'd', 'ZZA', 'ZZA', 901, 'submitted', null, null, null, null)");
    }
    try (Database db = Database.open(url, target.user(), target.password(), 2)) {
      var dsl = db.dsl();
      List<String> read = new ArrayList<>();
      for (Proposal p : Proposals.all(dsl, 901)) {
        read.add(p.id() + " " + p.state() + " " + p.lineage().fate());
      }
      for (Proposal p : Proposals.all(dsl, 902)) {
        read.add(p.id() + " " + p.state() + " " + p.lineage().fate());
      }
      assertThat(read).containsExactly("901 decided accepted-modified", "902 submitted partly-reflected",
          "903 withdrawn withdrawn", "904 submitted null");
      var f = org.plenary.schema.Tables.PROPOSAL_FATE;
      assertThat(dsl.select(f.PROPOSAL_ID, f.REVISION_ID, f.TEXT, f.SIMILARITY, f.SETTLED).from(f).orderBy(f.PROPOSAL_ID)
          .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3() + " " + r.value4() + " " + r.value5()))
          .containsExactly("901 902 the text null true", "902 902 x 0.5 false", "903 902 null null false");
      assertThat(dsl.fetchValue("select count(*) from proposal where state = 'decided'").toString()).isEqualTo("0");
    }
  }
}
