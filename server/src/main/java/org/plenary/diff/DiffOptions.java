package org.plenary.diff;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.plenary.text.Normaliser;
import org.plenary.text.Normaliser.Ignore;

/**
 * How to compare: what to ignore (see {@link Ignore}) and whether to merge tiny equalities between
 * changes into phrase replacements (on by default: a redline reads "replaced A by B", not confetti).
 *
 * <pre>
 *   WordDiff.diff(oldText, newText, DiffOptions.ignoring(Ignore.DIACRITICS, Ignore.HAMZA))
 * </pre>
 */
public record DiffOptions(Set<Ignore> ignore, boolean cleanup) {
  public static final DiffOptions EXACT = new DiffOptions(Set.of(), true);

  public DiffOptions {
    Objects.requireNonNull(ignore, "ignore");
    ignore = ignore.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ignore));
  }

  public static DiffOptions ignoring(Ignore... options) {
    return new DiffOptions(options.length == 0 ? Set.of() : EnumSet.of(options[0], options), true);
  }

  public DiffOptions withCleanup(boolean on) {
    return new DiffOptions(ignore, on);
  }

  public Normaliser normaliser() {
    return Normaliser.of(ignore);
  }

  /** Whether white space runs are compared as one space and space-only changes vanish. */
  public boolean ignoresWhitespace() {
    return ignore.contains(Ignore.WHITESPACE);
  }

  /**
   * Parses a comma-separated list such as {@code "diacritics,tatweel,hamza"}; {@code "all"} ignores
   * everything, blank ignores nothing.
   *
   * @throws IllegalArgumentException naming the unknown items and the known ones
   */
  public static DiffOptions parse(String ignoreList) {
    if (ignoreList == null || ignoreList.isBlank()) {
      return EXACT;
    }
    EnumSet<Ignore> set = EnumSet.noneOf(Ignore.class);
    List<String> unknown = new ArrayList<>();
    for (String item : ignoreList.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      if (item.strip().equalsIgnoreCase("all")) {
        set.addAll(EnumSet.allOf(Ignore.class));
        continue;
      }
      Ignore i = Ignore.fromCode(item);
      if (i == null) {
        unknown.add(item.strip());
      } else {
        set.add(i);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown " + (unknown.size() == 1 ? "option " : "options ")
          + String.join(", ", unknown) + "; known: " + String.join(", ", codes()) + ", all");
    }
    return new DiffOptions(set, true);
  }

  public static List<String> codes() {
    return EnumSet.allOf(Ignore.class).stream().map(Ignore::code).toList();
  }

  /** The ignored options as codes, in a stable order. */
  public List<String> ignoreCodes() {
    return ignore.isEmpty() ? List.of() : EnumSet.copyOf(ignore).stream().map(Ignore::code).toList();
  }
}
