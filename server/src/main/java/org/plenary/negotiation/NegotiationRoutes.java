package org.plenary.negotiation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.plenary.access.Accounts;
import org.plenary.access.Membership;
import org.plenary.access.Passwords;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.events.AuditLog;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.store.Database;
import org.plenary.text.UserText;

/**
 * Negotiations and their participants.
 *
 * <pre>
 *   curl -s -X POST localhost:8080/api/v1/negotiations -H "Authorization: Bearer $TOKEN" \
 *        -H 'Content-Type: application/json' -d '{"title":"القرار 88","languages":["ar"]}'
 * </pre>
 */
public final class NegotiationRoutes {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final Database db;
  private final Passwords passwords;

  public NegotiationRoutes(Database db, Passwords passwords) {
    this.db = db;
    this.passwords = passwords;
  }

  public void mount(Router api) {
    api.post("/negotiations").handler(this::create);
    api.get("/negotiations").handler(this::list);
    api.get("/negotiations/:n").handler(this::get);
    api.post("/negotiations/:n/participants").handler(this::addParticipant);
    api.get("/negotiations/:n/participants").handler(this::participants);
  }

  private void create(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    Json.Fields f = new Json.Fields(Json.body(ctx));
    String title = f.requiredText("title", 500);
    if (title != null && UserText.problemWithName(title) != null) {
      f.error("title", UserText.problemWithName(title));
    }
    List<String> languages = f.textList("languages", 6, 3);
    for (int i = 0; i < languages.size(); i++) {
      if (!LANGUAGE.matcher(languages.get(i)).matches()) {
        f.error("languages[" + i + "]", "must be an ISO 639 language code such as \"ar\" or \"en\"");
      }
    }
    f.check();
    if (!p.admin()) {
      throw Problem.forbidden("only an administrator can create a negotiation");
    }
    List<String> langs = languages.isEmpty() ? List.of("en") : languages;
    Http.respond(ctx, 201, db.tx(dsl -> {
      long id = Negotiations.create(dsl, title.strip(), langs, p.accountId());
      AuditLog.append(dsl, id, new AuditLog.Actor(p.accountId(), null), "negotiation.created",
          "negotiation:" + id, Map.of("title", title.strip(), "languages", langs));
      return Negotiations.get(dsl, id, Role.SECRETARIAT, null);
    }));
  }

  private void list(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    Http.respond(ctx, 200, db.read(dsl -> Map.of("negotiations",
        Negotiations.visibleTo(dsl, p.accountId(), p.admin()))));
  }

  private void get(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    Http.respond(ctx, 200, db.read(dsl -> {
      Membership m = Membership.require(dsl, n, p);
      return Negotiations.get(dsl, n, m.role(), m.delegation());
    }));
  }

  private void participants(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    Http.respond(ctx, 200, db.read(dsl -> {
      Membership.require(dsl, n, p);
      return Map.of("participants", Negotiations.participants(dsl, n));
    }));
  }

  private void addParticipant(RoutingContext ctx) {
    Principal p = Http.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    ObjectNode body = Json.body(ctx);
    Json.Fields f = new Json.Fields(body);
    String email = f.requiredText("email", 320);
    if (email != null && !EMAIL.matcher(email.strip()).matches()) {
      f.error("email", "must be an email address such as delegate@example.org");
    }
    String password = f.optionalText("password", 1024);
    if (password != null && password.length() < 10) {
      f.error("password", "must be at least 10 characters");
    }
    String displayName = f.optionalText("displayName", 200);
    if (displayName != null && UserText.problemWithName(displayName) != null) {
      f.error("displayName", UserText.problemWithName(displayName));
    }
    String roleCode = f.requiredText("role", 16);
    Role role = roleCode == null ? null : Role.fromCode(roleCode);
    if (roleCode != null && role == null) {
      f.error("role", "must be one of secretariat, facilitator, delegate, observer");
    }
    String delegation = f.optionalText("delegation", 32);
    if (role == Role.DELEGATE && delegation == null) {
      f.error("delegation", "a delegate acts for a delegation: give its code, e.g. \"EGY\"");
    }
    f.check();
    Http.respond(ctx, 201, db.tx(dsl -> {
      Membership.requireRole(dsl, n, p, Role.SECRETARIAT);
      if (delegation != null && !Delegations.exists(dsl, delegation)) {
        throw Problem.invalid("delegation", "unknown delegation code " + delegation);
      }
      var existing = Accounts.byEmail(dsl, email);
      long accountId = existing.map(Accounts.Account::id).orElseGet(() -> Accounts.create(dsl, email,
          displayName == null ? email.strip() : displayName.strip(),
          password == null ? null : passwords.hash(password), false));
      Negotiations.addParticipant(dsl, n, accountId, role, delegation);
      AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), null), "participant.added",
          "account:" + accountId, Map.of("email", Accounts.normaliseEmail(email), "role", role.code(),
              "delegation", delegation == null ? "" : delegation, "accountCreated", existing.isEmpty()));
      return new Negotiations.Participant(accountId, Accounts.normaliseEmail(email),
          existing.map(Accounts.Account::displayName).orElse(displayName == null ? email.strip() : displayName),
          role.code(), delegation);
    }));
  }
}
