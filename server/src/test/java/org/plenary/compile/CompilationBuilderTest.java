package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.compile.ConsolidatedDocument.Amendment;
import org.plenary.compile.ConsolidatedDocument.Entry;
import org.plenary.diff.DiffOp;

@DisplayName("Building the consolidated document")
class CompilationBuilderTest {
  private static final CompilationSource SOURCE = Res88.source();

  private static Entry entryQuoting(ConsolidatedDocument doc, String quote) {
    return doc.entries().stream().filter(e -> e.paragraph().text().contains(quote)).findFirst().orElseThrow();
  }

  private static CompilationOptions options(String query) {
    Map<String, List<String>> params = new java.util.LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String kv : query.split("&")) {
        String[] p = kv.split("=", 2);
        params.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p.length > 1 ? p[1] : "");
      }
    }
    return CompilationOptions.parse(params, Language.AR);
  }

  @Test
  @DisplayName("an amendment on behalf of the Arab Group names the delegation, the group and the co-sponsors")
  void attribution() {
    ConsolidatedDocument doc = CompilationBuilder.build(SOURCE, options("lang=en"));
    Entry e = entryQuoting(doc, "لا يزال 2,9 مليار شخص");
    Amendment p1 = e.amendments().get(0);
    assertThat(p1.ids()).containsExactly("p1");
    assertThat(p1.sponsors()).singleElement().satisfies(s -> {
      assertThat(s.delegation()).isEqualTo("EGY");
      assertThat(s.onBehalfOf()).isEqualTo("ARAB");
      assertThat(s.cosponsors()).containsExactly("IRQ", "ARE", "SAU");
    });
    assertThat(p1.attribution())
        .isEqualTo("Egypt on behalf of Arab Group, co-sponsored by Iraq, United Arab Emirates, Saudi Arabia");
    assertThat(p1.author()).isEqualTo("Arab Group (Egypt)");

    assertThat(p1.ituLabel()).isNull();
    assertThat(entryQuoting(CompilationBuilder.build(SOURCE, options("lang=en&itu=true")), "لا يزال 2,9 مليار شخص")
        .amendments().get(0).ituLabel()).isEqualTo("MOD");
    assertThat(entryQuoting(CompilationBuilder.build(SOURCE, options("itu=true")), "المشاركة بفعالية في تقديم")
        .amendments().get(0).ituLabel()).isEqualTo("إلغاء");
    ConsolidatedDocument ar = CompilationBuilder.build(SOURCE, options(""));
    Amendment arabic = entryQuoting(ar, "لا يزال 2,9 مليار شخص").amendments().get(0);
    assertThat(arabic.attribution()).startsWith("مصر باسم المجموعة العربية").contains("العراق");
    assertThat(arabic.kindLabel()).isEqualTo("تعديل");
  }

  @Test
  @DisplayName("two conflicting amendments of one paragraph stay apart, the support hangs under the one it backs")
  void conflictingAmendmentsAndSupport() {
    ConsolidatedDocument doc = CompilationBuilder.build(SOURCE, CompilationOptions.DEFAULT);
    Entry e = entryQuoting(doc, "لا يزال 2,9 مليار شخص");
    assertThat(e.amendments()).extracting(a -> a.ids().get(0)).containsExactly("p1", "p12");
    assertThat(e.amendments().get(0).reactions()).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(ProposalKind.SUPPORT);
      assertThat(r.delegation()).isEqualTo("ARE");
      assertThat(r.target()).isEqualTo(e.amendments().get(0).seq());
    });
    assertThat(e.amendments().get(1).reactions()).isEmpty();
    // the reservation names no proposal: it sits under its paragraph, like the comment
    assertThat(entryQuoting(doc, "يدعو المؤسسات المالية الدولية").remarks()).extracting(r -> r.kind())
        .containsExactly(ProposalKind.RESERVATION);
    assertThat(entryQuoting(doc, "التحالف الرقمي للشراكة من أجل التوصل (P2C)").remarks())
        .extracting(r -> r.delegation()).containsExactly("MAR");
  }

  @Test
  @DisplayName("the amendment's changes are word-level against the paragraph, without the pasted number")
  void changes() {
    ConsolidatedDocument doc = CompilationBuilder.build(SOURCE, CompilationOptions.DEFAULT);
    Amendment p9 = entryQuoting(doc, "بضمن استمرار مكتب").amendments().get(0);
    assertThat(p9.text()).startsWith("بضمان استمرار");
    assertThat(p9.changes()).filteredOn(op -> op.type() != DiffOp.Type.EQUAL).extracting(DiffOp::text)
        .containsExactly("بضمن", "بضمان");
    Amendment p1 = entryQuoting(doc, "لا يزال 2,9 مليار شخص").amendments().get(0);
    assertThat(p1.changes()).filteredOn(op -> op.type() == DiffOp.Type.INSERT).extracting(DiffOp::text)
        .anySatisfy(t -> assertThat(t).contains("2,6"));
    Amendment delete = entryQuoting(doc, "المشاركة بفعالية في تقديم التقارير").amendments().get(0);
    assertThat(delete.kind()).isEqualTo(ProposalKind.DELETE);
    assertThat(delete.changes()).singleElement().extracting(DiffOp::type).isEqualTo(DiffOp.Type.DELETE);
    Amendment insert = entryQuoting(doc, "بالقرار 37 (المراجع في كيغالي، 2022) لهذا المؤتمر").amendments().get(0);
    assertThat(insert.kind()).isEqualTo(ProposalKind.INSERT);
    assertThat(insert.changes()).singleElement().extracting(DiffOp::type).isEqualTo(DiffOp.Type.INSERT);
    assertThat(insert.kindLabel()).startsWith("Insertion (new paragraph after PP7 (ز))");
  }

  @Test
  @DisplayName("identical proposals from several delegations appear once with all names")
  void grouping() {
    List<CompilationSource.Proposal> proposals = new ArrayList<>(Res88.proposals(SOURCE.paragraphs()));
    CompilationSource.Proposal p3 = proposals.stream().filter(p -> p.id().equals("p3")).findFirst().orElseThrow();
    // the same text with other spacing, and once more with a diacritic (kasra) and a tatweel
    proposals.add(new CompilationSource.Proposal("p3-kwt", p3.paragraphId(), ProposalKind.AMEND, "KWT", null,
        List.of(), "  " + p3.text().replace(" ", "  ") + " ", "", null, "submitted", p3.createdAt().plusSeconds(5)));
    proposals.add(new CompilationSource.Proposal("p3-omn", p3.paragraphId(), ProposalKind.AMEND, "OMN", null,
        List.of(), p3.text().replace("بضمن", "بِضمـن"), "", null, "submitted", p3.createdAt().plusSeconds(9)));
    CompilationSource source = Res88.source(SOURCE.paragraphs(), proposals);

    Entry strict = entryQuoting(CompilationBuilder.build(source, options("lang=en")), "بضمن تخصيص الموارد");
    assertThat(strict.amendments()).hasSize(2);
    assertThat(strict.amendments().get(0).sponsors()).extracting(s -> s.delegation()).containsExactly("SAU", "KWT");
    assertThat(strict.amendments().get(0).attribution())
        .isEqualTo("Saudi Arabia, co-sponsored by Kuwait, Bahrain; Kuwait");

    Entry loose = entryQuoting(CompilationBuilder.build(source, options("diacritics=ignore")), "بضمن تخصيص الموارد");
    assertThat(loose.amendments()).singleElement().satisfies(a ->
        assertThat(a.sponsors()).extracting(s -> s.delegation()).containsExactly("SAU", "KWT", "OMN"));
    ConsolidatedDocument doc = CompilationBuilder.build(source, options("diacritics=ignore"));
    assertThat(doc.header().counts().submissions()).isEqualTo(doc.header().counts().amendments() + 2);
  }

  @Test
  @DisplayName("the non-attributed mode names no delegation anywhere, and numbers the proposals instead")
  void nonAttributed() {
    ConsolidatedDocument doc = CompilationBuilder.build(SOURCE, options("attributed=false&lang=en"));
    Entry e = entryQuoting(doc, "لا يزال 2,9 مليار شخص");
    Amendment a = e.amendments().get(0);
    assertThat(a.sponsors()).isEmpty();
    assertThat(a.ids()).isEmpty();
    assertThat(a.author()).isEqualTo("Proposal " + a.seq());
    assertThat(a.reactions()).allSatisfy(r -> {
      assertThat(r.by()).isNull();
      assertThat(r.delegation()).isNull();
    });
    assertThat(doc.summary().delegations()).isEmpty();
    assertThat(doc.header().counts().delegations()).isZero();
  }

  @Test
  @DisplayName("filters by delegation, group, kind and paragraph range; rationales can be left out")
  void filters() {
    ConsolidatedDocument egy = CompilationBuilder.build(SOURCE, options("delegation=egy&empty=false"));
    assertThat(egy.entries()).flatExtracting(Entry::amendments).flatExtracting(Amendment::ids)
        .containsExactly("p1", "p13");
    // IRQ only co-sponsors p1 and proposes p2 on behalf of G77
    ConsolidatedDocument irq = CompilationBuilder.build(SOURCE, options("delegation=IRQ&empty=false"));
    assertThat(irq.entries()).flatExtracting(Entry::amendments).flatExtracting(Amendment::ids)
        .containsExactlyInAnyOrder("p1", "p2");
    ConsolidatedDocument eu = CompilationBuilder.build(SOURCE, options("group=EU&empty=false"));
    assertThat(eu.entries()).flatExtracting(Entry::amendments).flatExtracting(Amendment::ids).containsExactly("p4");
    ConsolidatedDocument arab = CompilationBuilder.build(SOURCE, options("group=ARAB&kind=amend&empty=false"));
    assertThat(arab.entries()).flatExtracting(Entry::amendments).flatExtracting(Amendment::ids)
        .containsExactlyInAnyOrder("p1", "p12", "p3", "p9");
    ConsolidatedDocument deletes = CompilationBuilder.build(SOURCE, options("kind=delete,retain&empty=false"));
    assertThat(deletes.entries()).flatExtracting(Entry::amendments).extracting(Amendment::kind)
        .containsExactlyInAnyOrder(ProposalKind.DELETE, ProposalKind.RETAIN);
    int pos = Res88.paragraphQuoting(SOURCE, "لا يزال 2,9 مليار شخص").position();
    ConsolidatedDocument range = CompilationBuilder.build(SOURCE, options("from=" + pos + "&to=" + (pos + 1)));
    assertThat(range.entries()).hasSize(2);
    assertThat(range.entries().get(0).amendments()).hasSize(2);
    ConsolidatedDocument noRationale = CompilationBuilder.build(SOURCE, options("rationale=false"));
    assertThat(noRationale.entries()).flatExtracting(Entry::amendments).allSatisfy(a ->
        assertThat(a.rationales()).isEmpty());
    assertThat(CompilationBuilder.build(SOURCE, CompilationOptions.DEFAULT).entries()).flatExtracting(
        Entry::amendments).anySatisfy(a -> assertThat(a.rationales()).isNotEmpty());
  }

  @Test
  @DisplayName("withdrawn proposals are left out unless asked for by state")
  void states() {
    List<CompilationSource.Proposal> proposals = new ArrayList<>();
    for (CompilationSource.Proposal p : Res88.proposals(SOURCE.paragraphs())) {
      proposals.add(p.id().equals("p12") ? new CompilationSource.Proposal(p.id(), p.paragraphId(), p.kind(),
          p.delegation(), p.onBehalfOf(), p.cosponsors(), p.text(), p.rationale(), p.target(), "withdrawn",
          p.createdAt()) : p);
    }
    CompilationSource source = Res88.source(SOURCE.paragraphs(), proposals);
    assertThat(entryQuoting(CompilationBuilder.build(source, CompilationOptions.DEFAULT), "لا يزال 2,9 مليار شخص")
        .amendments()).hasSize(1);
    assertThat(entryQuoting(CompilationBuilder.build(source, options("state=withdrawn")), "لا يزال 2,9 مليار شخص")
        .amendments()).extracting(a -> a.ids().get(0)).containsExactly("p12");
  }

  @Test
  @DisplayName("the summary counts proposals per paragraph and per delegation")
  void summary() {
    ConsolidatedDocument doc = CompilationBuilder.build(SOURCE, CompilationOptions.DEFAULT);
    ConsolidatedDocument.Counts c = doc.header().counts();
    assertThat(c.amendments()).isEqualTo(10);
    assertThat(c.reactions()).isEqualTo(2);
    assertThat(c.remarks()).isEqualTo(1);
    long p1Paragraph = Res88.paragraphQuoting(SOURCE, "لا يزال 2,9 مليار شخص").id();
    assertThat(doc.summary().paragraphs()).filteredOn(r -> r.id() == p1Paragraph).singleElement().satisfies(r -> {
      assertThat(r.amendments()).isEqualTo(2);
      assertThat(r.reactions()).isEqualTo(1);
      assertThat(r.delegations()).isEqualTo(3);
    });
    assertThat(doc.summary().delegations()).filteredOn(r -> r.code().equals("EGY")).singleElement()
        .satisfies(r -> assertThat(r.amendments()).isEqualTo(2));
    assertThat(doc.summary().delegations()).filteredOn(r -> r.code().equals("ARAB")).singleElement()
        .satisfies(r -> assertThat(r.amendments()).isEqualTo(2));
    assertThat(doc.summary().delegations()).filteredOn(r -> r.code().equals("IRQ")).singleElement()
        .satisfies(r -> {
          assertThat(r.amendments()).isEqualTo(1);
          assertThat(r.cosponsored()).isEqualTo(1);
        });
  }

  @Test
  @DisplayName("bad options are all reported, each with its parameter")
  void badOptions() {
    assertThatThrownBy(() -> options("kind=amend,shout&from=-1&to=x&lang=fr&attributed=maybe&colour=red"))
        .isInstanceOfSatisfying(CompilationOptions.Invalid.class, e -> assertThat(e.errors())
            .extracting(Map.Entry::getKey)
            .containsExactlyInAnyOrder("colour", "kind", "from", "to", "lang", "attributed"));
    assertThatThrownBy(() -> options("from=9&to=3")).isInstanceOfSatisfying(CompilationOptions.Invalid.class,
        e -> assertThat(e.errors()).extracting(Map.Entry::getKey).containsExactly("to"));
    assertThat(options("delegation=egy,sau").delegations()).isEqualTo(Set.of("EGY", "SAU"));
  }
}
