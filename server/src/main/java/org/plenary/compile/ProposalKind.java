package org.plenary.compile;

import java.util.Locale;

/**
 * What a delegation's input does. Text changes (amend, insert, delete, retain) become amendments with
 * tracked changes; support, objection and reservation sit under the proposal they concern (or under the
 * paragraph when they name none); comments and questions sit under the paragraph.
 */
public enum ProposalKind {
  AMEND("MOD"), INSERT("ADD"), DELETE("SUP"), RETAIN("NOC"),
  SUPPORT(null), OBJECT(null), RESERVATION(null), COMMENT(null), QUESTION(null);

  private final String ituLabel;

  ProposalKind(String ituLabel) {
    this.ituLabel = ituLabel;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind for a stored or requested code; {@code insert_after} is the sample data's name for insert. */
  public static ProposalKind fromCode(String code) {
    String c = code.strip().toLowerCase(Locale.ROOT);
    if (c.equals("insert_after") || c.equals("insert-after")) {
      return INSERT;
    }
    if (c.equals("objection")) {
      return OBJECT;
    }
    for (ProposalKind k : values()) {
      if (k.code().equals(c)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown proposal kind " + code);
  }

  /** ITU's ADD / MOD / SUP / NOC, or null for input that does not change the text. */
  public String ituLabel() {
    return ituLabel;
  }

  /** Proposes text (or its deletion or retention) for the paragraph. */
  public boolean isAmendment() {
    return ituLabel != null;
  }

  /** Concerns another proposal when it names one. */
  public boolean isReaction() {
    return this == SUPPORT || this == OBJECT || this == RESERVATION;
  }
}
