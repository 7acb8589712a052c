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
    private final String date;
    private final String work;
    private final Map<Long, String> eIds = new HashMap<>();
    private final Map<Long, List<Paragraph>> notesOf = new LinkedHashMap<>();
    private int noteCount;

    Writer(ConsolidatedDocument doc, TagWriter x) {
      this.doc = doc;
      this.x = x;
      long rtl = doc.entries().stream().filter(e -> e.paragraph().direction() == Direction.RTL).count();
      this.lang = rtl * 2 >= doc.entries().size() && rtl > 0 ? "ara" : "eng";
      this.date = DAY.format(doc.header().date());
      this.work = "/akn/un/statement/deliberation/plenary/" + date + "/n" + doc.header().negotiationId() + "-r"
          + doc.header().revisionId();
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
      meta(work, "statement");

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

    private void meta(String workIri, String what) {
      String expression = workIri + "/" + lang + "@r" + doc.header().revisionId();
      x.start("meta");
      x.start("identification");
      x.attr("source", "#plenary");
      frbr("FRBRWork", workIri, workIri + "/!main", true, false);
      frbr("FRBRExpression", expression, expression + "/!main", false, true);
      frbr("FRBRManifestation", expression + "/!main.xml", expression + "/!main.xml", false, false);
      x.end();
      if (what.equals("statement")) {
        x.start("references");
        x.attr("source", "#plenary");
        x.empty("TLCOrganization");
        x.attr("eId", "plenary");
        x.attr("href", "/ontology/organization/plenary");
        x.attr("showAs", "Plenary");
        x.end();
      }
      x.end();
    }

    private void frbr(String level, String uri, String self, boolean work, boolean expression)
        {
      x.start(level);
      empty("FRBRthis", "value", self);
      empty("FRBRuri", "value", uri);
      x.empty("FRBRdate");
      x.attr("date", date);
      x.attr("name", work ? "submission" : expression ? "revision" : "generation");
      x.empty("FRBRauthor");
      x.attr("href", "#plenary");
      if (work) {
        empty("FRBRcountry", "value", "un");
        empty("FRBRname", "value", doc.header().negotiation());
      }
      if (expression) {
        x.empty("FRBRlanguage");
        x.attr("language", lang);
      }
      x.end();
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
      meta(work.replace("/statement/deliberation/", "/amendmentList/proposals/"), "amendmentList");
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
        meta(work.replace("/statement/deliberation/", "/amendment/proposal/") + "-a" + a.seq(), "amendment");
        x.start("amendmentBody");
        x.start("amendmentHeading");
        x.start("p");
        x.text(Xml.clean("[" + a.seq() + "] " + a.kindLabel()
            + (a.kind().ituLabel() == null ? "" : " (" + a.kind().ituLabel() + ")") + " — " + a.attribution()));
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
