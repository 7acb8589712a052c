import type { LiveEvent, Proposal } from './api';

/**
 * Proposal counts of one paragraph (for the heat map of contested paragraphs): the proposals per kind, and apart
 * from them the supports and objections (stances are not proposals).
 */
export interface Counts {
  total: number;
  byKind: Record<string, number>;
  supports: number;
  objections: number;
}

/** Supports and objections: filed on another proposal, one per delegation, not counted as proposals. */
export function isStance(p: Pick<Proposal, 'kind' | 'target'>): boolean {
  return p.target !== null && (p.kind === 'support' || p.kind === 'object');
}

/** What the list of proposals is narrowed to; empty fields do not narrow. */
export interface ProposalFilter {
  delegation: string;
  kind: string;
  /** submitted (the default), withdrawn, or all */
  state: string;
  /** Only the proposals of the viewer's delegation (made for it or submitted by it). */
  mine: boolean;
  /** Only those of this group (on its behalf or by a member): the ids the server's ?group= filter returned. */
  group: { code: string; ids: Set<number> } | null;
}

export const NO_FILTER: ProposalFilter = { delegation: '', kind: '', state: 'submitted', mine: false, group: null };

export function isFiltered(f: ProposalFilter): boolean {
  return f.delegation !== '' || f.kind !== '' || f.state !== 'submitted' || f.mine || f.group !== null;
}

/** Whether a proposal passes the filter; {@code own} is the viewer's delegation (null: none). */
export function passes(p: Proposal, f: ProposalFilter, own: string | null): boolean {
  if (f.state === 'submitted' && p.state === 'withdrawn') return false;
  if (f.state === 'withdrawn' && p.state !== 'withdrawn') return false;
  if (f.delegation && p.delegation !== f.delegation && p.submittedBy !== f.delegation
    && !p.cosponsors.includes(f.delegation)) return false;
  if (f.kind && p.kind !== f.kind && !(f.kind === 'insert' && p.kind.startsWith('insert'))) return false;
  if (f.mine && (own === null || (p.delegation !== own && p.submittedBy !== own))) return false;
  if (f.group && !f.group.ids.has(p.id)) return false;
  return true;
}

/** "ARAB, submitted by EGY" for a group's proposal; just "EGY" for a delegation's own. */
export function proposer(p: Pick<Proposal, 'delegation' | 'submittedBy'>): { delegation: string; submittedBy: string | null } {
  return { delegation: p.delegation, submittedBy: p.submittedBy && p.submittedBy !== p.delegation ? p.submittedBy : null };
}

/**
 * Kinds a delegate files on a paragraph through the form (a new paragraph goes before or after it); support and
 * object are filed on a proposal.
 */
export const PARAGRAPH_KINDS = ['amend', 'insert_before', 'insert_after', 'comment', 'question', 'reservation', 'retain',
  'delete'] as const;

/** Kinds offered by the filter. */
export const FILTER_KINDS = ['amend', 'insert', 'delete', 'retain', 'comment', 'question', 'reservation'] as const;

/** Kinds whose text field is required. */
export function needsText(kind: string): boolean {
  return kind === 'amend' || kind.startsWith('insert') || kind === 'comment' || kind === 'question' || kind === 'reservation';
}

/** A proposal heard live that the board did not hold before (views announce it in an aria-live region). */
export class ArrivalEvent extends Event {
  static readonly type = 'arrival';

  constructor(readonly proposal: Proposal, readonly on: Proposal | null) {
    super(ArrivalEvent.type);
  }
}

/**
 * The proposals of one revision, as this user may see them. Plain TypeScript: the model feeds it the
 * initial list and the proposals named by live events; it fires "change" whenever what is shown changes, and
 * an {@link ArrivalEvent} for a proposal it meets for the first time after the initial load.
 */
export class ProposalBoard extends EventTarget {
  private readonly byId = new Map<number, Proposal>();
  private loaded = false;

  constructor(readonly revision: number) {
    super();
  }

  load(list: Proposal[]): void {
    this.byId.clear();
    for (const p of list) if (p.revision === this.revision) this.byId.set(p.id, p);
    this.loaded = true;
    this.changed();
  }

  /** Adds or replaces a proposal; an older version (a late answer) never overwrites a newer one. */
  upsert(p: Proposal): boolean {
    if (p.revision !== this.revision) return false;
    const current = this.byId.get(p.id);
    if (current && current.version > p.version) return false;
    this.byId.set(p.id, p);
    this.changed();
    if (!current && this.loaded) {
      const target = p.target === null ? null : this.byId.get(p.target) ?? null;
      this.dispatchEvent(new ArrivalEvent(p, target));
    }
    return true;
  }

  get(id: number): Proposal | undefined {
    return this.byId.get(id);
  }

  /** The standing support or objection of {@code delegation} on a proposal, if it has one. */
  stanceOf(proposal: number, delegation: string | null): Proposal | null {
    if (delegation === null) return null;
    return this.visible().find((p) => p.target === proposal && isStance(p) && p.delegation === delegation) ?? null;
  }

  /** The paragraph's proposals that pass the filter (not stances), oldest first. */
  filtered(paragraph: number, f: ProposalFilter, own: string | null): Proposal[] {
    return [...this.byId.values()]
      .filter((p) => p.paragraph === paragraph && !isStance(p) && passes(p, f, own))
      .sort((a, b) => a.id - b.id);
  }

  /** Delegations that made or submitted a proposal here, sorted (for the filter). */
  delegations(): string[] {
    const out = new Set<string>();
    for (const p of this.byId.values()) {
      if (isStance(p)) continue;
      out.add(p.delegation);
      out.add(p.submittedBy);
    }
    return [...out].filter((d) => d).sort();
  }

  /** The proposals shown (stances are not proposals). */
  get size(): number {
    return this.visible().filter((p) => !isStance(p)).length;
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
    let supports = 0;
    let objections = 0;
    for (const p of this.visible()) {
      if (p.paragraph !== paragraph) continue;
      if (isStance(p)) {
        if (p.kind === 'support') supports++;
        else objections++;
        continue;
      }
      const kind = p.kind.startsWith('insert') ? 'insert' : p.kind;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      total++;
    }
    return { total, byKind, supports, objections };
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
