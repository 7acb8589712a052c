package org.plenary.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.plenary.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every error leaves the server as {@code application/problem+json}
 * (RFC 9457). Unexpected exceptions are logged with an id and answered with that id, never a stack trace.
 */
public final class ProblemHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    write(ctx, problem);
  }

  public static void write(RoutingContext ctx, Problem problem) {
    ObjectNode body = body(problem, ctx.request().path());
    if (problem.extensions().get("retryAfter") instanceof Integer seconds) {
      ctx.response().putHeader("Retry-After", String.valueOf(seconds));
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", MediaTypes.PROBLEM_JSON + "; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(Buffer.buffer(Json.bytes(body)));
  }

  /** A problem as RFC 9457 JSON: type, title, status, detail, instance, field errors and extensions. */
  public static ObjectNode body(Problem problem, String instance) {
    ObjectNode body = Json.object();
    body.put("type", "urn:plenary:problem:" + problem.type());
    body.put("title", problem.title());
    body.put("status", problem.status());
    if (problem.detail() != null) {
      body.put("detail", problem.detail());
    }
    body.put("instance", instance);
    if (!problem.errors().isEmpty()) {
      ArrayNode errors = body.putArray("errors");
      for (Problem.FieldError e : problem.errors()) {
        errors.addObject().put("field", e.field()).put("message", e.message());
      }
    }
    for (Map.Entry<String, Object> ext : problem.extensions().entrySet()) {
      if (body.has(ext.getKey())) {
        continue; // an extension never replaces a member RFC 9457 defines (type, title, status, detail, instance)
      }
      body.set(ext.getKey(), Json.MAPPER.valueToTree(ext.getValue()));
    }
    return body;
  }

  private static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    while (failure != null && !(failure instanceof Problem) && !(failure instanceof DomainException)
        && failure.getCause() != null && failure.getCause() != failure && isWrapper(failure)) {
      failure = failure.getCause();
    }
    if (failure instanceof Problem p) {
      return p;
    }
    if (failure instanceof DomainException d) {
      return Problem.from(d);
    }
    int status = ctx.statusCode();
    if (failure == null || status > 0 && status != 500) {
      return forStatus(status <= 0 ? 500 : status, ctx);
    }
    String incident = Long.toHexString(System.nanoTime());
    LOG.error("unexpected failure {} on {} {}", incident, ctx.request().method(), ctx.request().path(), failure);
    return new Problem(500, "internal", "Internal error",
        "the server failed unexpectedly; incident " + incident + " is logged", java.util.List.of(),
        Map.of("incident", incident));
  }

  private static boolean isWrapper(Throwable t) {
    return t instanceof java.util.concurrent.CompletionException
        || t instanceof org.jooq.exception.DataAccessException && refusal(t.getCause())
        || t.getClass() == RuntimeException.class && refusal(t.getCause());
  }

  private static boolean refusal(Throwable t) {
    return t instanceof Problem || t instanceof DomainException;
  }

  private static Problem forStatus(int status, RoutingContext ctx) {
    return switch (status) {
      case 400 -> Problem.of(400, "bad-request", "Bad request", "the request could not be read");
      case 401 -> Problem.unauthorized("log in first: POST /api/v1/session");
      case 403 -> Problem.forbidden("not allowed");
      case 404 -> Problem.notFound(ctx.request().path());
      case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed",
          ctx.request().method() + " is not supported on " + ctx.request().path());
      case 413 -> Problem.of(413, "payload-too-large", "Payload too large",
          "the request body is larger than the server accepts");
      case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "this content type is not accepted here");
      default -> Problem.of(status, "http-" + status, "HTTP " + status, "request failed with status " + status);
    };
  }
}
