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
        .isEqualTo("/akn/un/statement/deliberation/plenary/2026-12-01/n1-r2");
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
}
