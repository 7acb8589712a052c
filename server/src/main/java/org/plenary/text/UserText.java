package org.plenary.text;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks on text typed by users (titles, names, labels, emails): no control characters and no invisible
 * formatting characters that could reorder or hide what others read; person and delegation names and
 * emails also must not mix look-alike scripts (a Cyrillic "а" inside a Latin name), checked with ICU's
 * {@link SpoofChecker} at the "moderately restrictive" level of Unicode TR 39: Latin with one other script
 * such as Arabic ("WSIS+20 القمة") is fine, Latin with Cyrillic or Greek is not.
 */
public final class UserText {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
  private static final ThreadLocal<SpoofChecker> SPOOF = ThreadLocal.withInitial(() -> new SpoofChecker.Builder()
      .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
      .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS | SpoofChecker.INVISIBLE)
      .build());

  private UserText() {}

  /** A message saying what is wrong with a single-line name, or null when it is acceptable. */
  public static String problemWithName(String value) {
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isISOControl(cp)) {
        return "must not contain control characters such as line breaks or tabs";
      }
      if (isBidiControl(cp) || isZeroWidth(cp)) {
        return String.format("must not contain the invisible character U+%04X", cp);
      }
    }
    return null;
  }

  /**
   * Like {@link #problemWithName}, and the name must not mix confusable scripts: for people's and
   * delegations' names, which others trust to tell who is speaking.
   */
  public static String problemWithPersonName(String value) {
    String basic = problemWithName(value);
    if (basic != null) {
      return basic;
    }
    return spoofProblem(value);
  }

  /**
   * A message saying what is wrong with an email address, or null. Beyond the shape {@code x@y.z}: no
   * invisible characters at all (not even the joiners Arabic names may need), and neither part may mix
   * confusable scripts.
   */
  public static String problemWithEmail(String value) {
    String basic = problemWithName(value);
    if (basic != null) {
      return basic;
    }
    if (value.indexOf('\u200C') >= 0 || value.indexOf('\u200D') >= 0) {
      return "must not contain the invisible character U+" + (value.indexOf('\u200C') >= 0 ? "200C" : "200D");
    }
    if (!EMAIL.matcher(value).matches()) {
      return "must be an email address such as delegate@example.org";
    }
    int at = value.indexOf('@');
    String local = spoofProblem(value.substring(0, at));
    if (local != null) {
      return local;
    }
    return spoofProblem(value.substring(at + 1));
  }

  private static String spoofProblem(String value) {
    SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
    if (!SPOOF.get().failsChecks(value, result)) {
      return null;
    }
    if ((result.checks & SpoofChecker.MIXED_NUMBERS) != 0) {
      return "mixes digits of different systems (e.g. Arabic-Indic and Western digits), which can be confused";
    }
    if ((result.checks & SpoofChecker.INVISIBLE) != 0) {
      return "contains invisible combining marks that can hide a difference";
    }
    return "mixes scripts that look alike (" + String.join(", ", scripts(value))
        + "): a letter from one script hidden in a word of another can impersonate someone; type it in one script";
  }

  private static Set<String> scripts(String value) {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      int script = UScript.getScript(cp);
      if (script != UScript.COMMON && script != UScript.INHERITED && script != UScript.UNKNOWN) {
        out.add(UScript.getName(script));
      }
    }
    return out;
  }

  /** Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) and marks. */
  public static boolean isBidiControl(int cp) {
    return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200E || cp == 0x200F
        || cp == 0x061C;
  }

  /** Zero-width characters other than ZWNJ/ZWJ, which Arabic and Persian spelling needs. */
  public static boolean isZeroWidth(int cp) {
    return cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0x180E || cp == 0x2061 || cp == 0x2062
        || cp == 0x2063 || cp == 0x2064 || cp == 0x034F || cp == 0x00AD;
  }
}
