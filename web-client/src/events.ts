// One typed event per user intent; components dispatch them, the root acts on them.

/** A delegate files a proposal on a paragraph (or a support/objection on the proposal {@code onProposal}). */
export class ProposeEvent extends Event {
  static readonly type = 'plenary-propose';

  constructor(readonly paragraph: number, readonly kind: string, readonly text: string,
    readonly onProposal: number | null = null, readonly done: (error: string | null) => void = () => undefined) {
    super(ProposeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'plenary-propose': ProposeEvent;
  }
}
