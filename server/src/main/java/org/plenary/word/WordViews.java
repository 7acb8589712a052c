package org.plenary.word;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of a Word import: the preview (what the file holds, mapped to paragraphs) and what was created. */
final class WordViews {
  private WordViews() {}

  static Map<String, Object> preview(WordProposals.Result result, boolean dryRun) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dryRun", dryRun);
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("paragraphs", result.fileParagraphs());
    file.put("mappedById", result.mappedById());
    file.put("mappedByText", result.mappedByText());
    out.put("file", file);
    List<Object> proposals = new ArrayList<>();
    for (WordProposals.Proposal x : result.proposals()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("kind", x.kind());
      Map<String, Object> para = new LinkedHashMap<>();
      para.put("id", x.paragraph().id());
      para.put("number", x.paragraph().number());
      para.put("label", x.paragraph().label());
      para.put("text", x.paragraph().text());
      j.put("paragraph", para);
      j.put("placement", x.placement());
      j.put("anchor", x.anchor() == null ? null : org.plenary.proposal.Anchor.selector(x.anchor().exact(),
          x.anchor().prefix(), x.anchor().suffix(), x.anchor().start(), x.anchor().end()));
      j.put("text", x.text());
      j.put("wordsInserted", x.wordsInserted());
      j.put("wordsDeleted", x.wordsDeleted());
      j.put("inserted", x.inserted());
      j.put("deleted", x.deleted());
      j.put("authors", x.authors().stream().map(a -> {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", a.name());
        w.put("date", a.date());
        return w;
      }).toList());
      if (x.mapping() == null) {
        j.put("mapping", null);
      } else {
        j.put("mapping", Map.of("by", x.mapping().by(), "confidence", x.mapping().confidence()));
      }
      j.put("filePosition", x.filePosition());
      if (x.commentId() != null) {
        j.put("wordComment", x.commentId());
      }
      proposals.add(j);
    }
    out.put("proposals", proposals);
    out.put("unmapped", result.unmapped().stream().map(u -> {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("filePosition", u.filePosition());
      j.put("text", u.text());
      j.put("reason", u.reason());
      return j;
    }).toList());
    out.put("formattingChanges", result.formattingChanges());
    return out;
  }
}
