package org.plenary.draft;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** DOCX files built with POI for tests: a real Arabic resolution with Word numbering, and hostile files. */
public final class TestDocx {
  private TestDocx() {}

  /**
   * Res. 88 in Arabic as Word writes it: Title style, right-to-left (bidi) paragraphs, the preambular items
   * numbered by Word in abjad order "(%1)", the operative ones in decimal "%1", a footnote, a tracked
   * insertion and a tracked deletion.
   */
  public static byte[] arabicResolution() {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XWPFStyles styles = doc.createStyles();
      styles.addStyle(style("Title", "Title"));
      styles.addStyle(style("Heading2", "heading 2"));
      XWPFNumbering numbering = doc.createNumbering();
      BigInteger abjad = list(numbering, 1, STNumberFormat.ARABIC_ABJAD, "(%1)");
      BigInteger decimal = list(numbering, 2, STNumberFormat.DECIMAL, "%1");

      XWPFParagraph title = rtl(doc, "القرار 88 (كيغالي، 2022)");
      title.setStyle("Title");
      rtl(doc, "التحالف الرقمي للشراكة من أجل التوصيل (P2C)");
      rtl(doc, "إن المؤتمر العالمي لتنمية الاتصالات (كيغالي، 2022)،");
      rtl(doc, "إذ يذكّر");
      numbered(rtl(doc, "بالقرار 70/1 للجمعية العامة للأمم المتحدة (UNGA)؛"), abjad);
      XWPFParagraph cites = numbered(rtl(doc, "بالقرار 135 بشأن المساعدة التقنية للبلدان النامية"), abjad);
      XWPFFootnote note = doc.createFootnote();
      note.createParagraph().createRun().setText("تشمل أقل البلدان نمواً.");
      cites.addFootnoteReference(note);
      cites.createRun().setText("؛");
      XWPFParagraph tracked = numbered(rtl(doc, "بالقرار 139 بشأن سد الفجوة الرقمية "), abjad);
      CTR deleted = tracked.getCTP().addNewDel().addNewR();
      deleted.addNewDelText().setStringValue("القديمة ");
      CTR inserted = tracked.getCTP().addNewIns().addNewR();
      inserted.addNewT().setStringValue("(WSIS+20)؛");
      rtl(doc, "يقرر");
      numbered(rtl(doc, "بمواصلة متابعة عمل مكتب تنمية الاتصالات؛"), decimal);
      numbered(rtl(doc, "بضمان تخصيص الموارد اللازمة."), decimal);
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A short English draft with a Word heading style and lower-letter numbering. */
  static byte[] englishDraft(String... operative) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XWPFNumbering numbering = doc.createNumbering();
      BigInteger letters = list(numbering, 1, STNumberFormat.LOWER_LETTER, "%1)");
      doc.createParagraph().createRun().setText("RESOLUTION 1 (Test, 2026)");
      doc.createParagraph().createRun().setText("recalling");
      XWPFParagraph a = doc.createParagraph();
      a.createRun().setText("the first preambular item;");
      numbered(a, letters);
      XWPFParagraph b = doc.createParagraph();
      b.createRun().setText("the second preambular item,");
      numbered(b, letters);
      doc.createParagraph().createRun().setText("resolves");
      int i = 1;
      for (String text : operative) {
        doc.createParagraph().createRun().setText(i++ + " " + text);
      }
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A two-level Word list, decimal "%1." over lower-letter "(%2)", with the letters restarting under each
   * number; then a list in Arabic-Indic digits "%1 -" starting at 5.
   */
  static byte[] multiLevel() {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XWPFNumbering numbering = doc.createNumbering();
      CTAbstractNum abs = CTAbstractNum.Factory.newInstance();
      abs.setAbstractNumId(BigInteger.valueOf(7));
      CTLvl top = abs.addNewLvl();
      top.setIlvl(BigInteger.ZERO);
      top.addNewStart().setVal(BigInteger.ONE);
      top.addNewNumFmt().setVal(STNumberFormat.DECIMAL);
      top.addNewLvlText().setVal("%1.");
      CTLvl sub = abs.addNewLvl();
      sub.setIlvl(BigInteger.ONE);
      sub.addNewStart().setVal(BigInteger.ONE);
      sub.addNewNumFmt().setVal(STNumberFormat.LOWER_LETTER);
      sub.addNewLvlText().setVal("(%2)");
      BigInteger list = numbering.addNum(numbering.addAbstractNum(new XWPFAbstractNum(abs, numbering)));
      doc.createParagraph().createRun().setText("Decides");
      String[][] items = {{"0", "to convene a meeting:"}, {"1", "in New York;"}, {"1", "in 2026;"},
          {"0", "to report:"}, {"1", "every year."}};
      for (String[] item : items) {
        XWPFParagraph p = doc.createParagraph();
        p.createRun().setText(item[1]);
        p.setNumID(list);
        p.setNumILvl(new BigInteger(item[0]));
      }
      CTAbstractNum hindi = CTAbstractNum.Factory.newInstance();
      hindi.setAbstractNumId(BigInteger.valueOf(8));
      CTLvl h = hindi.addNewLvl();
      h.setIlvl(BigInteger.ZERO);
      h.addNewStart().setVal(BigInteger.valueOf(5));
      h.addNewNumFmt().setVal(STNumberFormat.HINDI_NUMBERS);
      h.addNewLvlText().setVal("%1 -");
      BigInteger arabic = numbering.addNum(numbering.addAbstractNum(new XWPFAbstractNum(hindi, numbering)));
      XWPFParagraph p = rtl(doc, "يطلب إلى الأمين العام تقديم تقرير؛");
      p.setNumID(arabic);
      p.setNumILvl(BigInteger.ZERO);
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static XWPFStyle style(String id, String name) {
    CTStyle s = CTStyle.Factory.newInstance();
    s.setStyleId(id);
    s.addNewName().setVal(name);
    s.setType(STStyleType.PARAGRAPH);
    return new XWPFStyle(s);
  }

  private static BigInteger list(XWPFNumbering numbering, int id, STNumberFormat.Enum format, String text) {
    CTAbstractNum abs = CTAbstractNum.Factory.newInstance();
    abs.setAbstractNumId(BigInteger.valueOf(id));
    CTLvl lvl = abs.addNewLvl();
    lvl.setIlvl(BigInteger.ZERO);
    lvl.addNewStart().setVal(BigInteger.ONE);
    lvl.addNewNumFmt().setVal(format);
    lvl.addNewLvlText().setVal(text);
    BigInteger abstractId = numbering.addAbstractNum(new XWPFAbstractNum(abs, numbering));
    return numbering.addNum(abstractId);
  }

  private static XWPFParagraph rtl(XWPFDocument doc, String text) {
    XWPFParagraph p = doc.createParagraph();
    CTPPr ppr = p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr();
    ppr.addNewBidi();
    var run = p.createRun();
    run.getCTR().addNewRPr().addNewRtl();
    run.setText(text);
    return p;
  }

  private static XWPFParagraph numbered(XWPFParagraph p, BigInteger numId) {
    p.setNumID(numId);
    p.setNumILvl(BigInteger.ZERO);
    return p;
  }

  /** A copy of {@code docx} with {@code part} replaced by {@code content}. */
  static byte[] withPart(byte[] docx, String part, byte[] content) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(docx));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(e.getName().equals(part) ? content : in.readAllBytes());
        out.closeEntry();
      }
      out.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String part(byte[] docx, String part) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(docx))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(part)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      throw new IllegalArgumentException("no part " + part);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A zip bomb: document.xml padded with 30 MB of spaces, which deflate about a thousandfold. */
  static byte[] zipBomb() {
    byte[] docx = englishDraft("to act.");
    String xml = part(docx, "word/document.xml");
    byte[] padded = (xml + " ".repeat(30 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
    return withPart(docx, "word/document.xml", padded);
  }

  /** document.xml with an external entity that would read a local file. */
  static byte[] externalEntity() {
    byte[] docx = englishDraft("to act.");
    String xml = part(docx, "word/document.xml");
    int rootStart = xml.indexOf("<w:document");
    String doctype = "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
    String evil = xml.substring(0, rootStart) + doctype + xml.substring(rootStart)
        .replace("to act.", "&xxe;");
    return withPart(docx, "word/document.xml", evil.getBytes(StandardCharsets.UTF_8));
  }

  /** The start of an OLE2 compound file, as a Word 97-2003 .doc begins. */
  static byte[] ole2() {
    byte[] b = new byte[1024];
    byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    System.arraycopy(magic, 0, b, 0, magic.length);
    return b;
  }
}
