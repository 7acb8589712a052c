package org.plenary.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenary.text.Folding;
import org.plenary.text.Numbering;

/**
 * Recognises the structure of a resolution or report in a sequence of source blocks: title, subtitle,
 * the acting body ("The General Assembly," / "إن المؤتمر …،"), preambular and operative block headings
 * ("Recalling", "إذ يذكّر", "resolves", "يقرر"), their lettered and numbered items, sub-paragraphs,
 * footnotes (attached to the paragraph citing them), annexes, and report sections with numbered paragraphs
 * (Arabic reports write paragraph 2 of section 1 as "2.1").
 *
 * <p>It reads one block after another with a little state (the current heading, section, numbered and
 * lettered paragraph) and never fails: text it cannot place is kind {@code text}.
 */
final class StructureRecognizer {
  private static final Set<String> AR_OPERATIVE = Set.of("يقرر", "يدعو", "يكلف", "يطلب", "يحث", "يشجع", "يوعز",
      "يناشد", "يعلن", "يرحب", "يؤيد", "يوافق", "يعتمد", "يوصي", "يعيد", "يقر", "تقرر", "تدعو", "تكلف", "تطلب", "تحث",
      "تشجع", "توعز", "تناشد", "تعلن", "ترحب", "تؤيد", "توافق", "تعتمد", "توصي", "تعيد", "تقر", "تؤكد", "يؤكد",
      // the General Assembly's other operative verbs ("calls upon", "takes note", "demands", "stresses",
      // "expresses", "reiterates", "condemns", "recognizes", "notes"); its preambular forms start with إذ/وإذ
      "تهيب", "يهيب", "تحيط", "يحيط", "تطالب", "يطالب", "تشدد", "يشدد", "تعرب", "يعرب", "تكرر", "يكرر", "تدين",
      "يدين", "تسلم", "يسلم", "تلاحظ", "يلاحظ");
  private static final Set<String> EN_PREAMBULAR = Set.of("recalling", "noting", "considering", "recognizing",
      "recognising", "bearing", "taking", "having", "aware", "conscious", "convinced", "emphasizing", "emphasising",
      "reaffirming", "welcoming", "acknowledging", "concerned", "expressing", "mindful", "observing", "guided",
      "deeply", "underlining", "stressing", "believing", "affirming", "alarmed", "seeking", "reiterating",
      "determined", "desirous", "appreciating", "highlighting", "referring", "cognizant", "realizing", "realising");
  private static final Set<String> EN_OPERATIVE = Set.of("decides", "resolves", "invites", "requests", "instructs",
      "urges", "encourages", "calls", "recommends", "endorses", "approves", "adopts", "authorizes", "authorises",
      "reaffirms", "notes", "takes", "expresses", "affirms", "stresses", "underlines", "supports", "appeals",
      "designates", "declares", "proclaims", "reiterates", "charges", "welcomes", "emphasizes", "emphasises",
      "recognizes", "recognises", "acknowledges", "commends", "entrusts", "agrees", "accepts", "condemns", "demands",
      "deplores", "regrets", "asks", "directs", "tasks", "instruct", "resolve", "decide");
  private static final Set<String> EN_LEADING = Set.of("and", "further", "also", "furthermore");
  private static final Set<String> ANNEX = Set.of("annex", "appendix", "attachment", "الملحق", "ملحق", "المرفق",
      "مرفق", "الضميمة");
  private static final Pattern TITLE = Pattern.compile(
      "^(?:resolution|draft resolution|decision|draft decision|recommendation|draft recommendation|report|"
          + "القرار|قرار|مشروع القرار|مشروع قرار|المقرر|مشروع مقرر|التوصية|مشروع توصية|تقرير)(?:\\s|$).*");
  private static final Pattern SYMBOL = Pattern.compile("^[A-Z]{1,8}[0-9]*(?:/[A-Za-z0-9.()\\-]+)+$");
  private static final Pattern SEPARATOR = Pattern.compile("^[_\\-=*~·•.]{3,}$");
  private static final Pattern BULLET = Pattern.compile("^[-–—•·▪◦*][ \\t\\u00A0]+(\\S.*)", Pattern.DOTALL);
  private static final Pattern FOOTNOTE_SUP = Pattern.compile("^([¹²³\\u2070\\u2074-\\u2079]+)[ \\t\\u00A0]*(\\S.*)",
      Pattern.DOTALL);
  private static final Pattern FOOTNOTE_BRACKET = Pattern.compile("^\\[(\\d{1,3})\\][ \\t\\u00A0]*(\\S.*)",
      Pattern.DOTALL);
  /** "Alt 2", "[Alt.2: …]", "Option 2", "Alternative 2", "البديل ١", "الخيار 2" at the start of a paragraph. */
  private static final Pattern ALT = Pattern.compile(
      "^\\[?[ \\u00A0]*((Alt\\.?|ALT\\.?|Alternative|Option|البديل|بديل|الخيار|خيار)[ \\u00A0]*"
          + "([0-9\\u0660-\\u0669]{1,2}))(?![0-9\\u0660-\\u0669]).*",
      Pattern.DOTALL);

