package org.plenary.draft;

import java.util.List;

/** The paragraphs of a draft in document order, as an importer read them. */
public record ImportedDraft(List<DraftParagraph> paragraphs) {
  public ImportedDraft {
    paragraphs = List.copyOf(paragraphs);
    for (int i = 0; i < paragraphs.size(); i++) {
      int parent = paragraphs.get(i).parent();
      if (parent >= i || parent < -1) {
        throw new IllegalArgumentException("paragraph " + i + " has parent " + parent + ": parents come first");
      }
    }
  }

  /** Open brackets in the whole draft: how negotiators measure what is still to agree. */
  public int bracketCount() {
    return paragraphs.stream().mapToInt(DraftParagraph::brackets).sum();
  }

  /** Paragraphs that are an alternative ("Alt 1", "Alt 2"). */
  public int altCount() {
    return (int) paragraphs.stream().filter(p -> p.alt() != null).count();
  }
}
