package org.plenary.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.PROPOSAL;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import org.jooq.DSLContext;
import org.plenary.access.Accounts;
import org.plenary.access.Membership;
import org.plenary.access.Role;
import org.plenary.domain.DomainException;
import org.plenary.draft.DraftReader;
import org.plenary.draft.Revisions;
import org.plenary.draft.SourceFormat;
import org.plenary.negotiation.Negotiations;
import org.plenary.store.Database;
import org.plenary.testing.Backend;

/**
 * Random sequences of what facilitators do in a workspace (decide, take back, edit, insert, delete, move) and
 * then publish, run on H2 and PostgreSQL against the real migrations: paragraph ids stay stable, no word appears
 * that no one wrote, an accepted change stays until someone edits its paragraph, and after publishing every
 * proposal of the base revision has exactly one fate and each paragraph's recorded change matches its text.
 */
@Label("The merge workspace under random action sequences")
class MergeStatefulPropertiesTest {
  private static final String[] WORDS = {"التوصيلية", "الهادفة", "والتحول", "الرقمي", "في", "من", "أجل", "مليار",
      "شخص", "تعزيز", "الاتحاد", "(ITU)", "WSIS+20", "2,9", "2025"};
  private static final String[] NEW_WORDS = {"جديد", "مضاف", "2,6", "(UNESCO)", "المعدل"};
  private static final Map<Backend, Database> DATABASES = new HashMap<>();

