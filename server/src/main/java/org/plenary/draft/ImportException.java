package org.plenary.draft;

/** The uploaded draft cannot be read; the message says why in terms the uploader can act on. */
public final class ImportException extends Exception {
  private final String field;

  public ImportException(String field, String message) {
    super(message);
    this.field = field;
  }

  public ImportException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /** The part of the request at fault: "body", "label", … */
  public String field() {
    return field;
  }
}
