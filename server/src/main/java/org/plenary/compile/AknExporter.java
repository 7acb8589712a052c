package org.plenary.compile;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenary.compile.ConsolidatedDocument.Amendment;
import org.plenary.compile.ConsolidatedDocument.Paragraph;
import org.plenary.diff.DiffOp;
import org.plenary.draft.Direction;

/**
 * The revision itself as Akoma Ntoso 3.0 (OASIS LegalDocML), AKN4UN style: a {@code statement} with the
 * title in the preface, preambular blocks as {@code recitals} (the heading "إذ يذكّر" / "Recalling" as
 * their intro, lettered items as {@code recital}), the operative part in {@code mainBody} (each operative
 * heading an {@code hcontainer} with its numbered {@code paragraph}s, sub-paragraphs as {@code point}s),
 * footnotes as {@code authorialNote} where they are cited, and the amendments as an {@code amendmentList}
 * in the document's components, each change marked with AKN's {@code ins}/{@code del}.
 *
 * <p>IRIs follow the AKN naming convention with the UN as jurisdiction:
 * {@code /akn/un/statement/deliberation/plenary/2026-12-01/n1-r2} (work),
 * {@code …/ara@r2} (expression), {@code …/ara@r2/!main.xml} (manifestation).
 */
public final class AknExporter {
  public static final String NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** Writes the revision in {@code doc} (built with every paragraph) and its amendments. */
  public void write(ConsolidatedDocument doc, OutputStream out) throws IOException {
    java.io.Writer w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
    try {
      new Writer(doc, new TagWriter(w)).write();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    w.flush();
  }

  private static final class Writer {
    private final ConsolidatedDocument doc;
    private final TagWriter x;
    private final String lang;
    private final Direction docDirection;
    private final String work;
    private final Map<Long, String> eIds = new HashMap<>();
    private final Map<Long, List<Paragraph>> notesOf = new LinkedHashMap<>();
    /** The remarks on each paragraph as editorial notes: paragraph id → note eIds. */
    private final Map<Long, List<String>> noteRefsOf = new HashMap<>();
    /** Delegation code → its TLCOrganization's eId and name, in order of appearance. */
    private final Map<String, String[]> organizations = new LinkedHashMap<>();
    private int noteCount;

    Writer(ConsolidatedDocument doc, TagWriter x) {
      this.doc = doc;
      this.x = x;
      long rtl = doc.entries().stream().filter(e -> e.paragraph().direction() == Direction.RTL).count();
      this.lang = rtl * 2 >= doc.entries().size() && rtl > 0 ? "ara" : "eng";
      this.docDirection = lang.equals("ara") ? Direction.RTL : Direction.LTR;
      // The work is the negotiation's text, dated by the negotiation's creation; each revision is an expression
      // of it: identifiers do not change from one export to the next.
      this.work = "/akn/un/statement/deliberation/plenary/" + DAY.format(doc.header().created()) + "/n"
          + doc.header().negotiationId();
      if (doc.options().attributed()) {
        for (ConsolidatedDocument.Entry e : doc.entries()) {
          for (Amendment a : e.amendments()) {
            for (ConsolidatedDocument.Sponsor s : a.sponsors()) {
              organization(s.delegation(), s.name());
              if (s.onBehalfOf() != null) {
                organization(s.onBehalfOf(), s.onBehalfOfName());
              }
              for (int i = 0; i < s.cosponsors().size(); i++) {
                organization(s.cosponsors().get(i), s.cosponsorNames().get(i));
              }
            }
            a.reactions().forEach(r -> organization(r.delegation(), null));
          }
          e.remarks().forEach(r -> organization(r.delegation(), null));
        }
        doc.general().forEach(r -> organization(r.delegation(), null));
      }
    }

    private void organization(String code, String name) {
      if (code == null) {
        return;
      }
      String[] known = organizations.get(code);
      if (known == null) {
        organizations.put(code, new String[] {"org_" + code.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9_-]", "_"), name == null ? doc.name(code) : name});
      }
    }

    private String orgRef(String code) {
      String[] o = code == null ? null : organizations.get(code);
      return o == null ? null : "#" + o[0];
    }

    /** The proposers of an amendment: the group it speaks for, else the delegation. */
    private List<String> proposers(Amendment a) {
      List<String> out = new ArrayList<>();
      for (ConsolidatedDocument.Sponsor s : a.sponsors()) {
        String ref = orgRef(s.onBehalfOf() != null ? s.onBehalfOf() : s.delegation());
        if (ref != null && !out.contains(ref)) {
          out.add(ref);
        }
      }
      return out;
    }

    void write() {
      List<Paragraph> all = doc.entries().stream().map(ConsolidatedDocument.Entry::paragraph).toList();
      List<Paragraph> body = new ArrayList<>();
      Paragraph previous = null;
      for (Paragraph p : all) {
        if (p.kind().equals("footnote")) {
          Long at = p.parentId() != null ? p.parentId() : previous == null ? null : previous.id();
          if (at != null) {
            notesOf.computeIfAbsent(at, k -> new ArrayList<>()).add(p);
            continue;
          }
        }
        body.add(p);
        previous = p;
      }
      x.declaration();
      x.start("akomaNtoso").attr("xmlns", NS);
      x.start("statement");
      x.attr("name", "resolution");
      String expression = work + "/" + lang + "@r" + doc.header().revisionId();
      x.start("meta");
      identification(work, expression, doc.header().created(), "creation", doc.header().published(), "publication",
          List.of("#plenary"));
      x.start("references");
      x.attr("source", "#plenary");
      x.empty("TLCOrganization");
      x.attr("eId", "plenary");
      x.attr("href", "/ontology/organization/plenary");
      x.attr("showAs", "Plenary");
      organizations();
      roles();
      x.end();
      notes();
      x.end();

      int i = 0;
      List<Paragraph> preface = new ArrayList<>();
      while (i < body.size() && (body.get(i).kind().equals("title") || body.get(i).kind().equals("subtitle")
          || i == 0 && body.size() > 1 && body.get(0).kind().equals("text"))) {
        preface.add(body.get(i++));
      }
      int mainStart = mainStart(body, i);
      preface(preface);
      if (mainStart > i) {
        preamble(body.subList(i, mainStart));
      }
      mainBody(body.subList(mainStart, body.size()), preface);
      amendments();
      x.end();
      x.end();
      x.finish();
    }

    /** Where the operative part starts: the heading before the first operative paragraph. */
    private static int mainStart(List<Paragraph> body, int from) {
      int firstOperative = -1;
      boolean anyPreamble = false;
      for (int j = from; j < body.size(); j++) {
        String k = body.get(j).kind();
        if (k.equals("preambular") || k.equals("authority")) {
          anyPreamble = true;
        }
        if (k.equals("operative")) {
          firstOperative = j;
          break;
        }
      }
      if (firstOperative < 0) {
        return anyPreamble ? lastPreamble(body, from) : from;
      }
      int start = firstOperative;
      while (start > from && body.get(start - 1).kind().equals("heading")) {
        start--;
      }
      return start;
    }

    private static int lastPreamble(List<Paragraph> body, int from) {
      int last = from;
      for (int j = from; j < body.size(); j++) {
        String k = body.get(j).kind();
        if (k.equals("preambular") || k.equals("authority") || k.equals("heading") || k.equals("subparagraph")) {
          last = j + 1;
        } else {
          break;
        }
      }
      return last;
    }

    /**
     * FRBR identification: the work, one expression of it (in this language, at this revision) and its XML
     * manifestation, each dated by what happened to the text, never by the export.
     */
    private void identification(String workIri, String expression, java.time.Instant workDate, String workEvent,
        java.time.Instant expressionDate, String expressionEvent, List<String> authors) {
      x.start("identification");
      x.attr("source", "#plenary");
      x.start("FRBRWork");
      empty("FRBRthis", "value", workIri + "/!main");
      empty("FRBRuri", "value", workIri);
      date(workDate, workEvent);
      authors(authors);
      empty("FRBRcountry", "value", "un");
      empty("FRBRname", "value", doc.header().negotiation());
      x.end();
      x.start("FRBRExpression");
      empty("FRBRthis", "value", expression + "/!main");
      empty("FRBRuri", "value", expression);
      date(expressionDate, expressionEvent);
      authors(authors);
      empty("FRBRversionNumber", "value", doc.header().revision());
      x.empty("FRBRlanguage");
      x.attr("language", lang);
      x.end();
      x.start("FRBRManifestation");
      empty("FRBRthis", "value", expression + "/!main.xml");
      empty("FRBRuri", "value", expression + "/!main.xml");
      date(expressionDate, expressionEvent);
      x.empty("FRBRauthor");
      x.attr("href", "#plenary");
      x.end();
      x.end();
    }

    private void date(java.time.Instant at, String event) {
      x.empty("FRBRdate");
      x.attr("date", DAY.format(at));
      x.attr("name", event);
    }

    private void authors(List<String> authors) {
      for (String a : authors.isEmpty() ? List.of("#plenary") : authors) {
        x.empty("FRBRauthor");
        x.attr("href", a);
        if (!a.equals("#plenary")) {
          x.attr("as", "#proposer");
        }
      }
    }

    /** Every delegation with input, as a TLCOrganization (attributed exports only). */
    private void organizations() {
      for (Map.Entry<String, String[]> o : organizations.entrySet()) {
        x.empty("TLCOrganization");
        x.attr("eId", o.getValue()[0]);
        x.attr("href", "/ontology/organization/un/" + o.getKey().toLowerCase(java.util.Locale.ROOT));
        x.attr("showAs", Xml.clean(o.getValue()[1]));
      }
    }

    private void roles() {
      if (!organizations.isEmpty()) {
        x.empty("TLCRole");
        x.attr("eId", "proposer");
        x.attr("href", "/ontology/role/un/proposer");
        x.attr("showAs", doc.labels().language() == Language.AR ? "مقدم المقترح" : "Proposer");
      }
    }

    /**
     * The comments, questions and reactions on paragraphs (and on the whole revision) as editorial notes, each
     * referred to by a {@code noteRef} at the end of its paragraph; reactions to an amendment are notes of
     * that amendment.
     */
    private void notes() {
      List<Object[]> all = new ArrayList<>();
      for (ConsolidatedDocument.Entry e : doc.entries()) {
        for (ConsolidatedDocument.Remark r : e.remarks()) {
          all.add(new Object[] {e.paragraph().id(), r});
        }
      }
      for (ConsolidatedDocument.Remark r : doc.general()) {
        all.add(new Object[] {null, r});
      }
      if (all.isEmpty()) {
        return;
      }
      x.start("notes");
      x.attr("source", "#plenary");
      int n = 0;
      for (Object[] o : all) {
        String eId = "remark_" + (++n);
        if (o[0] != null) {
          noteRefsOf.computeIfAbsent((Long) o[0], k -> new ArrayList<>()).add(eId);
        }
        note(eId, (ConsolidatedDocument.Remark) o[1]);
      }
      x.end();
    }

    private void note(String eId, ConsolidatedDocument.Remark r) {
      x.start("note");
      x.attr("eId", eId);
      x.attr("class", r.kind().code());
      String ref = orgRef(r.delegation());
      if (ref != null) {
        x.attr("refersTo", ref);
      }
      x.start("p");
      x.attr("eId", eId + "__p_1");
      x.text(Xml.clean(r.kindLabel() + (r.by() == null ? "" : " — " + r.by()) + (r.text().isEmpty() ? "" : ": ")));
      if (!r.text().isEmpty()) {
        if (r.direction() != docDirection) {
          x.start("span");
          lang(r.direction());
          x.text(Xml.clean(r.text()));
          x.end();
        } else {
          x.text(Xml.clean(r.text()));
        }
      }
      x.end();
      x.end();
    }

    /** {@code xml:lang} on content whose language is not the document's. */
    private void lang(Direction d) {
      if (d != docDirection) {
        x.attr("xml:lang", d == Direction.RTL ? "ar" : "en");
      }
    }

    private void empty(String name, String attr, String value) {
      x.empty(name);
      x.attr(attr, Xml.clean(value));
    }

    private void preface(List<Paragraph> preface) {
      x.start("preface");
      String title = preface.isEmpty() ? doc.header().negotiation() : preface.get(0).text();
      x.start("p");
      x.attr("class", "title");
      if (!preface.isEmpty()) {
        eIds.put(preface.get(0).id(), "preface__p_1");
        x.attr("eId", "preface__p_1");
      }
      x.start("docTitle");
      x.text(Xml.clean(title));
      x.end();
      x.end();
      for (int j = 1; j < preface.size(); j++) {
        String eId = "preface__p_" + (j + 1);
        eIds.put(preface.get(j).id(), eId);
        p(preface.get(j), eId, null);
      }
      x.start("p");
      x.attr("class", "revision");
      x.start("docStage");
      x.text(Xml.clean(doc.header().revision()));
      x.end();
      x.end();
      x.end();
    }

    /** Preambular blocks: the authority as formula, each heading with its items as one recitals. */
    private void preamble(List<Paragraph> paras) {
      x.start("preamble");
      int blocks = 0;
      int j = 0;
      while (j < paras.size()) {
        Paragraph p = paras.get(j);
        if (p.kind().equals("authority")) {
          x.start("formula");
          x.attr("name", "enactingFormula");
          String eId = "preamble__formula_" + (++blocks);
          x.attr("eId", eId);
          p(p, eId + "__p_1", null);
          x.end();
          j++;
          continue;
        }
        Paragraph intro = p.kind().equals("heading") ? p : null;
        int k = intro == null ? j : j + 1;
        int end = k;
        while (end < paras.size() && !paras.get(end).kind().equals("heading")
            && !paras.get(end).kind().equals("authority")) {
          end++;
        }
        String eId = "preamble__recitals_" + (++blocks);
        if (end == k) {
          // A heading without items is a plain paragraph of the preamble.
          p(intro, eId, null);
          j = end;
          continue;
        }
        x.start("recitals");
        x.attr("eId", eId);
        if (intro != null) {
          x.start("intro");
          p(intro, eId + "__intro__p_1", null);
          x.end();
        }
        int n = 0;
        for (Paragraph item : paras.subList(k, end)) {
          String rid = eId + "__recital_" + (++n);
          eIds.put(item.id(), rid);
          x.start("recital");
          x.attr("eId", rid);
          num(item);
          p(item, rid + "__p_1", null);
          x.end();
        }
        x.end();
        j = end;
      }
      x.end();
    }

    private void mainBody(List<Paragraph> paras, List<Paragraph> preface) {
      x.start("mainBody");
      if (paras.isEmpty()) {
        // mainBody may not be empty: repeat the title as its only text.
        x.start("p");
        x.text(Xml.clean(preface.isEmpty() ? doc.header().negotiation() : preface.get(0).text()));
        x.end();
      }
      int containers = 0;
      int paragraphs = 0;
      int j = 0;
      while (j < paras.size()) {
        Paragraph p = paras.get(j);
        if (p.kind().equals("heading")) {
          String hid = "hcontainer_" + (++containers);
          eIds.put(p.id(), hid);
          x.start("hcontainer");
          x.attr("name", "operativeBlock");
          x.attr("eId", hid);
          x.start("intro");
          p(p, hid + "__intro__p_1", null);
          x.end();
          j++;
          int n = 0;
          while (j < paras.size() && !paras.get(j).kind().equals("heading")) {
            j = paragraph(paras, j, hid + "__para_" + (++n));
          }
          x.end();
        } else {
          j = paragraph(paras, j, "para_" + (++paragraphs));
        }
      }
      x.end();
    }

    /** A paragraph and the sub-paragraphs right after it as points; returns the index after them. */
    private int paragraph(List<Paragraph> paras, int j, String eId) {
      Paragraph p = paras.get(j);
      boolean point = p.kind().equals("subparagraph");
      int end = j + 1;
      if (!point) {
        while (end < paras.size() && paras.get(end).kind().equals("subparagraph")) {
          end++;
        }
      }
      String id = point ? eId.replace("para_", "point_") : eId;
      eIds.put(p.id(), id);
      x.start(point ? "point" : "paragraph");
      x.attr("eId", id);
      num(p);
      if (end == j + 1) {
        x.start("content");
        p(p, id + "__p_1", null);
        x.end();
      } else {
        x.start("intro");
        p(p, id + "__intro__p_1", null);
        x.end();
        int n = 0;
        for (Paragraph sub : paras.subList(j + 1, end)) {
          String sid = id + "__point_" + (++n);
          eIds.put(sub.id(), sid);
          x.start("point");
          x.attr("eId", sid);
          num(sub);
          x.start("content");
          p(sub, sid + "__p_1", null);
          x.end();
          x.end();
        }
      }
      x.end();
      return end;
    }

    private void num(Paragraph p) {
      if (p.number() != null && !p.number().isBlank()) {
        x.start("num");
        x.text(Xml.clean(p.number()));
        x.end();
      }
    }

    /** The paragraph's text as a {@code p}, with its footnotes as authorial notes where they are cited. */
    private void p(Paragraph p, String eId, String cls) {
      x.start("p");
      x.attr("eId", eId);
      if (cls != null) {
        x.attr("class", cls);
      }
      lang(p.direction());
      String text = Xml.clean(p.text());
      List<Paragraph> notes = notesOf.getOrDefault(p.id(), List.of());
      int at = 0;
      for (Paragraph note : notes) {
        String marker = note.number() != null && !note.number().isBlank() ? note.number().strip()
            : Integer.toString(noteCount + 1);
        // The citing text writes the marker superscript ("النامية¹") or bracketed ("[1]"); a bare digit would
        // match inside "135", so it is never searched for.
        String cited = null;
        int found = -1;
        for (String form : List.of(superscript(marker), "[" + marker + "]", "(" + marker + ")")) {
          if (form != null && (found = text.indexOf(form, at)) >= 0) {
            cited = form;
            break;
          }
        }
        int cut = found < 0 ? text.length() : found;
        x.text(text.substring(at, cut));
        String nid = "anote_" + (++noteCount);
        eIds.put(note.id(), nid);
        x.start("authorialNote");
        x.attr("marker", marker);
        x.attr("placement", "bottom");
        x.attr("eId", nid);
        x.start("p");
        x.attr("eId", nid + "__p_1");
        x.text(Xml.clean(note.text()));
        x.end();
        x.end();
        at = found < 0 ? text.length() : found + cited.length();
      }
      x.text(text.substring(at));
      for (String note : noteRefsOf.getOrDefault(p.id(), List.of())) {
        x.empty("noteRef");
        x.attr("href", "#" + note);
        x.attr("marker", "*");
        x.attr("placement", "side");
      }
      x.end();
    }

    /** "12" as "¹²" (a marker already superscript stays as it is); null when it is not a number. */
    private static String superscript(String marker) {
      StringBuilder b = new StringBuilder();
      for (char c : marker.toCharArray()) {
        int d = Character.digit(c, 10);
        if ("⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(c) >= 0) {
          b.append(c);
        } else if (d >= 0) {
          b.append("⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(d));
        } else {
          return null;
        }
      }
      return b.length() == 0 ? null : b.toString();
    }

    /** The proposals as an amendment list: one amendment per grouped proposal, in document order. */
    private void amendments() {
      List<Amendment> all = new ArrayList<>();
      Map<Integer, Paragraph> target = new HashMap<>();
      for (ConsolidatedDocument.Entry e : doc.entries()) {
        for (Amendment a : e.amendments()) {
          all.add(a);
          target.put(a.seq(), e.paragraph());
        }
      }
      if (all.isEmpty()) {
        return;
      }
      Labels l = doc.labels();
      x.start("components");
      x.attr("eId", "cmpnts");
      x.start("component");
      x.attr("eId", "cmp_1");
      x.start("amendmentList");
      x.attr("name", "proposals");
      String list = "/akn/un/amendmentList/proposals/" + DAY.format(doc.header().published()) + "/n"
          + doc.header().negotiationId() + "-r" + doc.header().revisionId();
      x.start("meta");
      identification(list, list + "/" + lang + "@", doc.header().published(), "publication",
          doc.header().published(), "publication", List.of("#plenary"));
      x.end();
      x.start("preface");
      x.start("p");
      x.start("docTitle");
      x.text(Xml.clean(l.title() + " — " + doc.header().revision()));
      x.end();
      x.end();
      x.end();
      x.start("collectionBody");
      for (Amendment a : all) {
        String cid = "cmp_1__cmp_" + a.seq();
        x.start("component");
        x.attr("eId", cid);
        x.start("amendment");
        x.attr("name", a.kind().code());
        // an amendment is its own work, dated by its submission; attributed, it is named by its proposal's id
        String amendmentWork = "/akn/un/amendment/proposal/" + DAY.format(a.date()) + "/n"
            + doc.header().negotiationId()
            + (a.ids().isEmpty() ? "-r" + doc.header().revisionId() + "-a" + a.seq() : "-p" + a.ids().get(0));
        x.start("meta");
        identification(amendmentWork, amendmentWork + "/" + lang + "@", a.date(), "submission", a.date(),
            "submission", proposers(a));
        if (!a.reactions().isEmpty()) {
          x.start("notes");
          x.attr("source", "#plenary");
          int rn = 0;
          for (ConsolidatedDocument.Remark r : a.reactions()) {
            note(cid + "__reaction_" + (++rn), r);
          }
          x.end();
        }
        x.end();
        x.start("amendmentBody");
        x.start("amendmentHeading");
        x.start("p");
        x.text(Xml.clean("[" + a.seq() + "] " + a.kindLabel()
            + (a.ituLabel() == null ? "" : " (" + a.ituLabel() + ")") + " — "));
        List<String> proposers = proposers(a);
        if (proposers.isEmpty()) {
          x.text(Xml.clean(a.attribution()));
        } else {
          // the proposer named as a reference to its TLCOrganization
          x.start("organization");
          x.attr("refersTo", String.join(" ", proposers));
          x.text(Xml.clean(a.attribution()));
          x.end();
        }
        for (int rn = 1; rn <= a.reactions().size(); rn++) {
          x.empty("noteRef");
          x.attr("href", "#" + cid + "__reaction_" + rn);
          x.attr("marker", "*");
          x.attr("placement", "side");
        }
        x.end();
        x.end();
        Paragraph on = target.get(a.seq());
        x.start("amendmentReference");
        x.start("p");
        x.start("ref");
        x.attr("href", "#" + eIds.getOrDefault(on.id(), "p-" + on.id()));
        x.text(Xml.clean(l.paragraph() + " " + on.label()));
        x.end();
        x.end();
        x.end();
        x.start("amendmentContent");
        x.start("p");
        lang(a.direction());
        for (DiffOp op : a.changes()) {
          switch (op.type()) {
            case EQUAL -> x.text(Xml.clean(op.text()));
            case INSERT, DELETE -> {
              x.start(op.type() == DiffOp.Type.INSERT ? "ins" : "del");
              x.text(Xml.clean(op.text()));
              x.end();
            }
          }
        }
        x.end();
        x.end();
        if (!a.rationales().isEmpty()) {
          x.start("amendmentJustification");
          for (String r : a.rationales()) {
            x.start("p");
            lang(Direction.of(r));
            x.text(Xml.clean(r));
            x.end();
          }
          x.end();
        }
        x.end();
        x.end();
        x.end();
      }
      x.end();
      x.end();
      x.end();
      x.end();
    }
  }
}
