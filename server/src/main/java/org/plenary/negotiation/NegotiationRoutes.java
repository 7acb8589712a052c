package org.plenary.negotiation;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.plenary.access.AccountRoutes;
import org.plenary.access.AuthHandler;
import org.plenary.access.Invitations;
import org.plenary.access.Passwords;
import org.plenary.access.Policy;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Routes;
import org.plenary.store.Database;
import org.plenary.text.UserText;

/**
 * Negotiations and their participants over HTTP; the rules are {@link NegotiationService}'s and
 * {@link Participation}'s. Request bodies are read and checked here (400 per field), before any transaction.
 *
 * <pre>
 *   curl -s -X POST localhost:8080/api/v1/negotiations -H "Authorization: Bearer $TOKEN" \
 *        -H 'Content-Type: application/json' -d '{"title":"القرار 88","languages":["ar"]}'
 * </pre>
 */
public final class NegotiationRoutes {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

  private final Passwords passwords;
  private final NegotiationService negotiations;

  public NegotiationRoutes(Database db, Passwords passwords) {
    this.passwords = passwords;
    this.negotiations = new NegotiationService(db);
  }

  public void mount(Routes api) {
    api.post("/negotiations").handler(this::create);
    api.get("/negotiations").handler(this::list);
    api.get("/negotiations/:n").handler(this::get);
    api.post("/negotiations/:n/participants").handler(this::addParticipant);
    api.get("/negotiations/:n/participants").handler(this::participants);
    api.post("/negotiations/:n/participants/:a/password-reset").handler(this::resetPassword);
    api.post("/negotiations/:n/participants/:a/disable").handler(ctx -> setDisabled(ctx, true));
    api.post("/negotiations/:n/participants/:a/enable").handler(ctx -> setDisabled(ctx, false));
    api.post("/negotiations/:n/close").handler(ctx -> move(ctx, Lifecycle.Move.CLOSE));
    api.post("/negotiations/:n/archive").handler(ctx -> move(ctx, Lifecycle.Move.ARCHIVE));
    api.post("/negotiations/:n/reopen").handler(ctx -> move(ctx, Lifecycle.Move.REOPEN));
  }

  private static long n(RoutingContext ctx) {
    return Http.idParam(ctx, "n", "negotiation");
  }

  private void create(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Json.Fields f = new Json.Fields(Json.smallBody(ctx, "title", "languages"));
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
    Http.respond(ctx, 201, negotiations.create(p, title, languages));
  }

  private void list(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Http.respond(ctx, 200, negotiations.visibleTo(p).map(list -> Map.of("negotiations", list)));
  }

  private void get(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Http.respond(ctx, 200, negotiations.get(p, n(ctx)));
  }

  private void participants(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Http.respond(ctx, 200, negotiations.participants(p, n(ctx)).map(list -> Map.of("participants", list)));
  }

  private void addParticipant(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = n(ctx);
    Participation.Request req = participantRequest(new Json.Fields(
        Json.smallBody(ctx, "email", "password", "displayName", "role", "delegation")));
    Http.respond(ctx, 201, negotiations.addParticipant(p, n, req).map(NegotiationRoutes::added));
  }

  private void resetPassword(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Http.respond(ctx, 201, negotiations.resetPassword(p, n(ctx), ctx.pathParam("a"))
        .map(r -> Map.of("accountId", r.accountId(), "invitation", invitation(r.invitation()))));
  }

  private void move(RoutingContext ctx, Lifecycle.Move move) {
    Principal p = AuthHandler.principal(ctx);
    long n = n(ctx);
    Http.respond(ctx, 200, negotiations.move(p, Policy.membership(ctx), n, move));
  }

  private void setDisabled(RoutingContext ctx, boolean disabled) {
    Principal p = AuthHandler.principal(ctx);
    Http.respond(ctx, 200, negotiations.setDisabled(p, n(ctx), ctx.pathParam("a"), disabled)
        .map(t -> Map.of("accountId", t.accountId(), "email", t.email(), "disabled", t.disabled())));
  }

  /** Reads and checks a participant to add; the password is hashed here, before any transaction. */
  private Participation.Request participantRequest(Json.Fields f) {
    String rawEmail = f.requiredText("email", 320);
    String email = rawEmail == null ? null : rawEmail.strip();
    if (email != null && !email.isEmpty() && UserText.problemWithEmail(email) != null) {
      f.error("email", UserText.problemWithEmail(email));
    }
    String password = f.optionalText("password", 1024);
    if (password != null && AccountRoutes.problemWithPassword(password) != null) {
      f.error("password", AccountRoutes.problemWithPassword(password));
    }
    String displayName = f.optionalText("displayName", 200);
    if (displayName != null && UserText.problemWithPersonName(displayName.strip()) != null) {
      f.error("displayName", UserText.problemWithPersonName(displayName.strip()));
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
    if ((role == Role.SECRETARIAT || role == Role.FACILITATOR) && delegation != null) {
      f.error("delegation", "a " + role.code() + " acts for no delegation: leave it out");
    }
    f.check();
    return new Participation.Request(email, displayName == null ? null : displayName.strip(),
        password == null ? null : passwords.hash(password), role, delegation);
  }

  private static Map<String, Object> added(Participation.Added a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accountId", a.accountId());
    out.put("email", a.email());
    out.put("displayName", a.displayName());
    out.put("role", a.role().code());
    out.put("delegation", a.delegation());
    if (a.invitation() != null) {
      out.put("invitation", invitation(a.invitation()));
    }
    if (a.invitationWithheld() != null) {
      out.put("invitationWithheld", a.invitationWithheld());
    }
    return out;
  }

  private static Map<String, Object> invitation(Invitations.Issued issued) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token", issued.token());
    out.put("expiresAt", issued.expiresAt());
    out.put("accept", "POST /api/v1/invitations/accept {\"token\",\"password\"}");
    return out;
  }
}
