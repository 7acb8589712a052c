package org.plenary.diff;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.plenary.http.Json;

/**
 * Writes the JSON of a revision diff straight to bytes with Jackson's streaming generator: the same
 * document as {@link DiffJson} (same fields, same order), without building a tree of maps first. A
 * 30,000-word diff is a megabyte of JSON: the tree cost more than the diff.
 */
public final class DiffJsonWriter {
  private DiffJsonWriter() {}

  /** Largest buffer a thread keeps between documents (a 30,000-word diff is about a megabyte). */
  static final int KEPT_BUFFER = 4 << 20;

  private static final ThreadLocal<Out> OUT = ThreadLocal.withInitial(Out::new);

  /**
   * A growable byte buffer kept per thread, so that a megabyte document does not allocate (and zero)
   * its blocks again each time; the document is one exact-size copy at the end.
   */
  private static final class Out extends OutputStream {
    byte[] buf = new byte[1 << 16];
    int size;

    @Override
    public void write(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
      }
    }

    byte[] take() {
      byte[] bytes = Arrays.copyOf(buf, size);
      size = 0;
      if (buf.length > KEPT_BUFFER) {
        buf = new byte[1 << 16];
      }
      return bytes;
    }
  }

  /** The endpoint's document: negotiation, both revisions, the ignore codes, then {@link DiffJson#revision}. */
  static byte[] document(long negotiation, RevisionTexts.Loaded from, RevisionTexts.Loaded to, List<String> ignore,
      RevisionDiff.Result result) {
    Out out = OUT.get();
    out.size = 0;
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("negotiation", negotiation);
      revision(g, "from", from);
      revision(g, "to", to);
      g.writeArrayFieldStart("ignore");
      for (String code : ignore) {
        g.writeString(code);
      }
      g.writeEndArray();
      body(g, result);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.take();
  }

  /** {@link DiffJson#revision} as bytes: identical, summary, paragraphs. */
  public static byte[] revision(RevisionDiff.Result result) {
    Out out = OUT.get();
    out.size = 0;
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      body(g, result);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.take();
  }

  private static void body(JsonGenerator g, RevisionDiff.Result result) throws IOException {
    g.writeBooleanField("identical", result.identical());
    g.writeObjectFieldStart("summary");
    for (RevisionDiff.Change c : RevisionDiff.Change.values()) {
      g.writeNumberField(c.code(), result.counts().getOrDefault(c, 0));
    }
    g.writeNumberField("wordsDeleted", result.wordsDeleted());
    g.writeNumberField("wordsInserted", result.wordsInserted());
    g.writeEndObject();
    g.writeArrayFieldStart("paragraphs");
    for (RevisionDiff.Entry e : result.entries()) {
      entry(g, e);
    }
    g.writeEndArray();
  }

  private static void revision(JsonGenerator g, String name, RevisionTexts.Loaded r) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("id", r.id());
    g.writeNumberField("seq", r.seq());
    g.writeStringField("label", r.label());
    g.writeNumberField("bracketCount", r.bracketCount());
    g.writeEndObject();
  }

  private static void entry(JsonGenerator g, RevisionDiff.Entry e) throws IOException {
    g.writeStartObject();
    g.writeStringField("change", e.change().code());
    g.writeNumberField("id", e.id());
    if (e.fromIds().size() != 1 || e.toIds().size() != 1 || !e.fromIds().equals(e.toIds())) {
      ids(g, "fromIds", e.fromIds());
      ids(g, "toIds", e.toIds());
    }
    g.writeStringField("kind", e.kind());
    g.writeStringField("number", e.toIds().isEmpty() ? e.fromNumber() : e.toNumber());
    if (e.renumbered()) {
      g.writeStringField("previousNumber", e.fromNumber());
    }
    g.writeBooleanField("renumbered", e.renumbered());
    g.writeStringField("direction", e.direction());
    position(g, "fromPosition", e.fromPosition());
    position(g, "toPosition", e.toPosition());
    if (!e.ops().isEmpty()) {
      g.writeArrayFieldStart("ops");
      for (DiffOp op : e.ops()) {
        g.writeStartObject();
        g.writeStringField("type", op.type().code());
        g.writeStringField("text", op.text());
        if (op.oldText() != null) {
          g.writeStringField("old", op.oldText());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("wordsDeleted", e.wordsDeleted());
      g.writeNumberField("wordsInserted", e.wordsInserted());
    } else {
      g.writeStringField("text", e.toText() != null ? e.toText() : e.fromText());
      if (e.fromText() != null && e.toText() != null && !e.fromText().equals(e.toText())) {
        g.writeStringField("previousText", e.fromText());
      }
    }
    g.writeEndObject();
  }

  private static void ids(JsonGenerator g, String name, List<Long> ids) throws IOException {
    g.writeArrayFieldStart(name);
    for (long id : ids) {
      g.writeNumber(id);
    }
    g.writeEndArray();
  }

  private static void position(JsonGenerator g, String name, int position) throws IOException {
    if (position < 0) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, position);
    }
  }
}
