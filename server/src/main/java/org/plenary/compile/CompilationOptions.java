package org.plenary.compile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What goes into a compilation and how it reads.
 *
 * @param delegations keep only input by, on behalf of, or co-sponsored by these delegations (empty: all)
 * @param groups keep only input on behalf of these groups or by their members (empty: all)
 * @param kinds keep only these kinds (empty: all)
 * @param states keep only input in these states (empty: every state except withdrawn)
 * @param from first paragraph position (the revision's {@code position}, 0-based), or null
 * @param to last paragraph position, inclusive, or null
 * @param attributed false for the non-attributed mode of late readings: no delegation names anywhere
 * @param language labels and delegation names in Arabic or English
 * @param rationale include the rationales
 * @param ignoreDiacritics group proposals whose texts differ only in Arabic diacritics or tatweel
 * @param emptyParagraphs also list paragraphs that received no input
 * @param layout list or table (DOCX and HTML)
 * @param itu show ITU's ADD / MOD / SUP / NOC beside each amendment's kind
 * @param wordComments DOCX: also make comments, questions and reservations real Word comments
 *     ({@code word/comments.xml}), anchored to their paragraph, span or amendment
 */
public record CompilationOptions(Set<String> delegations, Set<String> groups, Set<ProposalKind> kinds,
    Set<String> states, Integer from, Integer to, boolean attributed, Language language, boolean rationale,
    boolean ignoreDiacritics, boolean emptyParagraphs, Layout layout, boolean itu, boolean wordComments) {

  public static final CompilationOptions DEFAULT = new CompilationOptions(Set.of(), Set.of(), Set.of(), Set.of(),
      null, null, true, Language.EN, true, false, true, Layout.LIST, false, false);

  public CompilationOptions(Set<String> delegations, Set<String> groups, Set<ProposalKind> kinds,
      Set<String> states, Integer from, Integer to, boolean attributed, Language language, boolean rationale,
      boolean ignoreDiacritics, boolean emptyParagraphs, Layout layout, boolean itu) {
    this(delegations, groups, kinds, states, from, to, attributed, language, rationale, ignoreDiacritics,
        emptyParagraphs, layout, itu, false);
  }

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final Set<String> KNOWN = Set.of("format", "delegation", "group", "kind", "state", "from", "to",
      "attributed", "lang", "rationale", "diacritics", "empty", "layout", "itu", "wordComments");

  public CompilationOptions {
    delegations = Set.copyOf(delegations);
    groups = Set.copyOf(groups);
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    states = Set.copyOf(states);
  }

  public CompilationOptions withLanguage(Language l) {
    return new CompilationOptions(delegations, groups, kinds, states, from, to, attributed, l, rationale,
        ignoreDiacritics, emptyParagraphs, layout, itu, wordComments);
  }

  public CompilationOptions withWordComments(boolean on) {
    return new CompilationOptions(delegations, groups, kinds, states, from, to, attributed, language, rationale,
        ignoreDiacritics, emptyParagraphs, layout, itu, on);
  }

  /** Bad options, each with the parameter it concerns. */
  public static final class Invalid extends IllegalArgumentException {
    private final transient List<Map.Entry<String, String>> errors;

    Invalid(List<Map.Entry<String, String>> errors) {
      super(errors.get(0).getKey() + ": " + errors.get(0).getValue());
      this.errors = List.copyOf(errors);
    }

    /** Parameter → message. */
    public List<Map.Entry<String, String>> errors() {
      return errors;
    }
  }

  /**
   * Reads options from query parameters; every bad one is reported at once.
   *
   * <pre>
   *   ?delegation=EGY,SAU&kind=amend,delete&from=10&to=25&attributed=false&lang=ar&rationale=false
   * </pre>
   *
   * @param defaultLanguage the labels' language when {@code lang} is absent (the draft's language)
   */
  public static CompilationOptions parse(Map<String, List<String>> params, Language defaultLanguage) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    for (String name : params.keySet()) {
      if (!KNOWN.contains(name)) {
        errors.add(Map.entry(name, "unknown option; known: " + String.join(", ", KNOWN.stream().sorted().toList())));
      }
    }
    Set<String> delegations = codes(params, "delegation", errors);
    Set<String> groups = codes(params, "group", errors);
    Set<ProposalKind> kinds = EnumSet.noneOf(ProposalKind.class);
    for (String k : list(params, "kind")) {
      try {
        kinds.add(ProposalKind.fromCode(k));
      } catch (IllegalArgumentException e) {
        errors.add(Map.entry("kind", "unknown kind \"" + k + "\"; use amend, insert, delete, retain, support, object, "
            + "reservation, comment or question"));
      }
    }
    Set<String> states = new LinkedHashSet<>();
    for (String s : list(params, "state")) {
      if (!CODE.matcher(s).matches()) {
        errors.add(Map.entry("state", "\"" + s + "\" is not a state name"));
      } else {
        states.add(s.toLowerCase(Locale.ROOT));
      }
    }
    Integer from = position(params, "from", errors);
    Integer to = position(params, "to", errors);
    if (from != null && to != null && from > to) {
      errors.add(Map.entry("to", "must not be before from (" + from + ")"));
    }
    boolean attributed = bool(params, "attributed", true, errors);
    Language language = defaultLanguage;
    String lang = single(params, "lang", errors);
    if (lang != null) {
      switch (lang.toLowerCase(Locale.ROOT)) {
        case "ar" -> language = Language.AR;
        case "en" -> language = Language.EN;
        default -> errors.add(Map.entry("lang", "must be ar or en"));
      }
    }
    boolean rationale = bool(params, "rationale", true, errors);
    String diacritics = single(params, "diacritics", errors);
    boolean ignoreDiacritics = false;
    if (diacritics != null) {
      switch (diacritics.toLowerCase(Locale.ROOT)) {
        case "ignore" -> ignoreDiacritics = true;
        case "respect" -> ignoreDiacritics = false;
        default -> errors.add(Map.entry("diacritics", "must be ignore or respect"));
      }
    }
    boolean empty = bool(params, "empty", true, errors);
    Layout layout = Layout.LIST;
    String l = single(params, "layout", errors);
    if (l != null) {
      switch (l.toLowerCase(Locale.ROOT)) {
        case "list" -> layout = Layout.LIST;
        case "table" -> layout = Layout.TABLE;
        default -> errors.add(Map.entry("layout", "must be list or table"));
      }
    }
    boolean itu = bool(params, "itu", false, errors);
    boolean wordComments = bool(params, "wordComments", false, errors);
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    return new CompilationOptions(delegations, groups, kinds, states, from, to, attributed, language, rationale,
        ignoreDiacritics, empty, layout, itu, wordComments);
  }

  private static List<String> list(Map<String, List<String>> params, String name) {
    List<String> out = new ArrayList<>();
    for (String v : params.getOrDefault(name, List.of())) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private static Set<String> codes(Map<String, List<String>> params, String name,
      List<Map.Entry<String, String>> errors) {
    Set<String> out = new LinkedHashSet<>();
    for (String c : list(params, name)) {
      if (!CODE.matcher(c).matches()) {
        errors.add(Map.entry(name, "\"" + c + "\" is not a delegation code (letters, digits, - or _)"));
      } else {
        out.add(c.toUpperCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static String single(Map<String, List<String>> params, String name, List<Map.Entry<String, String>> errors) {
    List<String> v = params.getOrDefault(name, List.of());
    if (v.isEmpty()) {
      return null;
    }
    if (v.size() > 1) {
      errors.add(Map.entry(name, "give it once"));
      return null;
    }
    return v.get(0).strip();
  }

  private static Integer position(Map<String, List<String>> params, String name,
      List<Map.Entry<String, String>> errors) {
    String v = single(params, name, errors);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    errors.add(Map.entry(name, "must be a paragraph position (0 or more)"));
    return null;
  }

  private static boolean bool(Map<String, List<String>> params, String name, boolean dflt,
      List<Map.Entry<String, String>> errors) {
    String v = single(params, name, errors);
    if (v == null) {
      return dflt;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> {
        errors.add(Map.entry(name, "must be true or false"));
        yield dflt;
      }
    };
  }
}
