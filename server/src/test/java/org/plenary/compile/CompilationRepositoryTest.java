package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.diff.DiffOp;
import org.plenary.proposal.Anchor;
import org.plenary.proposal.Proposal;

@DisplayName("Stored proposals as the compilation sees them")
class CompilationRepositoryTest {
  private static final String PARAGRAPH = "بضمن تخصيص الموارد اللازمة في حدود الميزانية للإجراءات المذكورة أعلاه،";
  private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 20, 9, 0, 0, 0, ZoneOffset.UTC);

  private static Proposal stored(org.plenary.proposal.ProposalKind kind, String placement, String text,
      Anchor anchor) {
    return new Proposal(7, 1, 2, 100, kind, placement, null, text, "سبب", anchor, "ARAB", "EGY", 5, false,
        "submitted", 1, AT, AT, List.of(new Proposal.Cosponsor("IRQ", "accepted"),
            new Proposal.Cosponsor("SAU", "invited"), new Proposal.Cosponsor("KWT", "declined")));
  }

  private static Anchor span(String exact) {
    int s = PARAGRAPH.codePointCount(0, PARAGRAPH.indexOf(exact));
    return new Anchor(exact, "", "", s, s + exact.codePointCount(0, exact.length()));
  }

  @Test
  @DisplayName("the submitter, the group spoken for, accepted co-sponsors only, and the whole amended paragraph")
  void anchoredAmendment() {
    CompilationSource.Proposal p = CompilationRepository.toSource(
        stored(org.plenary.proposal.ProposalKind.AMEND, null, "بضمان", span("بضمن")), PARAGRAPH);
    assertThat(p.delegation()).isEqualTo("EGY");
    assertThat(p.onBehalfOf()).isEqualTo("ARAB");
    assertThat(p.cosponsors()).containsExactly("IRQ");
    assertThat(p.kind()).isEqualTo(ProposalKind.AMEND);
    assertThat(p.text()).isEqualTo(PARAGRAPH.replace("بضمن", "بضمان"));
    assertThat(p.id()).isEqualTo("7");
    assertThat(p.createdAt()).isEqualTo(AT.toInstant());
  }

  @Test
  @DisplayName("a deleted span is tracked as that span only; the paragraph mark stays")
  void partialDelete() throws Exception {
    CompilationSource.Proposal p = CompilationRepository.toSource(
        stored(org.plenary.proposal.ProposalKind.DELETE, null, "", span(" في حدود الميزانية")), PARAGRAPH);
    assertThat(p.text()).isEqualTo(PARAGRAPH.replace(" في حدود الميزانية", ""));
    CompilationSource source = new CompilationSource(1, "Res 88", 2, "Rev.1", AT.toInstant(),
        List.of(new CompilationSource.Paragraph(100, 0, "3", "operative", PARAGRAPH,
            org.plenary.draft.Direction.RTL, null)), List.of(p), Res88.names(), Res88.groups());
    ConsolidatedDocument doc = CompilationBuilder.build(source, CompilationOptions.DEFAULT);
    ConsolidatedDocument.Amendment a = doc.entries().get(0).amendments().get(0);
    assertThat(a.changes()).filteredOn(op -> op.type() == DiffOp.Type.DELETE).extracting(op -> op.text().strip())
        .containsExactly("في حدود الميزانية");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DocxExporter().write(doc, out);
    var d = DocxExporterTest.documentXml(out.toByteArray());
    var pPrs = d.getElementsByTagNameNS(DocxExporter.W, "pPr");
    for (int i = 0; i < pPrs.getLength(); i++) {
      assertThat(((org.w3c.dom.Element) pPrs.item(i)).getElementsByTagNameNS(DocxExporter.W, "del").getLength())
          .isZero();
    }
  }

  @Test
  @DisplayName("an insertion before a paragraph says so")
  void insertBefore() {
    CompilationSource.Proposal p = CompilationRepository.toSource(
        stored(org.plenary.proposal.ProposalKind.INSERT, "before", "فقرة جديدة", null), PARAGRAPH);
    assertThat(p.placement()).isEqualTo("before");
    CompilationSource source = new CompilationSource(1, "Res 88", 2, "Rev.1", AT.toInstant(),
        List.of(new CompilationSource.Paragraph(100, 0, "3", "operative", PARAGRAPH,
            org.plenary.draft.Direction.RTL, null)), List.of(p), Res88.names(), Res88.groups());
    ConsolidatedDocument doc = CompilationBuilder.build(source, CompilationOptions.DEFAULT);
    assertThat(doc.entries().get(0).amendments().get(0).kindLabel()).isEqualTo("Insertion (new paragraph before 3)");
  }
}
