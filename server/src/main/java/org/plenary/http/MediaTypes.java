package org.plenary.http;

import java.util.Locale;

/** Media-type checks on Content-Type headers (parameters such as charset are ignored). */
public final class MediaTypes {
  public static final String PROBLEM_JSON = "application/problem+json";
  public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  private MediaTypes() {}

  public static String essence(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  public static boolean isJson(String contentType) {
    String e = essence(contentType);
    return e.equals("application/json") || e.endsWith("+json");
  }

  /** The charset parameter, or null. */
  public static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        return p.substring(8).replace("\"", "").trim();
      }
    }
    return null;
  }
}
