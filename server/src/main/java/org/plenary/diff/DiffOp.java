package org.plenary.diff;

import java.util.Locale;
import java.util.Objects;

/**
 * One run of a word diff: text kept, inserted or deleted.
 *
 * @param type what happened to the run
 * @param text the run as it reads in the new text (for DELETE: in the old text)
 * @param oldText for an EQUAL run compared with options (diacritics, hamza, … ignored), the run as it read
 *     in the old text when that differs from {@code text}; null otherwise. Old text = EQUAL (old side) and
 *     DELETE runs; new text = EQUAL and INSERT runs.
 */
public record DiffOp(Type type, String text, String oldText) {
  public enum Type {
    EQUAL, INSERT, DELETE;

    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
      return code;
    }
  }

  public DiffOp {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    if (oldText != null && (type != Type.EQUAL || oldText.equals(text))) {
      throw new IllegalArgumentException("oldText is only for EQUAL runs whose old text differs");
    }
  }

  public DiffOp(Type type, String text) {
    this(type, text, null);
  }

  /** The run as it read in the old text ("" for an insertion). */
  public String oldSide() {
    return switch (type) {
      case EQUAL -> oldText != null ? oldText : text;
      case DELETE -> text;
      case INSERT -> "";
    };
  }

  /** The run as it reads in the new text ("" for a deletion). */
  public String newSide() {
    return type == Type.DELETE ? "" : text;
  }
}
