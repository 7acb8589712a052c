package org.plenary.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.plenary.domain.DomainException;
import org.plenary.http.Json;
import org.plenary.http.Problem;

/**
 * What the proposal and comment-window routes read from a request: bodies, query filters and headers, each
 * refused with a 400 naming the field. Rules that need the database (the paragraph, the window, co-sponsors)
 * are {@link ProposalService}'s.
 *
 * <pre>
 *   ProposalDraft draft = ProposalRequests.draft(ctx);   // 400 {"errors":[{"field":"anchor.exact",…}]}
 * </pre>
 */
public final class ProposalRequests {
  /** The fields a proposal's body may have besides "kind" (an edit names the ones it cannot change). */
  private static final String[] PROPOSAL_FIELDS = {"paragraph", "placement", "target", "text", "rationale",
      "anchor", "onBehalfOf", "cosponsors"};
  /** A new proposal's fields: those, and its visibility ("public", or "group:ARAB" for a group's private note). */
  private static final String[] NEW_PROPOSAL_FIELDS = {"paragraph", "placement", "target", "text", "rationale",
      "anchor", "onBehalfOf", "cosponsors", "visibility"};

  /** A new proposal or note as sent, with its {@code visibility} (null when not given). */
  public record Sent(ProposalDraft draft, String visibility) {}

  /** A reply to a proposal: its cleaned text and the reply it answers, if any. */
  record ReplyInput(String text, Long inReplyTo) {}

  /** A comment window to set: the deadline (UTC, to the second; null removes it) and the silence procedure. */
  record WindowInput(OffsetDateTime deadline, boolean silence) {}

  private ProposalRequests() {}

  static long n(RoutingContext ctx) {
    return org.plenary.http.Http.idParam(ctx, "n", "negotiation");
  }

  static long r(RoutingContext ctx) {
    return org.plenary.http.Http.idParam(ctx, "r", "revision");
  }

  static long id(RoutingContext ctx) {
    return org.plenary.http.Http.idParam(ctx, "id", "proposal");
  }

  static String ifMatch(RoutingContext ctx) {
    return ctx.request().getHeader("If-Match");
  }

  /** The {@code Idempotency-Key} header (null without one; 400 when malformed). */
  static String idempotencyKey(RoutingContext ctx) {
    return IdempotencyKeys.key(ctx.request().getHeader(IdempotencyKeys.HEADER));
  }

  /** The request's hash for its idempotency key (null without a key). */
  static String requestHash(RoutingContext ctx, String key) {
    if (key == null) {
      return null;
    }
    Buffer raw = ctx.body().buffer();
    return IdempotencyKeys.requestHash("POST", ctx.request().path(), raw == null ? new byte[0] : raw.getBytes());
  }

  /**
   * A new public proposal as sent; its rules are checked against the paragraph later ({@link ProposalDraft#check}).
   * A group's private note never gets here (the group routes take the requests that name a group's visibility
   * first); should one arrive, it is refused rather than published.
   */
  static ProposalDraft draft(RoutingContext ctx) {
    Sent sent = sent(ctx);
    if (sent.visibility() != null && !sent.visibility().equals("public")) {
      throw Problem.invalid("visibility", "must be \"public\" here; a group's private note goes to"
          + " …/revisions/{r}/groups/{group}/notes");
    }
    return sent.draft();
  }

