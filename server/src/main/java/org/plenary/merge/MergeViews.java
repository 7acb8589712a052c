package org.plenary.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.draft.Revisions;
import org.plenary.domain.DomainException;
import org.plenary.proposal.Proposal;
import org.plenary.proposal.Proposals;

/** The merge's records as JSON maps, in the API's field names. */
final class MergeViews {
  private MergeViews() {}

  static Map<String, Object> workspace(Workspaces.Rev ws) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", ws.id());
    out.put("seq", ws.seq());
    out.put("label", ws.label());
    out.put("basedOn", ws.basedOn());
    out.put("state", ws.state());
    return out;
  }

  static Map<String, Object> paragraph(Workspaces.Para p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", p.id());
    out.put("position", p.position());
    out.put("kind", p.kind());
    out.put("number", p.number());
    out.put("parent", p.parent());
    out.put("text", p.text());
    out.put("direction", p.direction());
    out.put("status", p.status());
    out.put("deleted", p.position() == null);
    out.put("version", p.version());
    out.put("etag", p.etag());
    return out;
  }

  static Map<String, Object> decided(MergeService.Decided d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("proposal", d.proposalId());
    out.put("decision", d.decision() == null ? "open" : d.decision());
    out.put("etag", Proposal.etag(d.proposalId(), d.proposalVersion()));
    out.put("paragraph", d.paragraph() == null ? null : paragraph(d.paragraph()));
    return out;
  }

  /** A batch's outcome: per item the decision as {@link #decided} gives it, or the refusal as a problem. */
  static Map<String, Object> outcomes(List<DecisionBatch.Outcome> outcomes, String instance) {
    List<Object> results = new ArrayList<>();
    int refused = 0;
    for (DecisionBatch.Outcome o : outcomes) {
      if (o.refused() == null) {
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("status", 200);
        ok.putAll(decided(o.decided()));
        results.add(ok);
      } else {
        refused++;
        org.plenary.http.Problem problem = org.plenary.http.Problem.from(o.refused());
        Map<String, Object> no = new LinkedHashMap<>();
        no.put("status", problem.status());
        no.put("proposal", o.item().proposalId());
        no.put("problem", org.plenary.http.ProblemHandler.body(problem, instance));
        results.add(no);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("decided", outcomes.size() - refused);
    out.put("refused", refused);
    out.put("results", results);
    return out;
  }

  static Map<String, Object> combination(Workspaces.Combination c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.id());
    out.put("workspace", c.workspaceId());
    out.put("paragraph", c.paragraphId());
    out.put("text", c.text());
    out.put("note", c.note());
    out.put("result", c.textAfter());
    return out;
  }

  static Map<String, Object> published(Publication.Published p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("revision", p.revisionId());
    out.put("label", p.label());
    out.put("fates", p.fates());
    out.put("carried", p.carried());
    out.put("needsRebase", p.needsRebase());
    return out;
  }

  /**
   * The workspace on revision {@code r} as the facilitators work in it: each paragraph (with its citation, its
   * text in Rev.N and now, the word ops between them, its ETag) with the proposals on it and their decisions,
   * and the progress: decided and open, per paragraph and overall.
   */
  static Map<String, Object> overview(DSLContext dsl, Membership m, MergeService merge, long n, long r) {
    MergeService.requireChair(m);
    Workspaces.Rev ws = MergeService.workspaceOn(dsl, n, r);
    Revisions.Revision now = Revisions.get(dsl, n, ws.id()).orElseThrow(() -> DomainException.notFound("workspace"));
    Map<Long, String> baseText = new HashMap<>();
    Workspaces.paragraphs(dsl, r).forEach(p -> baseText.put(p.id(), p.text()));
    Map<Long, Workspaces.Para> current = new HashMap<>();
    Workspaces.paragraphs(dsl, ws.id()).forEach(p -> current.put(p.id(), p));
    Map<Long, Workspaces.Decision> decisions = merge.decisions(dsl, n, r);
    Map<Long, List<Map<String, Object>>> byParagraph = new HashMap<>();
    Map<Long, Integer> replies = Proposals.replyCounts(dsl, r);
    int decided = 0;
    int open = 0;
    for (Proposal p : Proposals.all(dsl, r)) {
      Workspaces.Decision d = decisions.get(p.id());
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("id", p.id());
      x.put("kind", p.kind().code());
      x.put("placement", p.placement());
      x.put("target", p.targetId());
      x.put("delegation", p.delegation());
      x.put("submittedBy", p.submittedBy());
      x.put("cosponsors", p.acceptedCosponsors());
      x.put("text", p.text());
      x.put("rationale", p.rationale());
      x.put("anchor", p.anchor() == null ? null : p.anchor().selector());
      x.put("state", p.state());
      x.put("etag", p.etag());
      x.put("decision", d == null ? "open" : d.decision());
      x.put("note", d == null ? null : d.note());
      x.put("combination", d == null ? null : d.combinationId());
      x.put("replies", replies.getOrDefault(p.id(), 0));
      boolean counts = Proposal.SUBMITTED.equals(p.state()) && !p.kind().code().equals("support")
          && !p.kind().code().equals("object");
      if (counts) {
        if (d == null || "defer".equals(d.decision())) {
          open++;
        } else {
          decided++;
        }
      }
      byParagraph.computeIfAbsent(p.paragraphId(), k -> new ArrayList<>()).add(x);
    }
    List<Map<String, Object>> paragraphs = new ArrayList<>();
    for (Revisions.Paragraph p : now.paragraphs()) {
      Map<String, Object> x = new LinkedHashMap<>();
      Workspaces.Para c = current.get(p.id());
      x.put("id", p.id());
      x.put("label", p.label());
      x.put("kind", p.kind());
      x.put("number", p.number());
      x.put("status", p.status());
      x.put("text", p.text());
      x.put("direction", p.direction());
      String before = baseText.get(p.id());
      x.put("baseText", before);
      x.put("ops", before == null ? List.of() : TokenMerge.ops(before, p.text()));
      x.put("etag", c == null ? null : c.etag());
      x.put("proposals", byParagraph.getOrDefault(p.id(), List.of()));
      paragraphs.add(x);
    }
    List<Map<String, Object>> deleted = new ArrayList<>();
    for (Revisions.Deleted d : now.deleted()) {
      Workspaces.Para c = current.get(d.id());
      deleted.add(Map.of("id", d.id(), "text", d.text(), "etag", c == null ? "" : c.etag(),
          "proposals", byParagraph.getOrDefault(d.id(), List.of())));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", workspace(ws));
    out.put("progress", Map.of("decided", decided, "open", open));
    out.put("paragraphs", paragraphs);
    out.put("deleted", deleted);
    return out;
  }
}
