package org.plenary.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Sample drafts copied into the test resources (tests never read ../shared). */
public final class Samples {
  private Samples() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource samples/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /** The id of the paragraph of an uploaded revision (its JSON) whose text contains {@code quote}. */
  public static long paragraphWith(com.fasterxml.jackson.databind.JsonNode revision, String quote) {
    for (com.fasterxml.jackson.databind.JsonNode p : revision.get("paragraphs")) {
      if (p.get("text").asText().contains(quote)) {
        return p.get("id").asLong();
      }
    }
    throw new AssertionError("no paragraph contains " + quote);
  }
}
