// A group's private stage as a model: the stage, its notes and the draft position read from the server, the
// member's and the coordinator's actions sent to it, followed live (the negotiation's private group.* events of
// this stage). Plain TypeScript with typed events; views/group-view.ts renders it. The pure helpers below are what
// the view shows: notes per paragraph, one's stance, the "adopt with changes" prefill, the submission summary.
import { api, ApiError, type LiveEvent, type NewProposal, type Revision } from './api';
import { groupApi, type GroupNote, type GroupPosition, type GroupStage, type NoteDecision, type PositionItem }
  from './group-api';
import { ModelChangeEvent } from './model';

/** Kinds a guest (an invited organisation) may write: it comments and asks, it does not propose text. */
export const GUEST_KINDS = ['comment', 'question'] as const;

export function isStanceNote(x: Pick<GroupNote, 'kind'>): boolean {
  return x.kind === 'support' || x.kind === 'object';
}

/** The notes of one paragraph (not the supports and objections, which are shown on their note), in order. */
export function notesOf(notes: GroupNote[], paragraph: number, withWithdrawn = false): GroupNote[] {
  return notes.filter((x) => x.paragraph === paragraph && !isStanceNote(x) && (withWithdrawn || x.state === 'submitted'));
}

/** The standing support or objection of {@code delegation} on a note, as the note that expresses it. */
export function stanceOn(notes: GroupNote[], note: number, delegation: string | null): GroupNote | null {
  if (delegation === null) return null;
  return notes.find((x) => isStanceNote(x) && x.target === note && x.delegation === delegation && x.state === 'submitted')
    ?? null;
}

/** The coordinator's decision on a note: "undecided", adopt, adopt-modified, combined, not-retained, noted. */
export function decisionOf(x: GroupNote): string {
  return x.outcome?.decision ?? 'undecided';
}

/** Kinds whose text the group can adopt as its proposal (comments are adopted as the group's comment). */
export const ADOPTABLE = ['amend', 'insert', 'delete', 'retain', 'comment', 'question', 'reservation'];

/**
 * The text "adopt with changes" starts from: for an amendment or deletion the whole paragraph as the note would
 * have it (the server takes the whole paragraph), else the note's own text.
 */
export function adoptPrefill(x: GroupNote, paragraphText: string): string {
  if (x.kind === 'amend' || x.kind === 'delete') return x.proposedParagraph ?? x.text ?? paragraphText;
  if (x.kind === 'retain') return paragraphText;
  return x.text ?? '';
}

/** Notes the coordinator may select to combine: undecided amendments still standing. */
export function combinable(x: GroupNote): boolean {
  return x.kind === 'amend' && x.state === 'submitted' && decisionOf(x) === 'undecided';
}

/** Whether the stance of {@code delegation} on an item: support, object or none. */
export function itemStance(item: PositionItem, delegation: string | null): 'support' | 'object' | null {
  if (delegation === null) return null;
  if (item.supports.includes(delegation)) return 'support';
  if (item.objections.includes(delegation)) return 'object';
  return null;
}

/** What a submission will create, as the confirmation shows it. */
export interface SubmissionSummary {
  items: number;
  byKind: Record<string, number>;
  /** Every delegation that will co-sponsor at least one proposal. */
  cosponsors: string[];
  /** Items with an objection inside the group (the coordinator should look again). */
  objected: number;
}

export function submissionSummary(p: GroupPosition): SubmissionSummary {
  const byKind: Record<string, number> = {};
  const cosponsors = new Set<string>();
  let objected = 0;
  for (const i of p.items) {
    byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
    i.cosponsors.forEach((c) => cosponsors.add(c));
    if (i.objections.length > 0) objected++;
  }
  return { items: p.items.length, byKind, cosponsors: [...cosponsors].sort(), objected };
}

/** A live event about this stage (the private group.* events, and the public group.submitted). */
export function concernsStage(e: LiveEvent, group: string, revision: number): boolean {
  return e.type.startsWith('group.') && e.payload['group'] === group
    && (e.payload['revision'] === undefined || e.payload['revision'] === revision);
}

export function problemType(err: unknown): string | null {
  return err instanceof ApiError ? err.problem.type.replace(/^urn:plenary:problem:/, '') : null;
}

/** A combination the server could not merge (409 merge-conflict): the notes and the server's words. */
export interface CombineConflict {
  notes: number[];
  paragraph: number;
  detail: string;
  /** The words the notes change differently (from the problem's "theirs"/"ours"), to mark. */
  words: string[];
}

/**
 * The stage of group {@code g} on revision {@code r}: loads stage, notes, position and the revision's paragraphs,
 * sends notes, stances, decisions, combinations and the submission, and reads everything again when a live event
 * of this stage arrives (once per burst).
 */
export class GroupStageModel extends EventTarget {
  stage: GroupStage | null = null;
  notes: GroupNote[] = [];
  position: GroupPosition | null = null;
  revision: Revision | null = null;
  /** The stage is not there for this user (404: none open, or not a participant; the server does not say which). */
  missing = false;
  live = false;
  /** The last live event of someone else, to read out. */
  heard: LiveEvent | null = null;
  /** A combination refused as a merge conflict, until resolved or dismissed. */
  conflict: CombineConflict | null = null;
  /** The proposals created by the submission, once submitted (from the answer or the public event). */
  submitted: number[] | null = null;
  private stopFollowing: (() => void) | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private loads = 0;

