import type { LiveEvent, Proposal } from './api';

/** Proposal counts of one paragraph: the total and per kind (for the heat map of contested paragraphs). */
export interface Counts {
  total: number;
  byKind: Record<string, number>;
}

/** Kinds a delegate files on a paragraph through the form; support and object are filed on a proposal. */
export const PARAGRAPH_KINDS = ['amend', 'comment', 'question', 'reservation', 'retain', 'delete'] as const;

/** Kinds whose text field is required. */
export function needsText(kind: string): boolean {
  return kind === 'amend' || kind === 'insert' || kind === 'comment' || kind === 'question' || kind === 'reservation';
}

/**
 * The proposals of one revision, as this user may see them. Plain TypeScript: the root feeds it the
 * initial list and the proposals named by live events; it fires "change" whenever what is shown changes.
 */
export class ProposalBoard extends EventTarget {
  private readonly byId = new Map<number, Proposal>();

  constructor(readonly revision: number) {
    super();
  }

  load(list: Proposal[]): void {
    this.byId.clear();
    for (const p of list) if (p.revision === this.revision) this.byId.set(p.id, p);
    this.changed();
  }

  /** Adds or replaces a proposal; an older version (a late answer) never overwrites a newer one. */
  upsert(p: Proposal): boolean {
    if (p.revision !== this.revision) return false;
    const current = this.byId.get(p.id);
    if (current && current.version > p.version) return false;
    this.byId.set(p.id, p);
    this.changed();
    return true;
  }

  get size(): number {
    return this.visible().length;
  }

  /** The paragraph's own proposals (not supports/objections), oldest first; withdrawn ones are not shown. */
  forParagraph(paragraph: number): Proposal[] {
    return this.visible()
      .filter((p) => p.paragraph === paragraph && p.target === null)
      .sort((a, b) => a.id - b.id);
  }

  /** Supports and objections filed on one proposal. */
  responsesTo(proposal: number): Proposal[] {
    return this.visible().filter((p) => p.target === proposal).sort((a, b) => a.id - b.id);
  }

  counts(paragraph: number): Counts {
    const byKind: Record<string, number> = {};
    let total = 0;
    for (const p of this.visible()) {
      if (p.paragraph !== paragraph) continue;
      byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
      total++;
    }
    return { total, byKind };
  }

  private visible(): Proposal[] {
    return [...this.byId.values()].filter((p) => p.state !== 'withdrawn');
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** The proposal a live event is about, when it concerns this revision (the root then fetches it); else null. */
export function proposalOf(event: LiveEvent, revision: number): number | null {
  if (!event.type.startsWith('proposal.')) return null;
  const id = event.payload['proposal'];
  const rev = event.payload['revision'];
  if (typeof id !== 'number' || (typeof rev === 'number' && rev !== revision)) return null;
  return id;
}

/** Direction of a user's text from its first strong character (Arabic, Hebrew … → rtl). */
export function textDirection(text: string): 'rtl' | 'ltr' {
  for (const ch of text) {
    if (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u.test(ch)) return 'rtl';
    if (/\p{L}/u.test(ch)) return 'ltr';
  }
  return 'ltr';
}

/** Delegation codes typed as a list: "irq, SAU،ARE" → ["IRQ", "SAU", "ARE"] (Arabic comma too), without repeats. */
export function delegationCodes(typed: string): string[] {
  return [...new Set(typed.split(/[\s,،;]+/).map((c) => c.trim().toUpperCase()).filter((c) => c.length > 0))];
}
