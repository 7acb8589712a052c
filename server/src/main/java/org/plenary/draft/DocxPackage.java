package org.plenary.draft;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * The parts of an uploaded DOCX (a ZIP), found through its central directory (so reaching one part never
 * inflates another) and read as streams that refuse to inflate too far: a part may expand to at most
 * {@link #MAX_PART_BYTES}, and beyond its first megabyte to at most {@link #MAX_RATIO} times its compressed
 * size (a zip bomb is stopped while it inflates, not after).
 *
 * <pre>
 *   try (DocxPackage pkg = DocxPackage.open(bytes); InputStream in = pkg.part("word/document.xml")) { … }
 * </pre>
 */
final class DocxPackage implements Closeable {
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

  private final ZipFile zip;
  private final long length;

  private DocxPackage(ZipFile zip, long length) {
    this.zip = zip;
    this.length = length;
  }

  /** The package in {@code bytes}; an IOException saying "not a valid ZIP" when it is none. */
  static DocxPackage open(byte[] bytes) throws IOException {
    try {
      return new DocxPackage(ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get(),
          bytes.length);
    } catch (IOException | RuntimeException e) {
      throw new IOException("not a valid ZIP package: " + e.getMessage(), e);
    }
  }

  /** The part {@code name} as a bounded stream, or null when the package has none. The caller closes it. */
  InputStream part(String name) throws IOException {
    ZipArchiveEntry entry = zip.getEntry(name);
    if (entry == null || entry.isDirectory()) {
      return null;
    }
    // The central directory's compressed size is the sender's word: never more than the whole file.
    long compressed = entry.getCompressedSize() > 0 ? Math.min(entry.getCompressedSize(), length) : length;
    return new Bounded(zip.getInputStream(entry), compressed, name);
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  /** One entry's inflated bytes, refused past the size and ratio limits. */
  private static final class Bounded extends FilterInputStream {
    private final long compressed;
    private final String name;
    private long inflated;

    Bounded(InputStream in, long compressed, String name) {
      super(in);
      this.compressed = compressed;
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
      if (inflated > RATIO_GRACE_BYTES && inflated > compressed * MAX_RATIO) {
        throw new BombException(name + EXPANDS + "more than " + MAX_RATIO + " times its compressed size");
      }
    }
  }
}