  private enum Block { NONE, PREAMBLE, OPERATIVE, OTHER }

  private final List<SourceBlock> blocks;
  private final List<DraftParagraph> out = new ArrayList<>();
  private final boolean reportMode;
  /** Each block's text, cleaned once. */
  private final String[] cleaned;
  private final java.util.Map<String, Integer> lastCiting = new java.util.HashMap<>();

  private boolean body;
  private boolean seenSubtitle;
  private boolean seenHeading;
  private int container = -1;
  private int heading = -1;
  private Block block = Block.NONE;
  private int section = -1;
  private int numbered = -1;
  private int lettered = -1;
  private int letterOrdinal;
  private int romanValue;
  private int listOwner = -1;

  private StructureRecognizer(List<SourceBlock> blocks) {
    this.blocks = blocks;
    this.cleaned = new String[blocks.size()];
    int reportNumbers = 0;
    for (int i = 0; i < blocks.size(); i++) {
      cleaned[i] = clean(blocks.get(i).text());
      if (Marker.read(cleaned[i], 0, 0).type() == Marker.Type.REPORT) {
        reportNumbers++;
      }
    }
    this.reportMode = reportNumbers >= 2;
  }

  static ImportedDraft recognise(List<SourceBlock> blocks) {
    StructureRecognizer r = new StructureRecognizer(blocks);
    for (int i = 0; i < blocks.size(); i++) {
      r.accept(i);
    }
    return new ImportedDraft(r.out);
  }

