package org.plenary.domain;

import java.util.List;
import java.util.Map;

/**
 * A rule of the domain refused an operation. Domain services throw it with no knowledge of HTTP; the
 * {@code http} layer maps each {@link Kind} to its status and writes {@code application/problem+json}.
 *
 * <pre>
 *   throw DomainException.conflict("merge-conflict", "p1 and p12 change the same words", Map.of("ops", ops));
 *   throw DomainException.invalid("text", "must not be blank");
 * </pre>
 */
public final class DomainException extends RuntimeException {
  /** What went wrong, independent of any protocol. */
  public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, PRECONDITION_REQUIRED, PRECONDITION_FAILED }

  /** A message about one input field ({@code "text"}, {@code "proposals[2]"}). */
  public record FieldError(String field, String message) {}

  private final Kind kind;
  private final String type;
  private final List<FieldError> errors;
  private final Map<String, Object> extensions;

  public DomainException(Kind kind, String type, String detail, List<FieldError> errors, Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
    this.type = java.util.Objects.requireNonNull(type, "type");
    this.errors = List.copyOf(errors);
    this.extensions = Map.copyOf(extensions);
  }

  public static DomainException invalid(String field, String message) {
    return new DomainException(Kind.INVALID, "validation", field + ": " + message,
        List.of(new FieldError(field, message)), Map.of());
  }

  /** Several fields at once; the detail names the first. */
  public static DomainException invalid(List<FieldError> errors) {
    String detail = errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message()
        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    return new DomainException(Kind.INVALID, "validation", detail, errors, Map.of());
  }

  public static DomainException notFound(String what) {
    return new DomainException(Kind.NOT_FOUND, "not-found", what + " does not exist or is not visible to you",
        List.of(), Map.of());
  }

  public static DomainException forbidden(String detail) {
    return new DomainException(Kind.FORBIDDEN, "forbidden", detail, List.of(), Map.of());
  }

  public static DomainException conflict(String type, String detail) {
    return conflict(type, detail, Map.of());
  }

  public static DomainException conflict(String type, String detail, Map<String, Object> extensions) {
    return new DomainException(Kind.CONFLICT, type, detail, List.of(), extensions);
  }

  public static DomainException preconditionRequired(String field, String detail, Map<String, Object> extensions) {
    return new DomainException(Kind.PRECONDITION_REQUIRED, "precondition-required", detail,
        List.of(new FieldError(field, "is required")), extensions);
  }

  public static DomainException preconditionFailed(String detail, Map<String, Object> extensions) {
    return new DomainException(Kind.PRECONDITION_FAILED, "precondition-failed", detail, List.of(), extensions);
  }

  public Kind kind() {
    return kind;
  }

  /** Short slug of the problem type ({@code merge-conflict}, {@code validation}). */
  public String type() {
    return type;
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
