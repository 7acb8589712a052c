package org.plenary.diff;

import java.util.List;

/**
 * Plain-text rendering in the style of {@code git diff --word-diff}: deletions as {@code [-old-]},
 * insertions as {@code {+new+}}; one block per paragraph, headed by what happened to it.
 *
 * <pre>
 *   [modified] 2 [-بضمن-]{+بضمان+} استمرار مكتب تنمية الاتصالات …
 *   [renumbered (ح) → (ط)] بالقرار 71 (المراجع في كيغالي، 2022) …
 * </pre>
 */
public final class DiffText {
  private DiffText() {}

  public static String ops(List<DiffOp> ops) {
    StringBuilder b = new StringBuilder();
    appendOps(b, ops);
    return b.toString();
  }

  private static void appendOps(StringBuilder b, List<DiffOp> ops) {
    for (DiffOp op : ops) {
      switch (op.type()) {
        case EQUAL -> b.append(op.text());
        case DELETE -> b.append("[-").append(op.text()).append("-]");
        case INSERT -> b.append("{+").append(op.text()).append("+}");
      }
    }
  }

  public static String revision(RevisionDiff.Result result, String fromLabel, String toLabel) {
    StringBuilder b = new StringBuilder(4096);
    if (fromLabel != null && toLabel != null) {
      b.append("--- ").append(fromLabel).append('\n').append("+++ ").append(toLabel).append('\n');
    }
    b.append(summary(result)).append('\n');
    for (RevisionDiff.Entry e : result.entries()) {
      b.append('\n').append('[').append(e.change().code());
      String number = numberLabel(e);
      if (e.renumbered()) {
        b.append(' ').append(number);
      }
      // A paragraph can move among the others and still stand at the same index (the ones around it moved
      // the other way): then the positions say nothing.
      if ((e.change() == RevisionDiff.Change.MOVED || e.change() == RevisionDiff.Change.MOVED_MODIFIED)
          && e.fromPosition() != e.toPosition()) {
        b.append(", from position ").append(e.fromPosition() + 1).append(" to ").append(e.toPosition() + 1);
      }
      b.append(']');
      if (!e.renumbered() && number != null) {
        b.append(' ').append(number);
      }
      b.append(' ');
      switch (e.change()) {
        case INSERTED -> b.append("{+").append(e.toText()).append("+}");
        case DELETED -> b.append("[-").append(e.fromText()).append("-]");
        default -> {
          if (e.ops().isEmpty()) {
            b.append(e.toText());
          } else {
            appendOps(b, e.ops());
          }
        }
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** "(ح) → (ط)" when the number changed, else the number (or null). */
  static String numberLabel(RevisionDiff.Entry e) {
    if (e.renumbered()) {
      return (e.fromNumber() == null ? "(none)" : e.fromNumber()) + " → "
          + (e.toNumber() == null ? "(none)" : e.toNumber());
    }
    return e.toNumber() != null ? e.toNumber() : e.fromNumber();
  }

  /** "3 modified, 1 inserted, …; 12 words deleted, 30 inserted". */
  public static String summary(RevisionDiff.Result result) {
    StringBuilder b = new StringBuilder();
    for (RevisionDiff.Change c : RevisionDiff.Change.values()) {
      Integer n = result.counts().get(c);
      if (n != null) {
        b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(c.code().replace('_', '+'));
      }
    }
    if (b.length() == 0) {
      b.append("no paragraphs");
    }
    b.append("; ").append(result.wordsDeleted()).append(" words deleted, ").append(result.wordsInserted())
        .append(" inserted");
    return b.toString();
  }
}