  /** A new proposal or group note as sent: the fields of a proposal and its {@code visibility}. */
  public static Sent sent(RoutingContext ctx) {
    ObjectNode body = Json.body(ctx, "kind", NEW_PROPOSAL_FIELDS);
    Json.Fields f = new Json.Fields(body);
    String visibility = f.optionalText("visibility", 40);
    if (visibility != null && !visibility.equals("public") && !visibility.matches("group:[A-Za-z0-9_-]{2,32}")) {
      f.error("visibility", "must be \"public\" or \"group:\" and a group's code, such as \"group:ARAB\"");
    }
    String kind = f.optionalText("kind", 32);
    Long paragraph = optionalId(body, "paragraph", f);
    String placement = f.optionalText("placement", 10);
    Long target = optionalId(body, "target", f);
    String text = rawText(body, "text", f);
    String rationale = rawText(body, "rationale", f);
    Anchor.Input anchor = body.hasNonNull("anchor") ? readAnchor(body.get("anchor"), f) : null;
    String onBehalfOf = f.optionalText("onBehalfOf", 32);
    List<String> cosponsors = f.textList("cosponsors", ProposalDraft.MAX_COSPONSORS, 32);
    f.check();
    return new Sent(new ProposalDraft(kind, paragraph, placement, target, text, rationale, anchor, onBehalfOf,
        cosponsors), visibility);
  }

