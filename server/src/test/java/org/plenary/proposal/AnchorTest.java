package org.plenary.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.domain.DomainException;

@DisplayName("Span anchors on a paragraph")
class AnchorTest {
  static final String PARAGRAPH = "لا يزال 2,9 مليار شخص غير متصلين بالإنترنت، و2,9 في المائة 𝟚 (ITU)";

  @Test
  @DisplayName("a quote that occurs once is found, with context stored around it")
  void findsQuote() {
    Anchor a = Anchor.resolve(PARAGRAPH, new Anchor.Input("مليار شخص", null, null, null, null));
    assertThat(a.start()).isEqualTo(12);
    assertThat(a.prefix()).isEqualTo("لا يزال 2,9 ");
    assertThat(a.apply(PARAGRAPH, "مليون نسمة")).startsWith("لا يزال 2,9 مليون نسمة غير");
  }

  @Test
  @DisplayName("on a newer text the span is found again by its quote; where its words are gone it does not apply (null), it never throws")
  void newerText() {
    Anchor a = Anchor.resolve(PARAGRAPH, new Anchor.Input("مليار شخص", null, null, null, null));
    // words inserted before the span: the offsets are stale, the quote and its context single it out again
    String longer = PARAGRAPH.replace("لا يزال", "لا يزال حتى اليوم");
    assertThat(a.fits(longer)).isFalse(); // the prefix stored with the span changed as well
    Anchor bare = new Anchor("مليار شخص", "", "", a.start(), a.end());
    assertThat(bare.apply(longer, "مليون نسمة")).startsWith("لا يزال حتى اليوم 2,9 مليون نسمة غير");
    // the quoted words changed (same length, so the offsets still fit the text): no application, no wrong one
    assertThat(bare.apply(PARAGRAPH.replace("مليار شخص", "مليار نسمة"), "x")).isNull();
    // a much shorter text: the offsets lie outside it
    assertThat(a.apply("لا يزال", "x")).isNull();
    assertThat(a.fits("لا يزال")).isFalse();
  }

  @Test
  @DisplayName("a quote that occurs twice needs a prefix, suffix or offsets")
  void ambiguousQuote() {
    assertThatThrownBy(() -> Anchor.resolve(PARAGRAPH, new Anchor.Input("2,9", null, null, null, null)))
        .isInstanceOf(DomainException.class).hasMessageContaining("occurs 2 times");
    Anchor a = Anchor.resolve(PARAGRAPH, new Anchor.Input("2,9", "و", null, null, null));
    assertThat(PARAGRAPH.codePoints().skip(a.start()).limit(3)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()).isEqualTo("2,9");
    assertThat(a.start()).isGreaterThan(20);
  }

  @Test
  @DisplayName("offsets count code points, so a character outside the BMP counts once")
  void codePointOffsets() {
    int start = PARAGRAPH.codePointCount(0, PARAGRAPH.indexOf("(ITU)"));
    Anchor a = Anchor.resolve(PARAGRAPH, new Anchor.Input("(ITU)", null, null, start, start + 5));
    assertThat(a.end()).isEqualTo(PARAGRAPH.codePointCount(0, PARAGRAPH.length()));
    assertThatThrownBy(() -> Anchor.resolve(PARAGRAPH, new Anchor.Input("(ITU)", null, null, start + 1, start + 6)))
        .isInstanceOf(DomainException.class);
  }

  @Property
  @Label("any span given by its offsets resolves to itself, and by quote plus context to the same offsets")
  void roundTrip(@ForAll @IntRange(min = 0, max = 60) int from, @ForAll @IntRange(min = 1, max = 8) int length) {
    int total = PARAGRAPH.codePointCount(0, PARAGRAPH.length());
    int start = Math.min(from, total - 1);
    int end = Math.min(total, start + length);
    String exact = new String(PARAGRAPH.codePoints().toArray(), start, end - start);
    Anchor byOffsets = Anchor.resolve(PARAGRAPH, new Anchor.Input(exact, null, null, start, end));
    assertThat(byOffsets.start()).isEqualTo(start);
    Anchor byQuote = Anchor.resolve(PARAGRAPH, new Anchor.Input(exact, byOffsets.prefix(), byOffsets.suffix(), null, null));
    assertThat(byQuote).isEqualTo(byOffsets);
    assertThat(byOffsets.apply(PARAGRAPH, exact)).isEqualTo(PARAGRAPH);
  }
}
