package org.plenary.compile;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The package parts every DOCX Plenary writes has alike (the compilation's {@link DocxExporter} and the revision
 * "for comments", {@code word.ForCommentsDocx}): content types, the relationships of the package and of the
 * document, and the plumbing to write a part into the ZIP.
 */
public final class DocxParts {
  private DocxParts() {}

  /** Content types of document, styles, settings and core properties. */
  public static final String CONTENT_TYPES = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
      + ".wordprocessingml.document.main+xml\"/>"
      + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
      + ".wordprocessingml.styles+xml\"/>"
      + "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
      + ".wordprocessingml.settings+xml\"/>"
      + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package"
      + ".core-properties+xml\"/>"
      + "</Types>";

  /** The package's relationships: the document and the core properties. */
  public static final String ROOT_RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
      + "/officeDocument\" Target=\"word/document.xml\"/>"
      + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata"
      + "/core-properties\" Target=\"docProps/core.xml\"/>"
      + "</Relationships>";

  /** The document's relationships: styles (rId1) and settings (rId2). */
  public static final String DOCUMENT_RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
      + "/styles\" Target=\"styles.xml\"/>"
      + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
      + "/settings\" Target=\"settings.xml\"/>"
      + "</Relationships>";

  /** Writes one part of the package. */
  public static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /** Passes writes through but not {@code close}: a part's writer ends, the ZIP goes on. */
  public static final class NonClosing extends FilterOutputStream {
    public NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
