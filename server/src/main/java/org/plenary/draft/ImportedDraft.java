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

  public int bracketCount() {
    return paragraphs.stream().mapToInt(DraftParagraph::brackets).sum();
  }
}
