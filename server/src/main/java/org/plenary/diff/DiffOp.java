package org.plenary.diff;

import java.util.Locale;
import java.util.Objects;

/** One run of a word diff: text kept, inserted or deleted. */
public record DiffOp(Type type, String text) {
  public enum Type {
    EQUAL, INSERT, DELETE;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DiffOp {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
  }
}
