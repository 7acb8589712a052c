package org.plenary.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.text.Normaliser.Ignore;

@DisplayName("Comparison keys of Arabic text")
class NormaliserTest {
  private static String key(String s, Ignore... ignore) {
    return Normaliser.of(ignore.length == 0 ? EnumSet.noneOf(Ignore.class) : EnumSet.of(ignore[0], ignore))
        .key(s);
  }

  @Test
  @DisplayName("with nothing ignored the key is the text itself")
  void exact() {
    assertThat(key("مُجْدٍ")).isEqualTo("مُجْدٍ");
  }

  @Test
  @DisplayName("diacritics ignored: tashkeel, shadda and dagger alef vanish, hamza seats stay")
  void diacritics() {
    assertThat(key("مُجْدٍ", Ignore.DIACRITICS)).isEqualTo("مجد");
    assertThat(key("يذكّر", Ignore.DIACRITICS)).isEqualTo("يذكر");
    assertThat(key("هٰذا", Ignore.DIACRITICS)).isEqualTo("هذا");
    assertThat(key("الإقليمية", Ignore.DIACRITICS)).isEqualTo("الإقليمية");
    assertThat(key("Genève", Ignore.DIACRITICS)).isEqualTo("Geneve");
  }

  @Test
  @DisplayName("hamza ignored: أ إ آ ٱ read as ا, ؤ as و, ئ as ي")
  void hamza() {
    assertThat(key("الإقليمية", Ignore.HAMZA)).isEqualTo("الاقليمية");
    assertThat(key("والأقليمية", Ignore.HAMZA)).isEqualTo("والاقليمية");
    assertThat(key("آفاق مسؤول رئيس", Ignore.HAMZA)).isEqualTo("افاق مسوول رييس");
  }

  @Test
  @DisplayName("tatweel, alef maqsura, digits and case are each folded only on request")
  void others() {
    assertThat(key("الاتصـــالات", Ignore.TATWEEL)).isEqualTo("الاتصالات");
    assertThat(key("الاتصـــالات", Ignore.DIACRITICS)).isEqualTo("الاتصـــالات");
    assertThat(key("على", Ignore.ALEF_MAQSURA)).isEqualTo("علي");
    assertThat(key("٢٠٢٥ ۲۰۲۵ ٢٫٦", Ignore.DIGITS)).isEqualTo("2025 2025 2,6");
    assertThat(key("ITU Itu", Ignore.CASE)).isEqualTo("itu itu");
    assertThat(key("ITU", Ignore.HAMZA)).isEqualTo("ITU");
  }

  @Test
  @DisplayName("option codes read from URLs and the command line, with synonyms")
  void codes() {
    assertThat(Ignore.fromCode("alef-maqsura")).isEqualTo(Ignore.ALEF_MAQSURA);
    assertThat(Ignore.fromCode(" Tashkeel ")).isEqualTo(Ignore.DIACRITICS);
    assertThat(Ignore.fromCode("nonsense")).isNull();
  }
}
