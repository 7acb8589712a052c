package org.plenary.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Numbering schemes of UN and ITU drafts")
class NumberingTest {
  @Test
  @DisplayName("Arabic letters follow abjad order: (ح) is the 8th item and (ط) the 9th")
  void abjad() {
    assertThat(Numbering.abjadValue("أ")).isEqualTo(1);
    assertThat(Numbering.abjadValue("هـ")).isEqualTo(5);
    assertThat(Numbering.abjadValue("ه")).isEqualTo(5);
    assertThat(Numbering.abjadValue("ح")).isEqualTo(8);
    assertThat(Numbering.abjadValue("ط")).isEqualTo(9);
    assertThat(Numbering.abjadValue("غ")).isEqualTo(28);
    assertThat(Numbering.abjadValue("x")).isZero();
    assertThat(Numbering.abjad(9)).isEqualTo("ط");
    assertThat(Numbering.abjad(29)).isNull();
    for (int i = 1; i <= 28; i++) {
      assertThat(Numbering.abjadValue(Numbering.abjad(i))).isEqualTo(i);
    }
    assertThat(String.join(" ", Numbering.ABJAD))
        .isEqualTo("أ ب ج د هـ و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ");
    assertThat(Numbering.arabicAlpha(3)).isEqualTo("ت");
  }

  @Test
  @DisplayName("roman numerals read only in canonical form")
  void roman() {
    assertThat(Numbering.romanValue("i")).isEqualTo(1);
    assertThat(Numbering.romanValue("iv")).isEqualTo(4);
    assertThat(Numbering.romanValue("XII")).isEqualTo(12);
    assertThat(Numbering.romanValue("iiii")).isZero();
    assertThat(Numbering.romanValue("ic")).isZero();
    assertThat(Numbering.romanValue("abc")).isZero();
    for (int v = 1; v < 4000; v += 7) {
      assertThat(Numbering.romanValue(Numbering.roman(v))).isEqualTo(v);
    }
  }

  @Test
  @DisplayName("Western, Arabic-Indic and Extended Arabic-Indic digits have the same values")
  void digits() {
    assertThat(Numbering.parseDigits("12")).isEqualTo(12);
    assertThat(Numbering.parseDigits("١٢")).isEqualTo(12);
    assertThat(Numbering.parseDigits("۱۲")).isEqualTo(12);
    assertThat(Numbering.parseDigits("1a")).isEqualTo(-1);
    assertThat(Numbering.parseDigits("")).isEqualTo(-1);
    assertThat(Numbering.westernDigits("القرار ٨٨")).isEqualTo("القرار 88");
    assertThat(Numbering.arabicIndicDigits("2.1")).isEqualTo("٢.١");
  }

  @Test
  @DisplayName("bis, ter, quater and مكرراً rank the paragraphs inserted after a number")
  void suffixes() {
    assertThat(Numbering.suffixRank("bis")).isEqualTo(2);
    assertThat(Numbering.suffixRank("ter")).isEqualTo(3);
    assertThat(Numbering.suffixRank("Quater")).isEqualTo(4);
    assertThat(Numbering.suffixRank("مكرراً")).isEqualTo(2);
    assertThat(Numbering.suffixRank("مكرر")).isEqualTo(2);
    assertThat(Numbering.suffixRank("مكرراً ثانياً")).isEqualTo(3);
    assertThat(Numbering.suffixRank("مكرراً ثالثاً")).isEqualTo(4);
    assertThat(Numbering.suffixRank("twice")).isZero();
  }

  @Test
  @DisplayName("footnote references print as superscript digits")
  void superscripts() {
    assertThat(Numbering.superscriptNumber(1)).isEqualTo("¹");
    assertThat(Numbering.superscriptNumber(12)).isEqualTo("¹²");
    assertThat(Numbering.superscriptValue('⁴')).isEqualTo(4);
    assertThat(Numbering.superscriptValue('4')).isEqualTo(-1);
  }
}
