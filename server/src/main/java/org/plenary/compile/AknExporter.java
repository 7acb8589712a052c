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
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
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
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      new Writer(doc, x).write();
      x.close();
      out.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write Akoma Ntoso", e);
    }
  }

  private static final class Writer {
    private final ConsolidatedDocument doc;
    private final XMLStreamWriter x;
    private final String lang;
    private final String date;
    private final String work;
    private final Map<Long, String> eIds = new HashMap<>();
    private final Map<Long, List<Paragraph>> notesOf = new LinkedHashMap<>();
    private int noteCount;

    Writer(ConsolidatedDocument doc, XMLStreamWriter x) {
      this.doc = doc;
      this.x = x;
      long rtl = doc.entries().stream().filter(e -> e.paragraph().direction() == Direction.RTL).count();
      this.lang = rtl * 2 >= doc.entries().size() && rtl > 0 ? "ara" : "eng";
      this.date = DAY.format(doc.header().date());
      this.work = "/akn/un/statement/deliberation/plenary/" + date + "/n" + doc.header().negotiationId() + "-r"
          + doc.header().revisionId();
    }

    void write() throws XMLStreamException {
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
      x.writeStartDocument("UTF-8", "1.0");
      x.setDefaultNamespace(NS);
      x.writeStartElement(NS, "akomaNtoso");
      x.writeDefaultNamespace(NS);
      x.writeStartElement(NS, "statement");
      x.writeAttribute("name", "resolution");
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
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndDocument();
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

    private void meta(String workIri, String what) throws XMLStreamException {
      String expression = workIri + "/" + lang + "@r" + doc.header().revisionId();
      x.writeStartElement(NS, "meta");
      x.writeStartElement(NS, "identification");
      x.writeAttribute("source", "#plenary");
      frbr("FRBRWork", workIri, workIri + "/!main", true, false);
      frbr("FRBRExpression", expression, expression + "/!main", false, true);
      frbr("FRBRManifestation", expression + "/!main.xml", expression + "/!main.xml", false, false);
      x.writeEndElement();
      if (what.equals("statement")) {
        x.writeStartElement(NS, "references");
        x.writeAttribute("source", "#plenary");
        x.writeEmptyElement(NS, "TLCOrganization");
        x.writeAttribute("eId", "plenary");
        x.writeAttribute("href", "/ontology/organization/plenary");
        x.writeAttribute("showAs", "Plenary");
        x.writeEndElement();
      }
      x.writeEndElement();
    }

    private void frbr(String level, String uri, String self, boolean work, boolean expression)
        throws XMLStreamException {
      x.writeStartElement(NS, level);
      empty("FRBRthis", "value", self);
      empty("FRBRuri", "value", uri);
      x.writeEmptyElement(NS, "FRBRdate");
      x.writeAttribute("date", date);
      x.writeAttribute("name", work ? "submission" : expression ? "revision" : "generation");
      x.writeEmptyElement(NS, "FRBRauthor");
      x.writeAttribute("href", "#plenary");
      if (work) {
        empty("FRBRcountry", "value", "un");
        empty("FRBRname", "value", doc.header().negotiation());
      }
      if (expression) {
        x.writeEmptyElement(NS, "FRBRlanguage");
        x.writeAttribute("language", lang);
      }
      x.writeEndElement();
    }

    private void empty(String name, String attr, String value) throws XMLStreamException {
      x.writeEmptyElement(NS, name);
      x.writeAttribute(attr, Xml.clean(value));
    }

    private void preface(List<Paragraph> preface) throws XMLStreamException {
      x.writeStartElement(NS, "preface");
      String title = preface.isEmpty() ? doc.header().negotiation() : preface.get(0).text();
      x.writeStartElement(NS, "p");
      x.writeAttribute("class", "title");
      if (!preface.isEmpty()) {
        eIds.put(preface.get(0).id(), "preface__p_1");
        x.writeAttribute("eId", "preface__p_1");
      }
      x.writeStartElement(NS, "docTitle");
      x.writeCharacters(Xml.clean(title));
      x.writeEndElement();
      x.writeEndElement();
      for (int j = 1; j < preface.size(); j++) {
        String eId = "preface__p_" + (j + 1);
        eIds.put(preface.get(j).id(), eId);
        p(preface.get(j), eId, null);
      }
      x.writeStartElement(NS, "p");
      x.writeAttribute("class", "revision");
      x.writeStartElement(NS, "docStage");
      x.writeCharacters(Xml.clean(doc.header().revision()));
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndElement();
    }

    /** Preambular blocks: the authority as formula, each heading with its items as one recitals. */
    private void preamble(List<Paragraph> paras) throws XMLStreamException {
      x.writeStartElement(NS, "preamble");
      int blocks = 0;
      int j = 0;
      while (j < paras.size()) {
        Paragraph p = paras.get(j);
        if (p.kind().equals("authority")) {
          x.writeStartElement(NS, "formula");
          x.writeAttribute("name", "enactingFormula");
          String eId = "preamble__formula_" + (++blocks);
          x.writeAttribute("eId", eId);
          p(p, eId + "__p_1", null);
          x.writeEndElement();
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
        x.writeStartElement(NS, "recitals");
        x.writeAttribute("eId", eId);
        if (intro != null) {
          x.writeStartElement(NS, "intro");
          p(intro, eId + "__intro__p_1", null);
          x.writeEndElement();
        }
        int n = 0;
        for (Paragraph item : paras.subList(k, end)) {
          String rid = eId + "__recital_" + (++n);
          eIds.put(item.id(), rid);
          x.writeStartElement(NS, "recital");
          x.writeAttribute("eId", rid);
          num(item);
          p(item, rid + "__p_1", null);
          x.writeEndElement();
        }
        x.writeEndElement();
        j = end;
      }
      x.writeEndElement();
    }

    private void mainBody(List<Paragraph> paras, List<Paragraph> preface) throws XMLStreamException {
      x.writeStartElement(NS, "mainBody");
      if (paras.isEmpty()) {
        // mainBody may not be empty: repeat the title as its only text.
        x.writeStartElement(NS, "p");
        x.writeCharacters(Xml.clean(preface.isEmpty() ? doc.header().negotiation() : preface.get(0).text()));
        x.writeEndElement();
      }
      int containers = 0;
      int paragraphs = 0;
      int j = 0;
      while (j < paras.size()) {
        Paragraph p = paras.get(j);
        if (p.kind().equals("heading")) {
          String hid = "hcontainer_" + (++containers);
          eIds.put(p.id(), hid);
          x.writeStartElement(NS, "hcontainer");
          x.writeAttribute("name", "operativeBlock");
          x.writeAttribute("eId", hid);
          x.writeStartElement(NS, "intro");
          p(p, hid + "__intro__p_1", null);
          x.writeEndElement();
          j++;
          int n = 0;
          while (j < paras.size() && !paras.get(j).kind().equals("heading")) {
            j = paragraph(paras, j, hid + "__para_" + (++n));
          }
          x.writeEndElement();
        } else {
          j = paragraph(paras, j, "para_" + (++paragraphs));
        }
      }
      x.writeEndElement();
    }

    /** A paragraph and the sub-paragraphs right after it as points; returns the index after them. */
    private int paragraph(List<Paragraph> paras, int j, String eId) throws XMLStreamException {
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
      x.writeStartElement(NS, point ? "point" : "paragraph");
      x.writeAttribute("eId", id);
      num(p);
      if (end == j + 1) {
        x.writeStartElement(NS, "content");
        p(p, id + "__p_1", null);
        x.writeEndElement();
      } else {
        x.writeStartElement(NS, "intro");
        p(p, id + "__intro__p_1", null);
        x.writeEndElement();
        int n = 0;
        for (Paragraph sub : paras.subList(j + 1, end)) {
          String sid = id + "__point_" + (++n);
          eIds.put(sub.id(), sid);
          x.writeStartElement(NS, "point");
          x.writeAttribute("eId", sid);
          num(sub);
          x.writeStartElement(NS, "content");
          p(sub, sid + "__p_1", null);
          x.writeEndElement();
          x.writeEndElement();
        }
      }
      x.writeEndElement();
      return end;
    }

    private void num(Paragraph p) throws XMLStreamException {
      if (p.number() != null && !p.number().isBlank()) {
        x.writeStartElement(NS, "num");
        x.writeCharacters(Xml.clean(p.number()));
        x.writeEndElement();
      }
    }

    /** The paragraph's text as a {@code p}, with its footnotes as authorial notes where they are cited. */
    private void p(Paragraph p, String eId, String cls) throws XMLStreamException {
      x.writeStartElement(NS, "p");
      x.writeAttribute("eId", eId);
      if (cls != null) {
        x.writeAttribute("class", cls);
      }
      String text = Xml.clean(p.text());
      List<Paragraph> notes = notesOf.getOrDefault(p.id(), List.of());
      int at = 0;
      for (Paragraph note : notes) {
        String marker = note.number() != null && !note.number().isBlank() ? note.number().strip()
            : Integer.toString(noteCount + 1);
        int found = text.indexOf(marker, at);
        int cut = found < 0 ? text.length() : found;
        x.writeCharacters(text.substring(at, cut));
        String nid = "anote_" + (++noteCount);
        eIds.put(note.id(), nid);
        x.writeStartElement(NS, "authorialNote");
        x.writeAttribute("marker", marker);
        x.writeAttribute("placement", "bottom");
        x.writeAttribute("eId", nid);
        x.writeStartElement(NS, "p");
        x.writeAttribute("eId", nid + "__p_1");
        x.writeCharacters(Xml.clean(note.text()));
        x.writeEndElement();
        x.writeEndElement();
        at = found < 0 ? text.length() : found + marker.length();
      }
      x.writeCharacters(text.substring(at));
      x.writeEndElement();
    }

    /** The proposals as an amendment list: one amendment per grouped proposal, in document order. */
    private void amendments() throws XMLStreamException {
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
      x.writeStartElement(NS, "components");
      x.writeAttribute("eId", "cmpnts");
      x.writeStartElement(NS, "component");
      x.writeAttribute("eId", "cmp_1");
      x.writeStartElement(NS, "amendmentList");
      x.writeAttribute("name", "proposals");
      meta(work.replace("/statement/deliberation/", "/amendmentList/proposals/"), "amendmentList");
      x.writeStartElement(NS, "preface");
      x.writeStartElement(NS, "p");
      x.writeStartElement(NS, "docTitle");
      x.writeCharacters(Xml.clean(l.title() + " — " + doc.header().revision()));
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndElement();
      x.writeStartElement(NS, "collectionBody");
      for (Amendment a : all) {
        String cid = "cmp_1__cmp_" + a.seq();
        x.writeStartElement(NS, "component");
        x.writeAttribute("eId", cid);
        x.writeStartElement(NS, "amendment");
        x.writeAttribute("name", a.kind().code());
        meta(work.replace("/statement/deliberation/", "/amendment/proposal/") + "-a" + a.seq(), "amendment");
        x.writeStartElement(NS, "amendmentBody");
        x.writeStartElement(NS, "amendmentHeading");
        x.writeStartElement(NS, "p");
        x.writeCharacters(Xml.clean("[" + a.seq() + "] " + a.kindLabel()
            + (a.kind().ituLabel() == null ? "" : " (" + a.kind().ituLabel() + ")") + " — " + a.attribution()));
        x.writeEndElement();
        x.writeEndElement();
        Paragraph on = target.get(a.seq());
        x.writeStartElement(NS, "amendmentReference");
        x.writeStartElement(NS, "p");
        x.writeStartElement(NS, "ref");
        x.writeAttribute("href", "#" + eIds.getOrDefault(on.id(), "p-" + on.id()));
        x.writeCharacters(Xml.clean(l.paragraph() + " " + on.label()));
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
        x.writeStartElement(NS, "amendmentContent");
        x.writeStartElement(NS, "p");
        for (DiffOp op : a.changes()) {
          switch (op.type()) {
            case EQUAL -> x.writeCharacters(Xml.clean(op.text()));
            case INSERT, DELETE -> {
              x.writeStartElement(NS, op.type() == DiffOp.Type.INSERT ? "ins" : "del");
              x.writeCharacters(Xml.clean(op.text()));
              x.writeEndElement();
            }
          }
        }
        x.writeEndElement();
        x.writeEndElement();
        if (!a.rationales().isEmpty()) {
          x.writeStartElement(NS, "amendmentJustification");
          for (String r : a.rationales()) {
            x.writeStartElement(NS, "p");
            x.writeCharacters(Xml.clean(r));
            x.writeEndElement();
          }
          x.writeEndElement();
        }
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndElement();
    }
  }
}