  /** Whitespace runs made one space, invisible bidi controls (formatting noise that can hide text) removed. */
  static String clean(String raw) {
    StringBuilder b = new StringBuilder(raw.length());
    boolean space = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F'
          || c == '\u061C' || c == '\u200B' || c == '\uFEFF' || Character.isISOControl(c) && !Character.isWhitespace(c)) {
        continue;
      }
      if (Character.isWhitespace(c) || c == '\u00A0') {
        space = true;
        continue;
      }
      if (space && b.length() > 0) {
        b.append(' ');
      }
      space = false;
      b.append(c);
    }
    return b.toString();
  }

  private static boolean indented(String raw) {
    int spaces = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\t') {
        return true;
      } else if (c == ' ' || c == '\u00A0') {
        spaces++;
      } else {
        break;
      }
    }
    return spaces >= 4;
  }

  private void accept(int index) {
    SourceBlock source = blocks.get(index);
    String text = cleaned[index];
    if (text.isEmpty() || SEPARATOR.matcher(text).matches()) {
      return;
    }
    if (text.length() > DraftReader.MAX_PARAGRAPH_CHARS) {
      text = text.substring(0, DraftReader.MAX_PARAGRAPH_CHARS);
    }
    boolean bullet = source.hint() == SourceBlock.Hint.BULLET;
    Matcher bm = BULLET.matcher(text);
    if (bm.matches()) {
      bullet = true;
      text = bm.group(1);
    }
    if (footnote(source, text)) {
      return;
    }
    Marker m = Marker.read(text, letterOrdinal, romanValue);
    String rest = m.rest();
    if (!body && front(source, m, rest, bullet, index)) {
      return;
    }
    body = true;
    classify(source, m, rest, bullet, indented(source.text()), index);
  }

  /** A footnote's text: attached to the nearest paragraph before it that cites its marker. */
  private boolean footnote(SourceBlock source, String text) {
    Matcher sup = FOOTNOTE_SUP.matcher(text);
    Matcher br = FOOTNOTE_BRACKET.matcher(text);
    String marker;
    String rest;
    if (sup.matches()) {
      marker = sup.group(1);
      rest = sup.group(2);
    } else if (br.matches()) {
      marker = "[" + br.group(1) + "]";
      rest = br.group(2);
    } else {
      return false;
    }
    String key = marker.startsWith("[") ? marker.substring(1, marker.length() - 1) : superscriptDigits(marker);
    int parent = lastCiting.getOrDefault(key, -1);
    if (parent < 0 && source.hint() != SourceBlock.Hint.FOOTNOTE && !sup.matches()) {
      // "[1] text" that nothing cites is more likely bracketed text than a footnote.
      return false;
    }
    add(ParagraphKind.FOOTNOTE, marker, parent, rest);
    return true;
  }

  /** The digits of a superscript number ("¹²" → "12"). */
  private static String superscriptDigits(String sup) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < sup.length(); i++) {
      digits.append(Numbering.superscriptValue(sup.charAt(i)));
    }
    return digits.toString();
  }

  /**
   * Remembers the footnotes a paragraph cites (superscript numbers and "[n]"), so that a footnote's text
   * finds its citing paragraph in constant time however long the draft.
   */
  private void noteCitations(String text, int index) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Numbering.superscriptValue(c) >= 0) {
        int end = i;
        while (end < text.length() && Numbering.superscriptValue(text.charAt(end)) >= 0) {
          end++;
        }
        lastCiting.put(superscriptDigits(text.substring(i, end)), index);
        i = end - 1;
      } else if (c == '[') {
        int end = i + 1;
        while (end < text.length() && end - i <= 4 && Character.isDigit(text.charAt(end))) {
          end++;
        }
        if (end > i + 1 && end < text.length() && text.charAt(end) == ']') {
          lastCiting.put(Numbering.westernDigits(text.substring(i + 1, end)), index);
        }
      }
    }
  }

  /** The front matter before the body: title lines and subtitles. Returns false when the body starts here. */
  private boolean front(SourceBlock source, Marker m, String rest, boolean bullet, int index) {
    if (source.hint() == SourceBlock.Hint.TITLE) {
      add(ParagraphKind.TITLE, null, -1, rest);
      return true;
    }
    if (source.hint() == SourceBlock.Hint.SUBTITLE) {
      seenSubtitle = true;
      add(ParagraphKind.SUBTITLE, null, -1, rest);
      return true;
    }
    if (m.type() != Marker.Type.NONE || bullet || isAuthority(rest) || keyword(rest) != Block.NONE
        || isAnnex(rest) || isProse(rest)) {
      return false;
    }
    boolean titleLike = TITLE.matcher(Folding.fold(rest)).matches() || SYMBOL.matcher(rest).matches();
    if (out.isEmpty() || titleLike && !seenSubtitle) {
      add(ParagraphKind.TITLE, null, -1, rest);
      return true;
    }
    if (seenSubtitle && isHeadingLike(rest) && nextIsProse(index)) {
      return false;
    }
    seenSubtitle = true;
    add(ParagraphKind.SUBTITLE, null, -1, rest);
    return true;
  }

  private void classify(SourceBlock source, Marker m, String rest, boolean bullet, boolean indented, int index) {
    SourceBlock.Hint hint = source.hint();
    if (hint == SourceBlock.Hint.TITLE || hint == SourceBlock.Hint.SUBTITLE) {
      add(hint == SourceBlock.Hint.TITLE ? ParagraphKind.TITLE : ParagraphKind.SUBTITLE, m.display(), container, rest);
      return;
    }
    if (m.type() == Marker.Type.NONE && isAnnex(rest)) {
      container = add(ParagraphKind.ANNEX, null, -1, rest);
      resetTo(Block.NONE);
      heading = -1;
      section = -1;
      seenHeading = false;
      return;
    }
    if (m.type() == Marker.Type.NONE && !bullet && isAuthority(rest)) {
      add(ParagraphKind.AUTHORITY, null, container, rest);
      return;
    }
    if (m.type() == Marker.Type.NONE && !bullet && alternative(rest)) {
      return;
    }
    boolean inReportSection = reportMode && section >= 0;
    Block kw = inReportSection ? Block.NONE : keyword(rest);
    switch (m.type()) {
      case REPORT -> {
        int parent = section >= 0 ? section : heading >= 0 ? heading : container;
        numbered = add(ParagraphKind.REPORT_PARAGRAPH, m.display(), parent, rest);
        letterOrdinal = 0;
        lettered = -1;
        romanValue = 0;
        listOwner = endsWithColon(rest) ? numbered : -1;
      }
      case NUMBER -> number(m, rest, hint, kw);
      case LETTER, ARABIC_LETTER -> letter(m, rest);
      case ROMAN -> {
        int parent = lettered >= 0 ? lettered : numbered >= 0 ? numbered : listOwner >= 0 ? listOwner : last();
        add(parent >= 0 ? ParagraphKind.SUBPARAGRAPH : ParagraphKind.TEXT, m.display(), parent, rest);
        romanValue = m.first();
      }
      case NONE -> unnumbered(rest, hint, kw, bullet, indented, index);
    }
  }

  private void number(Marker m, String rest, SourceBlock.Hint hint, Block kw) {
    if (hint == SourceBlock.Hint.HEADING || reportMode && kw == Block.NONE && isHeadingLike(rest)) {
      section = add(ParagraphKind.SECTION, m.display(), container, rest);
      heading = -1;
      resetTo(Block.OTHER);
      return;
    }
    if (reportMode && (section >= 0 || block == Block.NONE || block == Block.OTHER) && kw == Block.NONE) {
      numbered = add(ParagraphKind.REPORT_PARAGRAPH, m.display(), section >= 0 ? section : parentForItems(), rest);
      afterNumbered(rest);
      return;
    }
    if (kw != Block.NONE && heading >= 0 && kw != block && (block == Block.PREAMBLE || block == Block.OPERATIVE)) {
      // "3. Requests …" after a preambular heading: a paragraph of the other part is not that heading's item.
      heading = -1;
      block = kw;
    }
    Block kind = kw != Block.NONE ? kw : block;
    ParagraphKind k = kind == Block.PREAMBLE ? ParagraphKind.PREAMBULAR
        : kind == Block.OPERATIVE || seenHeading ? ParagraphKind.OPERATIVE : ParagraphKind.TEXT;
    numbered = add(k, m.display(), parentForItems(), rest);
    if (kw != Block.NONE && block != kw && heading < 0) {
      block = kw;
    }
    afterNumbered(rest);
  }

  private void afterNumbered(String rest) {
    lettered = -1;
    letterOrdinal = 0;
    romanValue = 0;
    listOwner = endsWithColon(rest) ? numbered : -1;
  }

  private void letter(Marker m, String rest) {
    ParagraphKind kind;
    int parent;
    if (listOwner >= 0) {
      kind = ParagraphKind.SUBPARAGRAPH;
      parent = listOwner;
    } else if (numbered >= 0) {
      kind = ParagraphKind.SUBPARAGRAPH;
      parent = numbered;
    } else if (block == Block.PREAMBLE && heading >= 0) {
      kind = ParagraphKind.PREAMBULAR;
      parent = heading;
    } else if (block == Block.OPERATIVE && heading >= 0) {
      kind = ParagraphKind.OPERATIVE;
      parent = heading;
    } else {
      parent = heading >= 0 ? heading : section >= 0 ? section : last();
      kind = parent >= 0 ? ParagraphKind.SUBPARAGRAPH : ParagraphKind.TEXT;
    }
    lettered = add(kind, m.display(), parent, rest);
    letterOrdinal = m.first();
    romanValue = 0;
  }

  private void unnumbered(String rest, SourceBlock.Hint hint, Block kw, boolean bullet, boolean indented, int index) {
    boolean alt = altNumber(rest) > 0;
    if (kw != Block.NONE && !bullet && !alt && (isHeadingLike(rest) || isKeywordOnly(rest))) {
      heading = add(ParagraphKind.HEADING, null, container, rest);
      seenHeading = true;
      resetTo(kw);
      return;
    }
    if (hint == SourceBlock.Hint.HEADING && !alt) {
      heading = add(ParagraphKind.HEADING, null, container, rest);
      if (reportMode) {
        section = -1;
      }
      resetTo(Block.OTHER);
      return;
    }
    if (kw == Block.PREAMBLE || kw == Block.OPERATIVE) {
      // A preambular or operative paragraph that carries its own keyword ("Recalling its resolution …,").
      int parent = heading >= 0 && block == kw ? heading : container;
      numbered = add(kw == Block.PREAMBLE ? ParagraphKind.PREAMBULAR : ParagraphKind.OPERATIVE, null, parent, rest);
      if (heading < 0 && !alt) {
        block = kw;
      }
      afterNumbered(rest);
      return;
    }
    if (bullet || indented && listOwner >= 0) {
      int parent = listOwner >= 0 ? listOwner : numbered >= 0 ? numbered : last();
      add(parent >= 0 ? ParagraphKind.SUBPARAGRAPH : ParagraphKind.TEXT, null, parent, rest);
      return;
    }
    if (reportMode && section < 0 && !alt && isHeadingLike(rest) && nextIsProse(index)) {
      heading = add(ParagraphKind.HEADING, null, container, rest);
      resetTo(Block.OTHER);
      return;
    }
    ParagraphKind kind = reportMode ? ParagraphKind.TEXT
        : block == Block.PREAMBLE ? ParagraphKind.PREAMBULAR
        : block == Block.OPERATIVE ? ParagraphKind.OPERATIVE : ParagraphKind.TEXT;
    int parent = section >= 0 ? section : heading >= 0 ? heading : container;
    int at = add(kind, null, parent, rest);
    if (kind != ParagraphKind.TEXT) {
      numbered = -1;
    }
    lettered = -1;
    letterOrdinal = 0;
    romanValue = 0;
    listOwner = endsWithColon(rest) ? at : -1;
  }

  private void resetTo(Block b) {
    block = b;
    numbered = -1;
    lettered = -1;
    letterOrdinal = 0;
    romanValue = 0;
    listOwner = -1;
  }

  private int parentForItems() {
    return heading >= 0 ? heading : section >= 0 ? section : container;
  }

  /** The last paragraph that is not a footnote, or -1. */
  private int last() {
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i).kind() != ParagraphKind.FOOTNOTE) {
        return i;
      }
    }
    return -1;
  }

  private int add(ParagraphKind kind, String number, int parent, String text) {
    Matcher alt = ALT.matcher(text);
    String altLabel = alt.matches() ? altLabel(alt) : null;
    out.add(new DraftParagraph(kind, number, parent, text, Direction.of(text), Brackets.count(text), altLabel));
    if (kind != ParagraphKind.FOOTNOTE) {
      noteCitations(text, out.size() - 1);
    }
    return out.size() - 1;
  }

  /** "Alt.2" and "ALT 2" are written "Alt 2"; "Option 2" and "البديل ١" as written, one space before the number. */
  private static String altLabel(Matcher alt) {
    String word = alt.group(2).replace(".", "");
    return (word.equalsIgnoreCase("alt") ? "Alt" : word) + " " + alt.group(3);
  }

  /** The number of an alternative line ("[Alt 2: …" → 2), or 0 when the text is no alternative. */
  static int altNumber(String text) {
    Matcher alt = ALT.matcher(text);
    return alt.matches() ? Numbering.parseDigits(alt.group(3)) : 0;
  }

  /**
   * An unnumbered alternative line ("[Alt 2: Invites …;]", "البديل 2: …"): when it continues a set of
   * alternatives (its number is 2 or more, or the paragraph before is itself an alternative) it is an
   * alternative of that paragraph: same kind, same parent, and it never opens or closes a block. An "Alt 1"
   * after a paragraph that is no alternative starts a new paragraph and is read as one (but never as a
   * heading). Returns false when the line is no alternative of the paragraph before.
   */
  private boolean alternative(String rest) {
    int n = altNumber(rest);
    int before = last();
    if (n == 0 || before < 0) {
      return false;
    }
    DraftParagraph prev = out.get(before);
    boolean body = prev.kind() == ParagraphKind.PREAMBULAR || prev.kind() == ParagraphKind.OPERATIVE
        || prev.kind() == ParagraphKind.SUBPARAGRAPH || prev.kind() == ParagraphKind.REPORT_PARAGRAPH
        || prev.kind() == ParagraphKind.TEXT;
    if (!body || n < 2 && prev.alt() == null) {
      return false;
    }
    int at = add(prev.kind(), null, prev.parent(), rest);
    if (before == numbered) {
      numbered = at;
      afterNumbered(rest);
    } else if (before == lettered) {
      lettered = at;
    }
    return true;
  }

  // --- what a line looks like -------------------------------------------------------------------------

  /** The words of a folded text (at most 41: callers only compare with small counts). */
  private static List<String> words(String folded) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= folded.length() && out.size() <= 40; i++) {
      boolean separator = i == folded.length() || isSeparator(folded.charAt(i));
      if (separator && start >= 0) {
        out.add(folded.substring(start, i));
        start = -1;
      } else if (!separator && start < 0) {
        start = i;
      }
    }
    return out;
  }

  private static boolean isSeparator(char c) {
    return Character.isWhitespace(c) || c < 128 && !Character.isLetterOrDigit(c) || "،؛؟«»“”".indexOf(c) >= 0;
  }

  /** A preambular or operative keyword at the start ("Recalling", "وإذ يلاحظ", "resolves", "يقرر"). */
  static Block keyword(String text) {
    String t = text.length() > 200 ? text.substring(0, 200) : text;
    Matcher alt = ALT.matcher(t);
    if (alt.matches()) {
      t = t.substring(alt.end(1));
    }
    List<String> w = words(Folding.fold(t));
    int i = 0;
    while (i < w.size() && EN_LEADING.contains(w.get(i))) {
      i++;
    }
    if (i >= w.size()) {
      return Block.NONE;
    }
    String first = w.get(i);
    if (first.equals("اذ") || first.equals("واذ")) {
      return i + 1 < w.size() ? Block.PREAMBLE : Block.NONE;
    }
    String ar = first.startsWith("و") && first.length() > 3 ? first.substring(1) : first;
    if (AR_OPERATIVE.contains(first) || AR_OPERATIVE.contains(ar)) {
      return Block.OPERATIVE;
    }
    if (EN_PREAMBULAR.contains(first)) {
      return Block.PREAMBLE;
    }
    if (EN_OPERATIVE.contains(first)) {
      return Block.OPERATIVE;
    }
    return Block.NONE;
  }

  /** A keyword and a few words with no sentence punctuation at the end ("recalling", "considering further"). */
  private static boolean isKeywordOnly(String text) {
    return words(Folding.fold(text)).size() <= 4 && ".;؛,،!?؟".indexOf(lastSignificant(text)) < 0;
  }

  /** Short, without sentence punctuation at the end: a heading rather than a paragraph. */
  private static boolean isHeadingLike(String text) {
    if (text.length() > 250) {
      return false;
    }
    char end = lastSignificant(text);
    return ".;؛,،!?؟".indexOf(end) < 0 && words(Folding.fold(text)).size() <= 20;
  }

  /**
   * The last character that is not a footnote reference ("[1]", "¹"), a closing quote nor a closing bracket:
   * "…, [and that the gap is widening,]" ends with a comma, as it would without its brackets.
   */
  private static char lastSignificant(String text) {
    int end = text.length();
    while (end > 0) {
      char c = text.charAt(end - 1);
      if (Numbering.superscriptValue(c) >= 0 || c == '"' || c == '”' || c == '»' || c == '\'' || c == ' ') {
        end--;
      } else if (c == ']') {
        int open = text.lastIndexOf('[', end - 1);
        if (open >= 0 && end - 1 - open >= 1 && end - 1 - open <= 3
            && text.substring(open + 1, end - 1).chars().allMatch(Character::isDigit)) {
          end = open;
        } else {
          end--;
        }
      } else {
        return c;
      }
    }
    return text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
  }

  private static boolean isProse(String text) {
    char end = lastSignificant(text);
    return ".;؛,،!?؟".indexOf(end) >= 0 || text.length() > 250 || words(Folding.fold(text)).size() > 30;
  }

  private static boolean endsWithColon(String text) {
    return text.endsWith(":");
  }

  /** "إن المؤتمر العالمي لتنمية الاتصالات (كيغالي، 2022)،" or "The General Assembly,". */
  private boolean isAuthority(String text) {
    if (seenHeading || text.length() > 250) {
      return false;
    }
    char end = text.charAt(text.length() - 1);
    if (end != ',' && end != '،') {
      return false;
    }
    List<String> w = words(Folding.fold(text));
    if (w.isEmpty() || w.size() > 25) {
      return false;
    }
    return w.get(0).equals("ان") && w.size() >= 2 || text.startsWith("The ") && keyword(text.substring(4)) == Block.NONE;
  }

  private static boolean isAnnex(String text) {
    if (text.length() > 120 || ".;؛,،".indexOf(text.charAt(text.length() - 1)) >= 0) {
      return false;
    }
    List<String> w = words(Folding.fold(text));
    return !w.isEmpty() && w.size() <= 5 && ANNEX.contains(w.get(0));
  }

  private boolean nextIsProse(int index) {
    for (int i = index + 1; i < blocks.size(); i++) {
      String next = cleaned[i];
      if (next.isEmpty() || SEPARATOR.matcher(next).matches()) {
        continue;
      }
      Marker m = Marker.read(next, 0, 0);
      return m.type() == Marker.Type.NONE && isProse(next);
    }
    return false;
  }
}
