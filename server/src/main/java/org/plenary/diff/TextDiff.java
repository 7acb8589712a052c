package org.plenary.diff;

import java.util.List;
import java.util.Objects;

/**
 * A paragraph's current text against a proposed text (an amendment): the word ops and how many words
 * each side changed, with renderers for a tracked-changes view.
 *
 * <pre>
 *   TextDiff d = TextDiff.compare(paragraph.text(), proposal.text(), DiffOptions.ignoring(Ignore.DIACRITICS));
 *   d.plain()  →  "… [-بضمن-]{+بضمان+} استمرار …"
 *   d.html()   →  "… &lt;del&gt;بضمن&lt;/del&gt;&lt;ins&gt;بضمان&lt;/ins&gt; استمرار …"
 * </pre>
 */
public record TextDiff(List<DiffOp> ops, int wordsDeleted, int wordsInserted) {
  public TextDiff {
    ops = List.copyOf(ops);
  }

  public static TextDiff compare(String current, String proposed, DiffOptions options) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(proposed, "proposed");
    List<DiffOp> ops = WordDiff.diff(current, proposed, options);
    int del = 0;
    int ins = 0;
    for (DiffOp op : ops) {
      if (op.type() == DiffOp.Type.DELETE) {
        del += RevisionDiff.countWords(op.text());
      } else if (op.type() == DiffOp.Type.INSERT) {
        ins += RevisionDiff.countWords(op.text());
      }
    }
    return new TextDiff(ops, del, ins);
  }

  public boolean unchanged() {
    return WordDiff.unchanged(ops);
  }

  public String plain() {
    return DiffText.ops(ops);
  }

  public String html() {
    return DiffHtml.ops(ops);
  }
}
