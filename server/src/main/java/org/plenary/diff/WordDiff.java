package org.plenary.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import org.plenary.text.Tokenizer;

/**
 * Word-level diff of two texts over ICU word tokens. The ops, applied in order, rebuild both texts:
 * EQUAL and DELETE runs give the old text, EQUAL and INSERT runs the new one.
 *
 * <pre>
 *   WordDiff.diff("بضمن استمرار", "بضمان استمرار")
 *     → [DELETE "بضمن", INSERT "بضمان", EQUAL " استمرار"]
 * </pre>
 */
public final class WordDiff {
  private WordDiff() {}

  public static List<DiffOp> diff(String oldText, String newText) {
    List<String> a = Tokenizer.tokens(oldText);
    List<String> b = Tokenizer.tokens(newText);
    Patch<String> patch = DiffUtils.diff(a, b);
    List<DiffOp> ops = new ArrayList<>();
    int pos = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      int at = delta.getSource().getPosition();
      append(ops, DiffOp.Type.EQUAL, a.subList(pos, at));
      append(ops, DiffOp.Type.DELETE, delta.getSource().getLines());
      append(ops, DiffOp.Type.INSERT, delta.getTarget().getLines());
      pos = at + delta.getSource().size();
    }
    append(ops, DiffOp.Type.EQUAL, a.subList(pos, a.size()));
    return ops;
  }

  private static void append(List<DiffOp> ops, DiffOp.Type type, List<String> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    String text = String.join("", tokens);
    if (!ops.isEmpty() && ops.get(ops.size() - 1).type() == type) {
      DiffOp last = ops.remove(ops.size() - 1);
      ops.add(new DiffOp(type, last.text() + text));
    } else {
      ops.add(new DiffOp(type, text));
    }
  }
}
