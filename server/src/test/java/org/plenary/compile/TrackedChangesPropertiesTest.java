package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.plenary.draft.Direction;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Accepting every tracked change of an amendment gives the proposal; rejecting them gives the paragraph. */
class TrackedChangesPropertiesTest {
  private static final List<String> WORDS = List.of("التوصيلية", "الهادفة", "بضمن", "بضمان", "(ITU)", "WSIS+20",
      "2,9", "١٢٣", "،", "؛", "و", "the", "digital", "مجدٍ", "–", "«التوصيل»", "<b>", "&", "\"");

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(25)
        .map(ws -> String.join(" ", ws));
  }

  @Property(tries = 60)
  void acceptAndRejectRebuildBothTexts(@ForAll("texts") String paragraph, @ForAll("texts") String proposal)
      throws Exception {
    CompilationSource source = new CompilationSource(1, "Res 88", 2, "Rev.1", Instant.EPOCH,
        List.of(new CompilationSource.Paragraph(10, 0, null, "operative", paragraph, Direction.of(paragraph), null)),
        List.of(new CompilationSource.Proposal("a", 10L, ProposalKind.AMEND, "EGY", null, List.of(), proposal, "",
            null, "submitted", Instant.EPOCH)), Res88.names(), Res88.groups());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DocxExporter().write(CompilationBuilder.build(source, CompilationOptions.DEFAULT), out);
    Document d = DocxExporterTest.documentXml(out.toByteArray());
    Element amended = null;
    var ps = d.getElementsByTagNameNS(DocxExporter.W, "p");
    for (int i = 0; i < ps.getLength(); i++) {
      Element p = (Element) ps.item(i);
      var style = p.getElementsByTagNameNS(DocxExporter.W, "pStyle");
      if (style.getLength() > 0 && ((Element) style.item(0)).getAttributeNS(DocxExporter.W, "val").equals("Amendment")) {
        amended = p;
      }
    }
    assertThat(amended).isNotNull();
    StringBuilder accepted = new StringBuilder();
    StringBuilder rejected = new StringBuilder();
    collect(amended, false, false, accepted, rejected);
    assertThat(accepted.toString()).isEqualTo(proposal.strip());
    assertThat(rejected.toString()).isEqualTo(paragraph);
  }

  private static void collect(Node node, boolean inIns, boolean inDel, StringBuilder accepted, StringBuilder rejected) {
    for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (!(c instanceof Element e)) {
        continue;
      }
      switch (e.getLocalName()) {
        case "ins" -> collect(e, true, inDel, accepted, rejected);
        case "del" -> collect(e, inIns, true, accepted, rejected);
        case "t" -> {
          if (!inDel) {
            accepted.append(e.getTextContent());
          }
          if (!inIns) {
            rejected.append(e.getTextContent());
          }
        }
        case "delText" -> rejected.append(e.getTextContent());
        case "pPr" -> { }
        default -> collect(e, inIns, inDel, accepted, rejected);
      }
    }
  }
}
