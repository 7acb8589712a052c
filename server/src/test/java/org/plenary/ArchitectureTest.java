package org.plenary;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The dependency rules of the server, checked on the compiled classes (so fully qualified names and
 * lambdas count as much as imports). Each rule says in its {@code because} why it is there.
 *
 * <p>Packages: {@code org.plenary} wires everything; the features ({@code access}, {@code audit},
 * {@code compile}, {@code diff}, {@code draft}, {@code events}, {@code merge}, {@code negotiation},
 * {@code proposal}, {@code text}) each hold a pure core and a thin shell; {@code http} is the web plumbing the
 * shells use (problem+json, JSON, routing glue); {@code store} (with the generated {@code schema}) runs the
 * transactions; {@code domain} holds what every layer may share (the domain refusal).
 */
@AnalyzeClasses(packagesOf = Plenary.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] FEATURES = {"org.plenary.access..", "org.plenary.align..", "org.plenary.archive..",
      "org.plenary.audit..", "org.plenary.compile..", "org.plenary.diff..", "org.plenary.draft..",
      "org.plenary.events..", "org.plenary.group..", "org.plenary.merge..", "org.plenary.negotiation..", "org.plenary.ops..",
      "org.plenary.proposal..", "org.plenary.text..", "org.plenary.word.."};

  /**
   * The pure cores by package, each with its shell (the classes that may use frameworks); {@code null} means
   * only the named classes of the package are core. Nested classes and lambdas follow their top-level class.
   */
  private static final Map<String, Set<String>> SHELLS = Map.of(
      "org.plenary.text", Set.of(),
      "org.plenary.align", Set.of(),
      "org.plenary.diff", Set.of("DiffRoutes", "DiffService", "DiffJsonWriter", "DiffCommand", "RevisionTexts"),
      "org.plenary.draft", Set.of("RevisionRoutes", "RevisionService", "Revisions", "ImportGate"),
      "org.plenary.compile", Set.of("CompilationRoutes", "CompilationRepository"));
  private static final Map<String, Set<String>> CORE_CLASSES = Map.of(
      "org.plenary.merge", Set.of("TokenMerge", "Rebase"),
      "org.plenary.proposal", Set.of("ProposalKind", "Anchor", "PlainText", "ProposalDraft", "CommentWindow",
          "Proposal", "ProposalPermissions"));

  private static final DescribedPredicate<JavaClass> PURE_CORE = describe("are in a pure core", c -> {
    String top = topLevelSimpleName(c);
    Set<String> shell = SHELLS.get(c.getPackageName());
    if (shell != null) {
      return !shell.contains(top);
    }
    Set<String> core = CORE_CLASSES.get(c.getPackageName());
    return core != null && core.contains(top);
  });

  /**
   * The classes that call a {@link DSLContext}: the repositories, named one by one. Everyone else at most
   * receives the {@code dsl} of {@code db.tx(dsl -> …)} and passes it to a repository.
   *
   * <p>"No class outside store and the repositories uses DSLContext" does not hold as a plain dependency
   * rule: every route and service names a {@code DSLContext} in its {@code db.tx}/{@code db.read} lambdas, and
   * changing that means rewriting the routes. So the rule is on calls, which is where SQL is written, and the
   * classes that still write SQL outside a repository are listed in {@link #NOT_YET_REPOSITORIES}: that list is
   * the current truth, only ever to shrink. A new class does not join either list; it calls a repository.
   */
  private static final Set<String> REPOSITORIES = Set.of(
      "org.plenary.access.Accounts", "org.plenary.access.Invitations", "org.plenary.access.LoginThrottle",
      "org.plenary.access.Membership", "org.plenary.access.AccountAuthority", "org.plenary.audit.AuditLog",
      "org.plenary.audit.AuditKey", "org.plenary.audit.LiveSignal", "org.plenary.compile.CompilationRepository",
      "org.plenary.diff.RevisionTexts", "org.plenary.draft.Revisions", "org.plenary.merge.Workspaces",
      "org.plenary.negotiation.Delegations", "org.plenary.negotiation.NegotiationDelegations",
      "org.plenary.negotiation.Negotiations", "org.plenary.negotiation.Participation",
      "org.plenary.proposal.Proposals", "org.plenary.proposal.IdempotencyKeys", "org.plenary.proposal.Stances",
      "org.plenary.negotiation.Lifecycle", "org.plenary.word.WordImports", "org.plenary.archive.ArchiveParts",
      "org.plenary.archive.ArchiveImporter", "org.plenary.ops.Backups", "org.plenary.group.GroupStages");

  /** Classes that still query inline (as of issue 12), or run their own transaction. */
  private static final Set<String> NOT_YET_REPOSITORIES = Set.of(
      // open their own transaction or connection: the group commit, and the first administrator at start-up
      "org.plenary.proposal.Submissions", "org.plenary.Plenary",
      // the health check's "select 1"
      "org.plenary.http.HttpVerticle",
      // authorisation rows and states read by the policy (with its own cache)
      "org.plenary.access.Policy",
      // the audit and live-event reads of the events routes
      "org.plenary.events.AuditRoutes", "org.plenary.events.LiveUpdates",
      // merge: fates, moves and publication update rows in place
      "org.plenary.merge.Fates", "org.plenary.merge.MergeService", "org.plenary.merge.Publication",
      // the archive export's read-only snapshot transaction setting
      "org.plenary.archive.ArchiveRoutes");

  private static final DescribedPredicate<JavaClass> REPOSITORY = describe("are repositories (or not yet)",
      c -> REPOSITORIES.contains(topLevelName(c)) || NOT_YET_REPOSITORIES.contains(topLevelName(c)));

  @ArchTest
  static final ArchRule no_package_cycles = slices().matching("org.plenary.(*)..").should().beFreeOfCycles()
      .because("a feature can then be read, tested and changed from the bottom up");

  @ArchTest
  static final ArchRule layers_run_one_way = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Wiring").definedBy("org.plenary")
      .layer("Features").definedBy(FEATURES)
      .layer("Http").definedBy("org.plenary.http..")
      .layer("Store").definedBy("org.plenary.store..", "org.plenary.schema..")
      .layer("Domain").definedBy("org.plenary.domain..")
      .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
      .whereLayer("Features").mayOnlyBeAccessedByLayers("Wiring")
      .whereLayer("Http").mayOnlyBeAccessedByLayers("Wiring", "Features")
      .whereLayer("Store").mayOnlyBeAccessedByLayers("Wiring", "Features", "Http")
      .whereLayer("Domain").mayOnlyBeAccessedByLayers("Wiring", "Features", "Http", "Store")
      .because("a request runs http → features → store: the http plumbing knows no feature (features plug"
          + " their routes into it and throw domain exceptions it maps), and the store knows neither");

  @ArchTest
  static final ArchRule pure_cores_use_no_frameworks = noClasses().that(PURE_CORE)
      .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.jooq..", "java.sql..", "javax.sql..",
          "com.fasterxml.jackson..", "org.plenary.http..", "org.plenary.store..", "org.plenary.schema..")
      .because("the cores take values and return values: parsing, alignment, diff, merge and compilation are"
          + " tested without a server or a database, and refuse input with DomainException, not HTTP problems");

  @ArchTest
  static final ArchRule only_repositories_write_sql = noClasses()
      .that().resideOutsideOfPackages("org.plenary.store..", "org.plenary.schema..").and(DescribedPredicate.not(REPOSITORY))
      .should().callMethodWhere(describe("the target is DSLContext",
          (JavaCall<?> call) -> call.getTargetOwner().isAssignableTo(DSLContext.class)))
      .because("SQL lives in store and in the features' repositories; routes and services pass the dsl on");

  private static String topLevelName(JavaClass c) {
    String name = c.getName();
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }

  private static String topLevelSimpleName(JavaClass c) {
    String top = topLevelName(c);
    return top.substring(top.lastIndexOf('.') + 1);
  }
}
