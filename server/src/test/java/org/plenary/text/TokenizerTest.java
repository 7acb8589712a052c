package org.plenary.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tokens of Arabic and mixed text")
class TokenizerTest {
  private static List<String> words(String text) {
    return Tokenizer.tokens(text).stream().filter(t -> !t.isBlank()).toList();
  }

  @Test
  @DisplayName("Arabic comma, semicolon and question mark are tokens of their own")
  void arabicPunctuationSeparates() {
    assertThat(words("مليار، في 2030؛ هل يصعب؟")).containsExactly("مليار", "،", "في", "2030", "؛", "هل", "يصعب", "؟");
  }

  @Test
  @DisplayName("WSIS+20, 2,6, (ITU) and 70/1 stay whole inside Arabic")
  void latinTermsAndNumbersStayWhole() {
    assertThat(words("بعد عشرين عاماً (WSIS+20)؛ لا يزال 2,6 مليار (ITU) بالقرار 70/1 و٢٫٦"))
        .containsExactly("بعد", "عشرين", "عاماً", "(WSIS+20)", "؛", "لا", "يزال", "2,6", "مليار", "(ITU)",
            "بالقرار", "70/1", "و٢٫٦");
    assertThat(words("WSIS+20 كوفيد-19 e-mail")).containsExactly("WSIS+20", "كوفيد-19", "e-mail");
  }

  @Test
  @DisplayName("Arabic words joined by a slash stay apart, and a bracket is its own token")
  void arabicSlashAndBrackets() {
    assertThat(words("الاتصالات/تكنولوجيا [ولا سيما الحكومات]"))
        .containsExactly("الاتصالات", "/", "تكنولوجيا", "[", "ولا", "سيما", "الحكومات", "]");
    assertThat(words("(ح) بقرار (من أجل)")).containsExactly("(ح)", "بقرار", "(", "من", "أجل", ")");
  }

  @Test
  @DisplayName("an empty text has no tokens")
  void empty() {
    assertThat(Tokenizer.tokens("")).isEmpty();
  }
}
