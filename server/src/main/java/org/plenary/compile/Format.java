package org.plenary.compile;

import java.util.Locale;

/** The formats of the consolidated document, with their media types and file extensions. */
public enum Format {
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
  HTML("text/html; charset=utf-8", "html"),
  MD("text/markdown; charset=utf-8", "md"),
  JSON("application/json; charset=utf-8", "json"),
  CSV("text/csv; charset=utf-8; header=present", "csv");

  private final String mediaType;
  private final String extension;

  Format(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  public Exporter exporter() {
    return switch (this) {
      case DOCX -> new DocxExporter();
      case HTML -> new HtmlExporter();
      case MD -> new MarkdownExporter();
      case JSON -> new JsonExporter();
      case CSV -> new CsvExporter();
    };
  }

  /** The format for a {@code format=} value ("markdown" reads as md), or null. */
  public static Format fromCode(String code) {
    String c = code.strip().toLowerCase(Locale.ROOT);
    if (c.equals("markdown")) {
      return MD;
    }
    for (Format f : values()) {
      if (f.extension.equals(c)) {
        return f;
      }
    }
    return null;
  }
}
