package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

@DisplayName("The revision as Akoma Ntoso")
class AknExporterTest {
  private static final String NS = AknExporter.NS;

  static Schema schema() throws SAXException {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    URL xsd = AknExporterTest.class.getResource("/akn/akomantoso30.xsd");
    return f.newSchema(xsd);
  }

  static byte[] akn(CompilationSource source) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AknExporter().write(CompilationBuilder.build(source, CompilationOptions.DEFAULT.withLanguage(Language.AR)), out);
    return out.toByteArray();
  }

  static void validate(byte[] xml) throws Exception {
    Validator v = schema().newValidator();
    v.validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  private static List<Element> all(Document d, String local) {
    NodeList nodes = d.getElementsByTagNameNS(NS, local);
    java.util.ArrayList<Element> out = new java.util.ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  @Test
  @DisplayName("the Arabic zero draft with its proposals is valid against the OASIS akomantoso30.xsd")
  void validAgainstTheSchema() throws Exception {
    validate(akn(Res88.source()));
  }

  @Test
  @DisplayName("the draft without proposals is valid too, and has no amendment list")
  void validWithoutProposals() throws Exception {
    byte[] xml = akn(Res88.source(Res88.paragraphs(), List.of()));
    validate(xml);
    assertThat(all(parse(xml), "amendmentList")).isEmpty();
  }

  @Test
  @DisplayName("preface, recitals, operative paragraphs, the footnote as authorial note, AKN4UN IRIs, amendments")
  void structure() throws Exception {
    Document d = parse(akn(Res88.source()));
    assertThat(all(d, "docTitle").get(0).getTextContent()).isEqualTo("القرار 88 (كيغالي، 2022)");
    List<Element> recitals = all(d, "recitals");
    assertThat(recitals).hasSize(3);
    assertThat(recitals.get(0).getElementsByTagNameNS(NS, "intro").item(0).getTextContent().strip())
        .isEqualTo("إذ يذكّر");
    assertThat(recitals.get(0).getElementsByTagNameNS(NS, "recital").getLength()).isEqualTo(8);
    assertThat(all(d, "formula")).singleElement().satisfies(f ->
        assertThat(f.getTextContent()).contains("إن المؤتمر العالمي لتنمية الاتصالات"));
    Element body = all(d, "mainBody").get(0);
    assertThat(body.getElementsByTagNameNS(NS, "hcontainer").getLength()).isEqualTo(3);
    assertThat(body.getElementsByTagNameNS(NS, "paragraph").getLength()).isEqualTo(6);
    assertThat(body.getTextContent()).contains("بضمن تخصيص الموارد اللازمة");
    // the footnote is an authorial note where "¹" cites it, inside recital (ب)
    Element note = all(d, "authorialNote").get(0);
    assertThat(note.getAttribute("marker")).isEqualTo("¹");
    assertThat(note.getTextContent()).startsWith("تشمل أقل البلدان نمواً");
    assertThat(((Element) note.getParentNode().getParentNode()).getElementsByTagNameNS(NS, "num").item(0)
        .getTextContent()).isEqualTo("(ب)");
    // AKN4UN-style IRIs
    Element work = all(d, "FRBRWork").get(0);
    assertThat(((Element) work.getElementsByTagNameNS(NS, "FRBRuri").item(0)).getAttribute("value"))
        .isEqualTo("/akn/un/statement/deliberation/plenary/2026-12-01/n1");
    assertThat(((Element) all(d, "FRBRlanguage").get(0)).getAttribute("language")).isEqualTo("ara");
    // the proposals as an amendment list, changes marked
    assertThat(all(d, "amendmentList")).hasSize(1);
    assertThat(all(d, "amendment")).hasSize(10);
    assertThat(all(d, "ins")).anySatisfy(i -> assertThat(i.getTextContent()).isEqualTo("بضمان"));
    assertThat(all(d, "ref")).allSatisfy(r -> assertThat(r.getAttribute("href")).matches("#[a-z_0-9]+"));
  }

  @Test
  @DisplayName("a footnote numbered 1 is placed at the superscript ¹ of its citing paragraph, not inside \"135\"")
  void footnoteMarker() throws Exception {
    List<CompilationSource.Paragraph> ps = List.of(
        new CompilationSource.Paragraph(1, 0, null, "title", "القرار 88", org.plenary.draft.Direction.RTL, null),
        new CompilationSource.Paragraph(2, 1, "1", "operative", "بالقرار 135 للبلدان النامية¹ وتنفيذ المشاريع",
            org.plenary.draft.Direction.RTL, null),
        new CompilationSource.Paragraph(3, 2, "1", "footnote", "تشمل أقل البلدان نمواً.",
            org.plenary.draft.Direction.RTL, 2L));
    byte[] xml = akn(Res88.source(ps, List.of()));
    validate(xml);
    Element note = all(parse(xml), "authorialNote").get(0);
    assertThat(note.getAttribute("marker")).isEqualTo("1");
    assertThat(note.getPreviousSibling().getTextContent()).isEqualTo("بالقرار 135 للبلدان النامية");
    assertThat(note.getNextSibling().getTextContent()).isEqualTo(" وتنفيذ المشاريع");
  }

  @Test
  @DisplayName("the validator rejects a statement without meta and mainBody (so the checks above can fail)")
  void validatorRejects() {
    byte[] bad = ("<akomaNtoso xmlns=\"" + NS + "\"><statement name=\"x\"><preface/></statement></akomaNtoso>")
        .getBytes(StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> validate(bad)).isInstanceOf(SAXException.class);
  }

  @Test
  @DisplayName("an English draft with unstructured paragraphs is valid as well")
  void plainEnglish() throws Exception {
    List<CompilationSource.Paragraph> ps = List.of(
        new CompilationSource.Paragraph(1, 0, null, "text", "Draft outcome of the WSIS+20 review",
            org.plenary.draft.Direction.LTR, null),
        new CompilationSource.Paragraph(2, 1, null, "text", "We reaffirm the <vision> & \"principles\".",
            org.plenary.draft.Direction.LTR, null));
    byte[] xml = akn(Res88.source(ps, List.of()));
    validate(xml);
    assertThat(new String(xml, StandardCharsets.UTF_8)).contains("&lt;vision&gt; &amp;");
  }

  private static byte[] akn(CompilationSource source, CompilationOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AknExporter().write(CompilationBuilder.build(source, options), out);
    return out.toByteArray();
  }

  private static String value(Element parent, String local, String attribute) {
    return ((Element) parent.getElementsByTagNameNS(NS, local).item(0)).getAttribute(attribute);
  }

  @Test
  @DisplayName("FRBR dates are the negotiation's creation, the revision's publication and each submission, not the export")
  void stableIdentifiers() throws Exception {
    CompilationSource fixture = ExportGoldenTest.fixture();
    CompilationOptions ar = CompilationOptions.DEFAULT.withLanguage(Language.AR);
    byte[] now = akn(fixture, ar);
    CompilationSource later = new CompilationSource(fixture.negotiationId(), fixture.negotiationTitle(),
        fixture.revisionId(), fixture.revisionLabel(), fixture.date().plusSeconds(86_400 * 40), fixture.paragraphs(),
        fixture.proposals(), fixture.delegations(), fixture.groupMembers(), fixture.fates(),
        fixture.negotiationCreated(), fixture.revisionPublished());
    assertThat(akn(later, ar)).as("exported 40 days later").isEqualTo(now);
    validate(now);
    Document d = parse(now);
    Element work = all(d, "FRBRWork").get(0);
    assertThat(value(work, "FRBRuri", "value")).isEqualTo("/akn/un/statement/deliberation/plenary/2026-10-05/n1");
    assertThat(value(work, "FRBRdate", "date")).isEqualTo("2026-10-05");
    Element expression = all(d, "FRBRExpression").get(0);
    assertThat(value(expression, "FRBRuri", "value"))
        .isEqualTo("/akn/un/statement/deliberation/plenary/2026-10-05/n1/ara@r2");
    assertThat(value(expression, "FRBRdate", "date")).isEqualTo("2026-11-18");
    assertThat(value(expression, "FRBRversionNumber", "value")).isEqualTo("Zero draft");
    // each amendment is dated by its submission and named by its proposal
    Element first = all(d, "amendment").get(0);
    assertThat(value(first, "FRBRuri", "value")).isEqualTo("/akn/un/amendment/proposal/2026-11-20/n1-p802");
    assertThat(value(first, "FRBRdate", "date")).isEqualTo("2026-11-20");
    assertThat(new String(now, StandardCharsets.UTF_8)).doesNotContain("2026-12-01");
  }

  @Test
  @DisplayName("each delegation is a TLCOrganization, each amendment's proposer refers to it, remarks and reactions are notes")
  void delegationsAndRemarks() throws Exception {
    Document d = parse(akn(ExportGoldenTest.fixture(), CompilationOptions.DEFAULT.withLanguage(Language.AR)));
    java.util.Set<String> organizations = new java.util.HashSet<>();
    all(d, "TLCOrganization").forEach(o -> organizations.add("#" + o.getAttribute("eId")));
    assertThat(organizations).contains("#org_egy", "#org_arab", "#org_usa", "#org_pak", "#org_tun");
    assertThat(all(d, "TLCOrganization")).anySatisfy(o -> {
      assertThat(o.getAttribute("eId")).isEqualTo("org_arab");
      assertThat(o.getAttribute("showAs")).isEqualTo("المجموعة العربية");
    });
    for (Element a : all(d, "amendment")) {
      Element author = (Element) ((Element) a.getElementsByTagNameNS(NS, "FRBRWork").item(0))
          .getElementsByTagNameNS(NS, "FRBRauthor").item(0);
      assertThat(organizations).contains(author.getAttribute("href"));
      Element org = (Element) a.getElementsByTagNameNS(NS, "organization").item(0);
      assertThat(org.getAttribute("refersTo")).isEqualTo(author.getAttribute("href"));
    }
    // the comment, question, reservation and general remark on paragraphs; the support, objection, reservation
    // on amendments: every one is a note, and each note on a paragraph or amendment is referred to there
    List<Element> notes = all(d, "note");
    assertThat(notes).extracting(n -> n.getAttribute("class"))
        .contains("comment", "question", "reservation", "support", "object");
    assertThat(notes).hasSize(8);
    java.util.Set<String> referred = new java.util.HashSet<>();
    all(d, "noteRef").forEach(r -> referred.add(r.getAttribute("href").substring(1)));
    assertThat(notes.stream().map(n -> n.getAttribute("eId")).filter(referred::contains)).hasSize(7);
    // content in the other language says so
    assertThat(all(d, "span")).anySatisfy(span -> {
      assertThat(span.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang")).isEqualTo("en");
      assertThat(span.getTextContent()).isEqualTo("We prefer the current figure.");
    });
  }

  @Test
  @DisplayName("ITU's MOD / ADD / SUP only when asked; a non-attributed export names no delegation")
  void ituOnlyWhenAsked() throws Exception {
    CompilationSource fixture = ExportGoldenTest.fixture();
    String plain = new String(akn(fixture, CompilationOptions.DEFAULT), StandardCharsets.UTF_8);
    assertThat(plain).doesNotContain("(MOD)").doesNotContain("(ADD)");
    CompilationOptions itu = new CompilationOptions(java.util.Set.of(), java.util.Set.of(), java.util.Set.of(),
        java.util.Set.of(), null, null, false, Language.EN, true, false, true, Layout.LIST, true);
    byte[] anonymous = akn(fixture, itu);
    validate(anonymous);
    String text = new String(anonymous, StandardCharsets.UTF_8);
    assertThat(text).contains("(MOD)").contains("(ADD)").doesNotContain("TLCOrganization eId=\"org_")
        .doesNotContain("Egypt").doesNotContain("EGY").contains("/akn/un/amendment/proposal/2026-11-20/n1-r2-a1");
  }
}
