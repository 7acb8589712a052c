package org.plenary.proposal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.plenary.domain.DomainException;

/**
 * A revision's comment window: open until {@code deadline} (UTC; none means open), optionally under the
 * silence procedure, in which the only input accepted is an objection that breaks silence on a named
 * paragraph.
 *
 * <pre>
 *   new CommentWindow(deadline, false).requireOpen(now)                       // 409 after the deadline
 *   new CommentWindow(deadline, true).requireAllowed(ProposalKind.AMEND, false, now) // 409: silence
 * </pre>
 */
public record CommentWindow(OffsetDateTime deadline, boolean silence, Long supersededBy, String supersededLabel) {
  public CommentWindow(OffsetDateTime deadline, boolean silence) {
    this(deadline, silence, null, null);
  }

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'");

  public boolean isOpen(OffsetDateTime now) {
    return deadline == null || now.isBefore(deadline);
  }

  /** Refuses any change once the deadline has passed, with a problem that states the deadline. */
  public void requireOpen(OffsetDateTime now) {
    if (!isOpen(now)) {
      String at = deadline.withOffsetSameInstant(ZoneOffset.UTC).format(UTC);
      throw new DomainException(DomainException.Kind.CONFLICT, "comment-window-closed",
          "the deadline for this revision was " + at + "; nothing can be proposed, edited or withdrawn after it",
          List.of(), Map.of("deadline",
              deadline.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    }
  }

  /**
   * Refuses input the window does not take: anything after the deadline, and under the silence procedure
   * everything but an objection on a paragraph ({@code onProposal} false).
   */
  public void requireAllowed(ProposalKind kind, boolean onProposal, OffsetDateTime now) {
    if (supersededBy != null) {
      // a newer revision is published: proposals go on it (reading, replies and exports of this one stay)
      throw new DomainException(DomainException.Kind.CONFLICT, "superseded", "this revision is superseded by "
          + supersededLabel + " (revision " + supersededBy + "): propose on that one", List.of(),
          Map.of("supersededBy", supersededBy, "label", supersededLabel));
    }
    requireOpen(now);
    if (silence && (kind != ProposalKind.OBJECT || onProposal)) {
      throw new DomainException(DomainException.Kind.CONFLICT, "silence-procedure",
          "this revision is under silence procedure until " + deadline.withOffsetSameInstant(ZoneOffset.UTC).format(UTC)
              + ": the only input accepted is an objection (kind \"object\") that breaks silence on a named paragraph",
          List.of(new DomainException.FieldError("kind", "must be \"object\" with a paragraph during the silence procedure")),
          Map.of("deadline",
              deadline.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    }
  }

  /** True when an objection now breaks silence. */
  public boolean breaksSilence(ProposalKind kind, boolean onProposal, OffsetDateTime now) {
    return silence && isOpen(now) && kind == ProposalKind.OBJECT && !onProposal;
  }
}
