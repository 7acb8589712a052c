package org.plenary.draft;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The parts of an uploaded DOCX (a ZIP), read as streams that refuse to inflate too far: a part may expand to
 * at most {@link #MAX_PART_BYTES}, and beyond its first megabyte to at most {@link #MAX_RATIO} times the
 * compressed bytes it has consumed (a zip bomb is stopped while it inflates, not after).
 *
 * <pre>
 *   try (InputStream in = new DocxPackage(bytes).open("word/document.xml")) { … }
 * </pre>
 */
final class DocxPackage {
  /** Largest single part once inflated (document.xml of a 1 MB text is about 10 MB). */
  static final long MAX_PART_BYTES = 100L * 1024 * 1024;
  /** A part inflating to more than this many times its compressed size is a zip bomb. */
  static final int MAX_RATIO = 100;
  /** Inflated bytes a part may reach before the ratio is checked (small parts compress very well). */
  private static final long RATIO_GRACE_BYTES = 1024 * 1024;
  /** What every bomb message says, so it is recognised through a parser's wrapping. */
  static final String EXPANDS = " expands ";

  /** A part inflated too far; the message says so in the uploader's terms. */
  static final class BombException extends IOException {
    BombException(String message) {
      super(message);
    }
  }

  private final byte[] zip;

  DocxPackage(byte[] zip) {
    this.zip = zip;
  }

  /** Whether the package has the part {@code name}. */
  boolean has(String name) throws IOException {
    try (InputStream in = open(name)) {
      return in != null;
    }
  }

  /** The part {@code name} as a bounded stream, or null when the package has none. The caller closes it. */
  InputStream open(String name) throws IOException {
    Counting raw = new Counting(new ByteArrayInputStream(zip));
    ZipInputStream z = new ZipInputStream(raw);
    try {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (e.getName().equals(name)) {
          return new Bounded(z, raw, name);
        }
      }
    } catch (ZipException | IllegalArgumentException e) {
      z.close();
      throw new IOException("not a valid ZIP package: " + e.getMessage(), e);
    }
    z.close();
    return null;
  }

  /** Counts the compressed bytes the inflater has consumed. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** One entry's inflated bytes, refused past the size and ratio limits. */
  private static final class Bounded extends FilterInputStream {
    private final Counting raw;
    private final long compressedStart;
    private final String name;
    private long inflated;

    Bounded(ZipInputStream in, Counting raw, String name) {
      super(in);
      this.raw = raw;
      this.compressedStart = raw.count;
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BombException {
      inflated += n;
      if (inflated > MAX_PART_BYTES) {
        throw new BombException(name + EXPANDS + "beyond " + MAX_PART_BYTES / (1024 * 1024) + " MB");
      }
      long compressed = Math.max(1, raw.count - compressedStart);
      if (inflated > RATIO_GRACE_BYTES && inflated > compressed * MAX_RATIO) {
        throw new BombException(name + EXPANDS + "more than " + MAX_RATIO + " times its compressed size");
      }
    }
  }
}
