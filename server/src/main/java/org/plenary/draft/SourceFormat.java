package org.plenary.draft;

/** The formats a revision can be uploaded in. */
public enum SourceFormat {
  TEXT("text/plain"),
  MARKDOWN("text/markdown"),
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

  private final String mediaType;

  SourceFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The format for a Content-Type essence, or null when it is not one we read. */
  public static SourceFormat forMediaType(String essence) {
    for (SourceFormat f : values()) {
      if (f.mediaType.equals(essence)) {
        return f;
      }
    }
    if (essence.equals("text/x-markdown")) {
      return MARKDOWN;
    }
    return null;
  }
}
