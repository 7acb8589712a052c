package org.plenary.http;

import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on, written as {@code application/problem+json} (RFC 9457). Thrown
 * anywhere in a request, it is turned into the response by {@link ProblemHandler}.
 */
public final class Problem extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, Object> extensions;

  /** A message about one input field ({@code "title"}, {@code "body"}, {@code "participants[2].email"}). */
  public record FieldError(String field, String message) {}

  public Problem(int status, String type, String title, String detail, List<FieldError> errors,
      Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.extensions = Map.copyOf(extensions);
  }

  public static Problem invalid(String field, String message) {
    return new Problem(400, "validation", "Invalid input", field + ": " + message,
        List.of(new FieldError(field, message)), Map.of());
  }

  public static Problem invalid(List<FieldError> errors) {
    String detail = errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message()
        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    return new Problem(400, "validation", "Invalid input", detail, errors, Map.of());
  }

  /** The problem a domain refusal is answered with: its kind decides the status. */
  public static Problem from(org.plenary.domain.DomainException e) {
    int status = switch (e.kind()) {
      case INVALID -> 400;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case PRECONDITION_REQUIRED -> 428;
      case PRECONDITION_FAILED -> 412;
    };
    String title = switch (e.kind()) {
      case INVALID -> "Invalid input";
      case FORBIDDEN -> "Not allowed";
      case NOT_FOUND -> "Not found";
      case CONFLICT -> "Conflict";
      case PRECONDITION_REQUIRED -> "If-Match required";
      case PRECONDITION_FAILED -> "Precondition failed";
    };
    return new Problem(status, e.type(), title, e.detail(),
        e.errors().stream().map(f -> new FieldError(f.field(), f.message())).toList(), e.extensions());
  }

  public static Problem notFound(String what) {
    return new Problem(404, "not-found", "Not found", what + " does not exist or is not visible to you",
        List.of(), Map.of());
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Authentication required", detail, List.of(), Map.of());
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Not allowed", detail, List.of(), Map.of());
  }

  public static Problem conflict(String type, String detail) {
    return new Problem(409, type, "Conflict", detail, List.of(), Map.of());
  }

  public static Problem of(int status, String type, String title, String detail) {
    return new Problem(status, type, title, detail, List.of(), Map.of());
  }

  public int status() {
    return status;
  }

  /** Short slug; rendered as {@code urn:plenary:problem:<slug>}. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
