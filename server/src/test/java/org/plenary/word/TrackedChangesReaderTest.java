package org.plenary.word;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading an untrusted Word file")
class TrackedChangesReaderTest {
  static final String BODY = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      + "<w:body><w:p><w:r><w:t>نص</w:t></w:r></w:p></w:body></w:document>";

  static byte[] docx(String document, String extraName, byte[] extra) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      if (extraName != null) {
        z.putNextEntry(new ZipEntry(extraName));
        z.write(extra);
        z.closeEntry();
      }
      z.putNextEntry(new ZipEntry("word/document.xml"));
      z.write(document.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    return out.toByteArray();
  }

  @Test
  @DisplayName("a part that inflates beyond the limit is refused, even one that is not read (a zip bomb)")
  void zipBomb() throws Exception {
    byte[] bomb = docx(BODY, "word/media/image1.png", new byte[(int) (TrackedChangesReader.MAX_INFLATED_BYTES + 1024)]);
    assertThat(bomb.length).isLessThan(1_000_000);
    assertThatThrownBy(() -> TrackedChangesReader.read(bomb)).isInstanceOf(UnreadableWordFile.class)
        .hasMessageContaining("zip bomb");
  }

  @Test
  @DisplayName("a document type declaration (and so any external entity) is refused")
  void noDtd() throws Exception {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + BODY;
    assertThatThrownBy(() -> TrackedChangesReader.read(docx(xxe, null, null)))
        .isInstanceOf(UnreadableWordFile.class).hasMessageContaining("document type declaration");
  }

  @Test
  @DisplayName("not a ZIP, a .doc, a package without a document, broken XML: each a message for the user")
  void unreadable() throws Exception {
    assertThatThrownBy(() -> TrackedChangesReader.read("hello".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a DOCX");
    assertThatThrownBy(() -> TrackedChangesReader.read(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}))
        .hasMessageContaining(".doc");
    byte[] broken = docx("<w:document", null, null);
    assertThatThrownBy(() -> TrackedChangesReader.read(broken)).isInstanceOf(UnreadableWordFile.class)
        .hasMessageContaining("not well-formed");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("content.xml"));
      z.write(BODY.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    assertThatThrownBy(() -> TrackedChangesReader.read(out.toByteArray())).hasMessageContaining("no word/document.xml");
    assertThat(TrackedChangesReader.read(docx(BODY, "word/media/small.png", new byte[1000])).paragraphs())
        .singleElement().satisfies(p -> assertThat(p.original()).isEqualTo("نص"));
  }
}
