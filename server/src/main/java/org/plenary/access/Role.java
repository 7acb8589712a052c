package org.plenary.access;

import java.util.Locale;

/** A participant's role in one negotiation. */
public enum Role {
  SECRETARIAT, FACILITATOR, DELEGATE, OBSERVER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromCode(String code) {
    for (Role r : values()) {
      if (r.code().equals(code)) {
        return r;
      }
    }
    return null;
  }
}
