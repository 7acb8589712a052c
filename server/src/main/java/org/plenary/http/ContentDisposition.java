package org.plenary.http;

import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition} values (RFC 6266) for downloads whose names may be Arabic. */
public final class ContentDisposition {
  private ContentDisposition() {}

  /**
   * {@code attachment} with an ASCII {@code filename} (other characters as "_") for old clients and the exact
   * name as {@code filename*} (RFC 8187, UTF-8, percent-encoded) for the others.
   *
   * <pre>
   *   attachment("القرار 88.docx") → attachment; filename="_______ 88.docx"; filename*=UTF-8''%D8%A7…%2088.docx
   * </pre>
   */
  public static String attachment(String name) {
    StringBuilder ascii = new StringBuilder();
    StringBuilder encoded = new StringBuilder();
    name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