  /** An edit: text, rationale and anchor only; any other field of a proposal is named as unchangeable. */
  static ProposalService.Edit edit(RoutingContext ctx) {
    ObjectNode body = Json.body(ctx, "kind", PROPOSAL_FIELDS);
    Json.Fields f = new Json.Fields(body);
    String text = f.optionalText("text", ProposalDraft.MAX_TEXT);
    String rationale = f.optionalText("rationale", ProposalDraft.MAX_RATIONALE);
    Anchor.Input anchor = body.has("anchor") ? readAnchor(body.get("anchor"), f) : null;
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!List.of("text", "rationale", "anchor").contains(name)) {
        f.error(name, "cannot be changed; only text, rationale and anchor can (withdraw and propose anew otherwise)");
      }
    }
    f.check();
    return new ProposalService.Edit(body.has("text"), text, body.has("rationale"), rationale, body.has("anchor"),
        anchor);
  }

  static ReplyInput reply(RoutingContext ctx) {
    ObjectNode body = Json.body(ctx, "text", "inReplyTo");
    Json.Fields f = new Json.Fields(body);
    String raw = f.requiredText("text", ProposalDraft.MAX_RATIONALE);
    Long inReplyTo = optionalId(body, "inReplyTo", f);
    List<DomainException.FieldError> errors = new ArrayList<>();
    String text = ProposalDraft.cleaned("text", raw, ProposalDraft.MAX_RATIONALE, errors);
    errors.forEach(e -> f.error(e.field(), e.message()));
    f.check();
    return new ReplyInput(text, inReplyTo);
  }

  /** The delegations invited to co-sponsor: at least one. */
  static List<String> invitation(RoutingContext ctx) {
    Json.Fields f = new Json.Fields(Json.smallBody(ctx, "delegations"));
    List<String> codes = f.textList("delegations", ProposalDraft.MAX_COSPONSORS, 32);
    if (codes.isEmpty() && !f.hasError("delegations")) {
      f.error("delegations", "is required: the delegations to invite, such as [\"IRQ\"]");
    }
    f.check();
    return codes;
  }

  /** An invited delegation's answer: true to accept, false to decline. */
  static boolean accepts(RoutingContext ctx) {
    Json.Fields f = new Json.Fields(Json.smallBody(ctx, "answer"));
    String answer = f.requiredText("answer", 10);
    if (answer != null && !answer.equals("accept") && !answer.equals("decline")) {
      f.error("answer", "must be \"accept\" or \"decline\"");
    }
    f.check();
    return answer.equals("accept");
  }

  static WindowInput window(RoutingContext ctx) {
    ObjectNode body = Json.smallBody(ctx, "deadline", "silence");
    Json.Fields f = new Json.Fields(body);
    String raw = f.optionalText("deadline", 40);
    OffsetDateTime deadline = null;
    if (raw != null) {
      try {
        deadline = OffsetDateTime.parse(raw).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime now = ProposalService.now();
        if (!deadline.isAfter(now)) {
          f.error("deadline", "must be in the future (it is now " + now.truncatedTo(ChronoUnit.SECONDS) + ")");
        }
      } catch (DateTimeParseException e) {
        f.error("deadline", "must be a date and time with offset, such as \"2026-12-03T17:00:00Z\"");
      }
    } else if (!body.has("deadline")) {
      f.error("deadline", "is required (null removes it)");
    }
    JsonNode s = body.get("silence");
    if (s != null && !s.isNull() && !s.isBoolean()) {
      f.error("silence", "must be true or false");
    }
    boolean silence = s != null && s.asBoolean(false);
    if (silence && deadline == null && !f.hasError("deadline")) {
      f.error("deadline", "the silence procedure needs a deadline");
    }
    f.check();
    return new WindowInput(deadline, silence);
  }

  /** The list's filters ({@code ?paragraph=&delegation=&group=&kind=&state=}). */
  static Proposals.Filter filter(RoutingContext ctx) {
    return filter(ctx, true);
  }

  /** The filters of {@code GET …/paragraphs/:p}: the paragraph comes from the path. */
  static Proposals.Filter paragraphFilter(RoutingContext ctx) {
    long paragraphId = org.plenary.http.Http.idParam(ctx, "p", "paragraph");
    Proposals.Filter given = filter(ctx, false);
    return new Proposals.Filter(paragraphId, given.delegation(), given.group(), given.kind(), given.state());
  }

  private static Proposals.Filter filter(RoutingContext ctx, boolean withParagraph) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Long paragraph = null;
    String rawParagraph = ctx.queryParams().get("paragraph");
    if (withParagraph && rawParagraph != null) {
      try {
        paragraph = Long.parseLong(rawParagraph);
      } catch (NumberFormatException e) {
        errors.add(new Problem.FieldError("paragraph", "must be a paragraph id"));
      }
    }
    String delegation = code(ctx.queryParams().get("delegation"), "delegation", errors);
    String group = code(ctx.queryParams().get("group"), "group", errors);
    ProposalKind kind = null;
    String rawKind = ctx.queryParams().get("kind");
    if (rawKind != null) {
      kind = ProposalKind.parse(rawKind);
      if (kind == null) {
        errors.add(new Problem.FieldError("kind", "must be one of " + ProposalKind.accepted()));
      }
    }
    String state = ctx.queryParams().get("state");
    if (state != null && !List.of("submitted", "withdrawn", "decided").contains(state)) {
      errors.add(new Problem.FieldError("state", "must be submitted, withdrawn or decided"));
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    return new Proposals.Filter(paragraph, delegation, group, kind, state);
  }

  private static String code(String value, String field, List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (!value.matches("[A-Za-z0-9_-]{2,32}")) {
      errors.add(new Problem.FieldError(field, "must be a delegation code such as EGY or ARAB"));
      return null;
    }
    return value.toUpperCase(java.util.Locale.ROOT);
  }

  /** A free-text field as sent (length is checked after cleaning, in code points). */
  private static String rawText(ObjectNode body, String field, Json.Fields f) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      f.error(field, "must be a string");
      return null;
    }
    return v.textValue();
  }

  private static Long optionalId(ObjectNode body, String field, Json.Fields f) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() <= 0) {
      f.error(field, "must be a positive integer id");
      return null;
    }
    return v.asLong();
  }

  private static Anchor.Input readAnchor(JsonNode node, Json.Fields f) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      f.error("anchor", "must be an object {\"exact\", \"prefix\", \"suffix\", \"start\", \"end\"}");
      return null;
    }
    Json.Fields a = new Json.Fields((ObjectNode) node);
    String exact = a.optionalText("exact", 4000);
    String prefix = a.optionalText("prefix", 400);
    String suffix = a.optionalText("suffix", 400);
    Integer start = offset(node, "start", f);
    Integer end = offset(node, "end", f);
    if (exact == null) {
      f.error("anchor.exact", "is required: the quoted text of the span (at most 4000 characters)");
    }
    return new Anchor.Input(exact, prefix, suffix, start, end);
  }

  private static Integer offset(JsonNode anchor, String field, Json.Fields f) {
    JsonNode v = anchor.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
      f.error("anchor." + field, "must be a non-negative integer (a code point offset)");
      return null;
    }
    return v.asInt();
  }
}
