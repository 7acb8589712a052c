package org.plenary.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Names and emails typed by users")
class UserTextTest {
  @Test
  @DisplayName("Arabic, Latin, and Arabic with Latin acronyms are fine as names")
  void goodNames() {
    assertThat(UserText.problemWithPersonName("أحمد عبد الله")).isNull();
    assertThat(UserText.problemWithPersonName("Maria Fernández")).isNull();
    assertThat(UserText.problemWithPersonName("وفد مصر (ITU)")).isNull();
    assertThat(UserText.problemWithPersonName("مُحَمَّد")).isNull();
    assertThat(UserText.problemWithPersonName("Иван Петров")).isNull();
  }

  @Test
  @DisplayName("a Cyrillic letter inside a Latin name is flagged, naming the scripts")
  void confusableMixedScripts() {
    String cyrillicA = "M\u0430ria";
    assertThat(UserText.problemWithPersonName(cyrillicA)).contains("Cyrillic").contains("Latin");
    assertThat(UserText.problemWithPersonName("Egypt \u0395gypt")).contains("Greek");
    assertThat(UserText.problemWithEmail("p\u0430ypal@example.org")).contains("Cyrillic");
  }

  @Test
  @DisplayName("bidi controls and zero-width characters are refused in names and emails")
  void invisibles() {
    assertThat(UserText.problemWithPersonName("Egypt\u202E")).contains("U+202E");
    assertThat(UserText.problemWithPersonName("Eg\u200Bypt")).contains("U+200B");
    assertThat(UserText.problemWithEmail("dele\u200Dgate@example.org")).contains("U+200D");
    assertThat(UserText.problemWithEmail("delegate@example\u2066.org")).contains("U+2066");
    assertThat(UserText.problemWithEmail("delegate@example.org")).isNull();
    assertThat(UserText.problemWithEmail("not-an-email")).contains("email address");
  }

  @Test
  @DisplayName("mixing Arabic-Indic and Western digits in a name is flagged")
  void mixedDigits() {
    assertThat(UserText.problemWithPersonName("Room 1\u0662")).contains("digits");
  }
}