  constructor(readonly n: number, readonly r: number, readonly g: string) {
    super();
  }

  get delegation(): string | null {
    return this.stage?.you.delegation ?? null;
  }

  get standing(): 'coordinator' | 'member' | 'guest' | null {
    return this.stage?.you.standing ?? null;
  }

  get isCoordinator(): boolean {
    return this.standing === 'coordinator';
  }

  /** Notes and stances are taken: before the internal deadline and the submission. */
  get open(): boolean {
    return this.stage?.open ?? false;
  }

  note(id: number): GroupNote | undefined {
    return this.notes.find((x) => x.id === id);
  }

  paragraphText(id: number): string {
    return this.revision?.paragraphs.find((p) => p.id === id)?.text ?? '';
  }

  async load(): Promise<void> {
    const at = ++this.loads;
    try {
      const [stage, notes, position] = await Promise.all([groupApi.stage(this.n, this.r, this.g),
        groupApi.notes(this.n, this.r, this.g), groupApi.position(this.n, this.r, this.g)]);
      if (at !== this.loads) return; // a later load answers
      this.stage = stage;
      this.notes = notes;
      this.position = position;
      this.missing = false;
      if (this.revision === null || this.revision.id !== this.r) this.revision = await api.revision(this.n, this.r);
    } catch (err) {
      if (err instanceof ApiError && err.problem.status === 404) {
        this.missing = true;
        this.stage = null;
      } else {
        throw err;
      }
    }
    this.changed();
  }

  follow(): void {
    this.stop();
    this.stopFollowing = api.follow(this.n, (e) => this.onLive(e), (live) => {
      this.live = live;
      this.changed();
    });
  }

  stop(): void {
    this.stopFollowing?.();
    this.stopFollowing = null;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = null;
  }

  /** Someone wrote, decided, combined, took a stance or submitted in this stage: read it again. */
  onLive(e: LiveEvent): void {
    if (!concernsStage(e, this.g, this.r)) return;
    if (e.type === 'group.submitted' && Array.isArray(e.payload['proposals'])) {
      this.submitted = e.payload['proposals'] as number[];
    }
    if (e.delegation !== this.delegation) this.heard = e;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      this.load().catch(() => undefined);
    }, 100);
  }

  /** A member's (or guest's) note on a paragraph. */
  async write(body: NewProposal): Promise<GroupNote> {
    const x = await groupApi.note(this.n, this.r, this.g, body);
    await this.load();
    return x;
  }

  async withdraw(x: GroupNote): Promise<void> {
    await groupApi.withdraw(this.n, this.r, this.g, x.id);
    await this.load();
  }

  /** Support or objection on a note: the same again retracts it, the other one replaces it. */
  async react(x: GroupNote, kind: 'support' | 'object'): Promise<void> {
    const current = stanceOn(this.notes, x.id, this.delegation);
    if (current) await groupApi.withdraw(this.n, this.r, this.g, current.id);
    if (!current || current.kind !== kind) {
      await groupApi.note(this.n, this.r, this.g, { kind, paragraph: x.paragraph, target: x.id });
    }
    await this.load();
  }

  async decide(x: GroupNote, decision: NoteDecision, text?: string): Promise<void> {
    this.position = await groupApi.decide(this.n, this.r, this.g, x.id, decision, text);
    await this.load();
  }

  /**
   * Combines amendments of one paragraph. Without a text the server merges their words; a collision keeps the
   * conflict (shown, for the coordinator to type the text) and changes nothing.
   */
  async combine(notes: GroupNote[], text?: string): Promise<boolean> {
    try {
      this.position = await groupApi.combine(this.n, this.r, this.g, notes.map((x) => x.id), text);
    } catch (err) {
      if (problemType(err) === 'merge-conflict' && err instanceof ApiError) {
        const x = err.problem as unknown as Record<string, unknown>;
        const words = [...((x['ours'] ?? []) as { removed?: string; inserted?: string }[]),
          ...((x['theirs'] ?? []) as { removed?: string; inserted?: string }[])]
          .flatMap((o) => [o.removed ?? '', o.inserted ?? '']).map((w) => w.trim()).filter((w) => w.length > 0);
        this.conflict = { notes: notes.map((n) => n.id), paragraph: notes[0].paragraph,
          detail: String(x['detail'] ?? ''), words: [...new Set(words)] };
        this.changed();
        return false;
      }
      throw err;
    }
    this.conflict = null;
    await this.load();
    return true;
  }

  dismissConflict(): void {
    this.conflict = null;
    this.changed();
  }

  /** A member's stance on an item and its co-sponsorship. */
  async stance(item: PositionItem, body: { stance?: 'support' | 'object' | null; cosponsor?: boolean }): Promise<void> {
    this.position = await groupApi.stance(this.n, this.r, this.g, item.id, body);
    this.changed();
  }

  async submit(): Promise<number[]> {
    const out = await groupApi.submit(this.n, this.r, this.g);
    this.submitted = out.proposals;
    await this.load();
    return out.proposals;
  }

  changed(): void {
    this.dispatchEvent(new ModelChangeEvent());
  }
}
