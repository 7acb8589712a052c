package org.plenary.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.proposal.ProposalDraft;
import org.plenary.proposal.ProposalRequests;

/** What the group routes read from a request, each field refused with a 400 naming it. */
final class GroupRequests {
  private GroupRequests() {}

  static long n(RoutingContext ctx) {
    return Http.idParam(ctx, "n", "negotiation");
  }

  static long r(RoutingContext ctx) {
    return Http.idParam(ctx, "r", "revision");
  }

  static long id(RoutingContext ctx, String name, String what) {
    return Http.idParam(ctx, name, what);
  }

  /** The group's code from the path, upper case; a malformed one names nothing (404). */
  static String group(RoutingContext ctx) {
    String raw = ctx.pathParam("g");
    if (raw == null || !raw.matches("[A-Za-z0-9_-]{2,32}")) {
      throw Problem.notFound("group " + raw);
    }
    return raw.toUpperCase(Locale.ROOT);
  }

  static GroupStageService.StageInput stage(RoutingContext ctx) {
    ObjectNode body = Json.smallBody(ctx, "deadline", "guests");
    Json.Fields f = new Json.Fields(body);
    String raw = f.requiredText("deadline", 40);
    OffsetDateTime deadline = null;
    if (raw != null) {
      try {
        deadline = OffsetDateTime.parse(raw).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        if (!deadline.isAfter(GroupStageService.now())) {
          f.error("deadline", "must be in the future");
        }
      } catch (DateTimeParseException e) {
        f.error("deadline", "must be a date and time with offset, such as \"2026-12-20T17:00:00Z\"");
      }
    }
    List<String> guests = null;
    if (body.has("guests")) {
      guests = f.textList("guests", GroupStageService.MAX_GUESTS, 32);
      List<String> upper = new ArrayList<>();
      for (int i = 0; i < guests.size(); i++) {
        String g = guests.get(i);
        if (!g.matches("[A-Za-z0-9_-]{2,32}")) {
          f.error("guests[" + i + "]", "must be a delegation code such as \"ESCWA\"");
        } else if (upper.contains(g.toUpperCase(Locale.ROOT))) {
          f.error("guests[" + i + "]", g + " is listed twice");
        } else {
          upper.add(g.toUpperCase(Locale.ROOT));
        }
      }
      guests = upper;
    }
    f.check();
    return new GroupStageService.StageInput(deadline, guests);
  }

  /** A note as sent: a proposal's fields; a {@code visibility}, if given, must name this group. */
  static ProposalDraft note(RoutingContext ctx, String group) {
    ProposalRequests.Sent sent = ProposalRequests.sent(ctx);
    checkVisibility(sent.visibility(), group);
    return sent.draft();
  }

  static void checkVisibility(String visibility, String group) {
    if (visibility != null && !visibility.equalsIgnoreCase("group:" + group)) {
      throw Problem.invalid("visibility", "a note of " + group + " is \"group:" + group + "\"; a public proposal goes"
          + " to …/revisions/{r}/proposals");
    }
  }

  static GroupStageService.DecisionInput decision(RoutingContext ctx) {
    ObjectNode body = Json.body(ctx, "decision", "text", "note");
    Json.Fields f = new Json.Fields(body);
    String decision = f.requiredText("decision", 24);
    if (decision != null && !List.of("adopt", "adopt-modified", "not-retained", "noted", "open").contains(decision)) {
      f.error("decision", "must be adopt, adopt-modified, not-retained, noted or open");
    }
    String text = f.optionalText("text", ProposalDraft.MAX_TEXT);
    if ("adopt-modified".equals(decision) && text == null && !f.hasError("text")) {
      f.error("text", "is required with adopt-modified: the group's text");
    } else if (text != null && decision != null && !"adopt-modified".equals(decision)) {
      f.error("text", "only adopt-modified takes a text");
    }
    String note = f.optionalText("note", 4000);
    f.check();
    return new GroupStageService.DecisionInput(decision, text, note);
  }

  static GroupStageService.CombinationInput combination(RoutingContext ctx) {
    ObjectNode body = Json.body(ctx, "notes", "text", "note");
    Json.Fields f = new Json.Fields(body);
    List<Long> ids = new ArrayList<>();
    JsonNode notes = body.get("notes");
    if (notes == null || !notes.isArray()) {
      f.error("notes", "is required: the ids of the notes to combine, such as [12, 15]");
    } else if (notes.size() > 50) {
      f.error("notes", "at most 50 notes");
    } else {
      for (int i = 0; i < notes.size(); i++) {
        JsonNode v = notes.get(i);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() <= 0) {
          f.error("notes[" + i + "]", "must be a note id");
        } else {
          ids.add(v.asLong());
        }
      }
    }
    String text = f.optionalText("text", ProposalDraft.MAX_TEXT);
    String note = f.optionalText("note", 4000);
    f.check();
    return new GroupStageService.CombinationInput(ids, text, note);
  }

  static GroupStageService.StanceInput stance(RoutingContext ctx) {
    ObjectNode body = Json.smallBody(ctx, "stance", "cosponsor");
    Json.Fields f = new Json.Fields(body);
    String stance = f.optionalText("stance", 10);
    if (stance != null && !stance.equals("support") && !stance.equals("object")) {
      f.error("stance", "must be \"support\", \"object\" or null (none)");
    }
    JsonNode c = body.get("cosponsor");
    if (c != null && !c.isBoolean()) {
      f.error("cosponsor", "must be true or false");
    }
    if (!body.has("stance") && c == null) {
      f.error("stance", "send a stance (\"support\", \"object\" or null), a cosponsor (true or false), or both");
    }
    f.check();
    return new GroupStageService.StanceInput(body.has("stance"), stance, c == null ? null : c.booleanValue());
  }
}
