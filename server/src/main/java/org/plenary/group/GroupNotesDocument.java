package org.plenary.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.plenary.compile.CompilationRepository;
import org.plenary.compile.CompilationSource;
import org.plenary.compile.Language;
import org.plenary.domain.DomainException;
import org.plenary.proposal.Proposal;
import org.plenary.proposal.ProposalKind;

/**
 * A group's notes document, as the coordinator circulates it to capitals: the revision's paragraphs with, under
 * each, the members' notes (with what the coordinator decided on each) and the group's draft position (the
 * proposals it will make, "on behalf of" the group with their co-sponsors). It is a {@link CompilationSource},
 * so the consolidated comments document's exporters write it: DOCX with tracked changes, HTML, Markdown, JSON, CSV.
 */
final class GroupNotesDocument {
  /** What the document shows: the members' notes, the draft position, or both. */
  enum Part {
    NOTES, POSITION, ALL;

    static Part parse(String raw) {
      if (raw == null) {
        return ALL;
      }
      return switch (raw) {
        case "notes" -> NOTES;
        case "position" -> POSITION;
        case "all" -> ALL;
        default -> throw DomainException.invalid("part", "must be notes, position or all");
      };
    }
  }

  private GroupNotesDocument() {}

  static CompilationRepository.Loaded load(DSLContext dsl, GroupSnapshot s, long n, long r, Part part) {
    CompilationRepository.Loaded base = CompilationRepository.load(dsl, n, r, Instant.now())
        .orElseThrow(() -> DomainException.notFound("revision " + r));
    CompilationSource src = base.source();
    Map<Long, CompilationSource.Paragraph> paragraphs = new HashMap<>();
    src.paragraphs().forEach(p -> paragraphs.put(p.id(), p));
    String group = s.place().stage().group();
    List<CompilationSource.Proposal> proposals = new ArrayList<>();
    Map<String, CompilationSource.Fate> fates = new HashMap<>();
    if (part != Part.POSITION) {
      for (GroupStages.Note x : s.notes()) {
        CompilationSource.Paragraph p = paragraphs.get(x.paragraphId());
        Proposal asProposal = GroupStageService.asProposal(x, x.paragraphId());
        proposals.add(new CompilationSource.Proposal("N" + x.id(), x.paragraphId(), kind(x.kind()), x.delegation(), null,
            List.of(), text(asProposal, p), x.rationale(), x.targetId() == null ? null : "N" + x.targetId(), x.state(),
            x.createdAt().toInstant(), x.placement(), start(x.kind(), x.anchor()), end(x.kind(), x.anchor())));
        if (!x.kind().onProposal()) {
          GroupStages.Decision d = s.decisions().get(x.id());
          fates.put("N" + x.id(), new CompilationSource.Fate(fate(d), group));
        }
      }
    }
    if (part != Part.NOTES) {
      for (GroupStages.Item i : s.items()) {
        CompilationSource.Paragraph p = paragraphs.get(i.paragraphId());
        Proposal asProposal = new Proposal(i.id(), n, r, i.paragraphId(), i.kind(), i.placement(), null, i.text(),
            i.rationale(), i.anchor(), group, s.place().stage().coordinator(), i.createdBy(), false, "submitted", 1,
            i.createdAt(), i.createdAt(), List.of());
        proposals.add(new CompilationSource.Proposal("G" + i.id(), i.paragraphId(), kind(i.kind()),
            s.place().stage().coordinator(), group, s.cosponsors(i.id()), text(asProposal, p), i.rationale(), null,
            "submitted", i.createdAt().toInstant(), i.placement(), start(i.kind(), i.anchor()), end(i.kind(), i.anchor())));
      }
    }
    CompilationSource.Names names = src.delegations().get(group);
    boolean arabic = base.defaultLanguage() == Language.AR;
    String groupName = names == null ? group : names.in(base.defaultLanguage(), group);
    String label = arabic ? "ملاحظات " + groupName + " على " + src.revisionLabel()
        : "Notes of the " + groupName + " on " + src.revisionLabel();
    CompilationSource notes = new CompilationSource(n, src.negotiationTitle(), r, label, src.date(), src.paragraphs(),
        proposals, src.delegations(), src.groupMembers(), fates, src.negotiationCreated(), src.revisionPublished());
    return new CompilationRepository.Loaded(notes, base.languages());
  }

  private static String fate(GroupStages.Decision d) {
    if (d == null) {
      return "undecided";
    }
    return switch (d.decision()) {
      case "adopt" -> "adopted";
      case "adopt-modified" -> "adopted-modified";
      default -> d.decision();
    };
  }

  private static org.plenary.compile.ProposalKind kind(ProposalKind k) {
    return org.plenary.compile.ProposalKind.fromCode(k.code());
  }

  /** The text the compilation shows, by the compilation's own rule (CompilationRepository.toSource). */
  private static String text(Proposal x, CompilationSource.Paragraph p) {
    String current = p == null ? "" : p.text();
    String number = p == null ? null : p.number();
    return switch (x.kind()) {
      case AMEND -> Objects.requireNonNullElse(x.proposedParagraph(current, number), current);
      case DELETE -> x.anchor() == null ? "" : Objects.requireNonNullElse(x.proposedParagraph(current), current);
      case RETAIN -> "";
      default -> x.text();
    };
  }

  private static Integer start(ProposalKind k, org.plenary.proposal.Anchor a) {
    return a == null || k == ProposalKind.AMEND || k == ProposalKind.INSERT || k == ProposalKind.DELETE ? null : a.start();
  }

  private static Integer end(ProposalKind k, org.plenary.proposal.Anchor a) {
    return a == null || k == ProposalKind.AMEND || k == ProposalKind.INSERT || k == ProposalKind.DELETE ? null : a.end();
  }
}