  private static synchronized Database database(Backend backend) {
    return DATABASES.computeIfAbsent(backend, b -> {
      try {
        Path dir = Files.createTempDirectory("merge-props");
        Backend.Db db = b.newDatabase(dir);
        Database opened = Database.open(db.jdbcUrl(dir), db.user(), db.password(), 2);
        opened.dsl().transaction(cfg -> org.plenary.negotiation.Delegations.seed(cfg.dsl()));
        return opened;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @AfterContainer
  static void close() {
    DATABASES.values().forEach(Database::close);
    DATABASES.clear();
  }

  @Property(tries = 25)
  @Label("decide / undo / edit / insert / delete / move, then publish")
  void randomSequences(@ForAll @Size(min = 1, max = 25) List<@IntRange(min = 0, max = 99_999) Integer> actions,
      @ForAll long seed) {
    for (Backend backend : Backend.values()) {
      Database db = database(backend);
      db.dsl().transaction(cfg -> run(cfg.dsl(), actions, new Random(seed)));
    }
  }

  private static String sentence(Random r, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      b.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
    }
    return b.toString();
  }

  private void run(DSLContext dsl, List<Integer> actions, Random r) throws Exception {
    long account = Accounts.create(dsl, "chair" + System.nanoTime() + "@un.test", "Chair", null, false);
    long n = Negotiations.create(dsl, "مشروع", List.of("ar"), account);
    StringBuilder draft = new StringBuilder("مشروع القرار\n");
    for (int i = 0; i < 6; i++) {
      draft.append(sentence(r, 6 + r.nextInt(6))).append('\n');
    }
    long base = Revisions.create(dsl, n, "Zero draft", SourceFormat.TEXT, null,
        DraftReader.read(draft.toString().getBytes(StandardCharsets.UTF_8), SourceFormat.TEXT), account);
    Map<Long, String> baseText = new HashMap<>();
    dsl.selectFrom(PARAGRAPH_VERSION).where(PARAGRAPH_VERSION.REVISION_ID.eq(base))
        .forEach(p -> baseText.put(p.getParagraphId(), p.getText()));
    List<Long> paragraphs = new ArrayList<>(baseText.keySet());
    Set<String> written = new HashSet<>();
    baseText.values().forEach(t -> written.addAll(TokenMerge.tokens(t)));
    List<Long> proposals = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long p = paragraphs.get(r.nextInt(paragraphs.size()));
      String text = baseText.get(p);
      List<String> tokens = TokenMerge.tokens(text);
      int at = r.nextInt(tokens.size());
      String kind = r.nextInt(6) == 0 ? "delete" : r.nextInt(6) == 0 ? "insert" : "amend";
      String proposed = switch (kind) {
        case "insert" -> sentence(r, 4) + " " + NEW_WORDS[r.nextInt(NEW_WORDS.length)];
        case "delete" -> null;
        default -> {
          List<String> changed = new ArrayList<>(tokens);
          changed.set(at, NEW_WORDS[r.nextInt(NEW_WORDS.length)]);
          yield String.join("", changed);
        }
      };
      if (proposed != null) {
        written.addAll(TokenMerge.tokens(proposed));
      }
      proposals.add(dsl.insertInto(PROPOSAL)
          .set(PROPOSAL.NEGOTIATION_ID, n).set(PROPOSAL.REVISION_ID, base).set(PROPOSAL.PARAGRAPH_ID, p)
          .set(PROPOSAL.KIND, kind).set(PROPOSAL.PLACEMENT, kind.equals("insert") ? "after" : null)
          .set(PROPOSAL.TEXT, proposed).set(PROPOSAL.DELEGATION_CODE, "EGY").set(PROPOSAL.AUTHOR_DELEGATION, "EGY")
          .set(PROPOSAL.AUTHOR_ACCOUNT_ID, account).set(PROPOSAL.STATE, r.nextInt(10) == 0 ? "withdrawn" : "submitted")
          .returningResult(PROPOSAL.ID).fetchOne().value1());
    }
    Membership chair = new Membership(n, account, Role.FACILITATOR, null);
    MergeService merge = new MergeService();
    long ws = merge.open(dsl, chair, n, base, "Rev.1").id();
    Set<Long> edited = new HashSet<>();
    Map<Long, String> accepted = new HashMap<>();
    for (int action : actions) {
      List<Workspaces.Para> now = Workspaces.paragraphs(dsl, ws);
      List<Workspaces.Para> standing = now.stream().filter(p -> p.position() != null).toList();
      try {
        // each step in a savepoint, as each request is a transaction of its own: a refusal leaves nothing behind
        dsl.transaction(step -> act(step.dsl(), merge, chair, n, base, ws, action, proposals, standing, written,
            edited, accepted, r));
      } catch (DomainException refused) {
        // a conflict or a refusal changes nothing: checked below like any other step
        assertThat(refused.kind()).isIn(DomainException.Kind.CONFLICT, DomainException.Kind.INVALID);
      } catch (org.jooq.exception.DataAccessException wrapped) {
        if (!(wrapped.getCause() instanceof DomainException)) {
          throw wrapped;
        }
      }
      check(dsl, ws, baseText, written, accepted, edited);
    }
    new Publication().publish(dsl, chair, n, ws);
    for (long id : proposals) {
      assertThat(dsl.fetchCount(org.plenary.schema.Tables.PROPOSAL_FATE,
          org.plenary.schema.Tables.PROPOSAL_FATE.PROPOSAL_ID.eq(id)))
          .as("proposal " + id + " has exactly one fate").isEqualTo(1);
    }
    for (Workspaces.Para p : Workspaces.paragraphs(dsl, ws)) {
      String old = baseText.get(p.id());
      String expected = p.position() == null ? "deleted" : old == null ? "inserted"
          : old.equals(p.text()) ? "unchanged|moved" : "modified|moved_modified";
      assertThat(p.change()).as("paragraph " + p.id()).matches(expected);
    }
  }

  private static void act(DSLContext dsl, MergeService merge, Membership chair, long n, long base, long ws, int action,
      List<Long> proposals, List<Workspaces.Para> standing, Set<String> written, Set<Long> edited,
      Map<Long, String> accepted, Random r) {
        WorkspaceEdits edits = new WorkspaceEdits();
        switch (action % 6) {
          case 0, 1 -> {
            long id = proposals.get(action / 6 % proposals.size());
            String decision = List.of("accept", "accept", "not-retained", "noted", "defer", "open").get(action / 48 % 6);
            String etag = "\"p" + id + "v" + dsl.select(PROPOSAL.VERSION).from(PROPOSAL).where(PROPOSAL.ID.eq(id))
                .fetchOne().value1() + "\"";
            merge.decide(dsl, chair, n, base, id, etag, decision, null, null);
            accepted.remove(id);
            var p = dsl.selectFrom(PROPOSAL).where(PROPOSAL.ID.eq(id)).fetchOne();
            if (decision.equals("accept") && p.getKind().equals("amend")) {
              accepted.put(id, p.getText());
            }
          }
          case 2 -> {
            Workspaces.Para p = standing.get(action / 6 % standing.size());
            String text = p.text() + " " + NEW_WORDS[action / 60 % NEW_WORDS.length];
            written.addAll(TokenMerge.tokens(text));
            edits.edit(dsl, chair, n, ws, p.id(), p.etag(), text, null);
            edited.add(p.id());
          }
          case 3 -> {
            Workspaces.Para p = standing.get(action / 6 % standing.size());
            String text = sentence(r, 3);
            written.addAll(TokenMerge.tokens(text));
            edits.insert(dsl, chair, n, ws, p.id(), null, null, text);
          }
          case 4 -> {
            if (standing.size() > 2) {
              Workspaces.Para p = standing.get(action / 6 % standing.size());
              edits.delete(dsl, chair, n, ws, p.id(), p.etag());
              edited.add(p.id());
            }
          }
          default -> {
            Workspaces.Para p = standing.get(action / 6 % standing.size());
            Workspaces.Para next = standing.get(action / 60 % standing.size());
            if (p.id() != next.id()) {
              edits.move(dsl, chair, n, ws, p.id(), p.etag(), next.id(), null);
            }
          }
        }
  }

  private static void check(DSLContext dsl, long ws, Map<Long, String> baseText, Set<String> written,
      Map<Long, String> accepted, Set<Long> edited) {
      List<Workspaces.Para> after = Workspaces.paragraphs(dsl, ws);
      Set<Long> ids = new HashSet<>();
      after.forEach(p -> ids.add(p.id()));
      assertThat(ids).as("every paragraph of the base keeps its id").containsAll(baseText.keySet());
      for (Workspaces.Para p : after) {
        assertThat(written).as("no word that no one wrote, in " + p.text()).containsAll(TokenMerge.tokens(p.text()));
      }
      for (var e : accepted.entrySet()) {
        long paragraph = dsl.select(PROPOSAL.PARAGRAPH_ID).from(PROPOSAL).where(PROPOSAL.ID.eq(e.getKey()))
            .fetchOne().value1();
        Workspaces.Para p = Workspaces.paragraph(dsl, ws, paragraph).orElseThrow();
        if (!edited.contains(paragraph) && p.position() != null) {
          for (String w : NEW_WORDS) {
            if (e.getValue().contains(w) && !baseText.get(paragraph).contains(w)) {
              assertThat(p.text()).as("accepted change of proposal " + e.getKey()).contains(w);
            }
          }
        }
      }
  }
}
