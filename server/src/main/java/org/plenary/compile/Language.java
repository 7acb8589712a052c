package org.plenary.compile;

import java.util.Locale;

/** The language of the compilation's own labels ("Amendment", "تعديل") and of delegation names. */
public enum Language {
  AR, EN;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean rtl() {
    return this == AR;
  }
}
