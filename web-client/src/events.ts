// One typed event per user intent; components dispatch them, the root acts on them.
import type { Proposal, Reply } from './api';
import type { Anchor } from './paragraphs';

/** What a proposal may carry besides its text: why, for whom, with whom. */
export interface ProposalExtras {
  rationale?: string;
  onBehalfOf?: string;
  cosponsors?: string[];
}

/**
 * A delegate files a proposal on a paragraph, or on a span of it ({@code anchor}), or a support/objection on the
 * proposal {@code onProposal}.
 */
export class ProposeEvent extends Event {
  static readonly type = 'plenary-propose';

  constructor(readonly paragraph: number, readonly kind: string, readonly text: string,
    readonly onProposal: number | null = null, readonly done: (error: string | null) => void = () => undefined,
    readonly anchor: Anchor | null = null, readonly extra: ProposalExtras = {}) {
    super(ProposeEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * The viewer's delegation supports or objects to a proposal; the same stance again retracts it, the other one
 * replaces it.
 */
export class StanceEvent extends Event {
  static readonly type = 'plenary-stance';

  constructor(readonly proposal: Proposal, readonly kind: 'support' | 'object',
    readonly done: (error: string | null) => void = () => undefined) {
    super(StanceEvent.type, { bubbles: true, composed: true });
  }
}

/** The proposing delegation withdraws its proposal (the version it has seen: If-Match). */
export class WithdrawEvent extends Event {
  static readonly type = 'plenary-withdraw';

  constructor(readonly proposal: Proposal, readonly done: (error: string | null) => void = () => undefined) {
    super(WithdrawEvent.type, { bubbles: true, composed: true });
  }
}

/** The proposing delegation edits the text or rationale of the version it has seen (If-Match). */
export class EditEvent extends Event {
  static readonly type = 'plenary-edit';

  constructor(readonly proposal: Proposal, readonly changes: { text?: string; rationale?: string },
    readonly done: (error: string | null) => void = () => undefined) {
    super(EditEvent.type, { bubbles: true, composed: true });
  }
}

/** A proposal's discussion thread is wanted (opened, or changed): the root reads it and hands it back. */
export class RepliesEvent extends Event {
  static readonly type = 'plenary-replies';

  constructor(readonly proposal: number, readonly done: (replies: Reply[] | null, error: string | null) => void) {
    super(RepliesEvent.type, { bubbles: true, composed: true });
  }
}

/** A participant replies in a proposal's thread. */
export class ReplyEvent extends Event {
  static readonly type = 'plenary-reply';

  constructor(readonly proposal: number, readonly text: string, readonly done: (error: string | null) => void,
    readonly inReplyTo: number | null = null) {
    super(ReplyEvent.type, { bubbles: true, composed: true });
  }
}

/** The proposing delegation invites more delegations to co-sponsor its proposal. */
export class InviteEvent extends Event {
  static readonly type = 'plenary-invite';

  constructor(readonly proposal: Proposal, readonly delegations: string[],
    readonly done: (error: string | null) => void = () => undefined) {
    super(InviteEvent.type, { bubbles: true, composed: true });
  }
}

/** An invited delegation accepts or declines to co-sponsor a proposal. */
export class CosponsorAnswerEvent extends Event {
  static readonly type = 'plenary-cosponsor-answer';

  constructor(readonly proposal: Proposal, readonly accept: boolean,
    readonly done: (error: string | null) => void = () => undefined) {
    super(CosponsorAnswerEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'plenary-propose': ProposeEvent;
    'plenary-stance': StanceEvent;
    'plenary-withdraw': WithdrawEvent;
    'plenary-edit': EditEvent;
    'plenary-invite': InviteEvent;
    'plenary-replies': RepliesEvent;
    'plenary-reply': ReplyEvent;
    'plenary-cosponsor-answer': CosponsorAnswerEvent;
  }
}
