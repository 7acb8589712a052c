// The facilitators' merge workspace as a model: the overview read from the server, the decisions and direct edits
// sent to it, what went wrong with one of them (a merge conflict, a stale version), followed live. Plain
// TypeScript with typed events; views render it (views/workspace-view.ts).
import { api, ApiError, type LiveEvent } from './api';
import { mergeApi, type BatchItem, type BatchResult, type Decision, type Published, type WorkspaceOverview,
  type WsParagraph, type WsProposal } from './merge-api';
import { ModelChangeEvent } from './model';
import { merge3 } from './redline';

/** Proposal kinds whose change can be accepted into the text (the others are noted, not retained or deferred). */
export const TEXT_KINDS = ['amend', 'insert', 'delete', 'retain'];
/** Kinds a combination takes (several proposals of one paragraph into one text). */
export const COMBINABLE = ['amend', 'delete', 'retain'];
/** Kinds that are comments rather than changes: "note all remaining comments" notes these. */
export const COMMENT_KINDS = ['comment', 'question', 'reservation'];

export function isStance(p: Pick<WsProposal, 'kind'>): boolean {
  return p.kind === 'support' || p.kind === 'object';
}

/** Whether a proposal still waits for a decision (a deferred one is decided to stay open). */
export function isUndecided(p: WsProposal): boolean {
  return p.state === 'submitted' && !isStance(p) && p.decision === 'open';
}

/** The paragraph as a proposal asks for it, against the paragraph in Rev.N; null when its words are gone. */
export function proposedText(p: WsProposal, para: Pick<WsParagraph, 'text' | 'baseText' | 'number'>): string | null {
  const base = para.baseText ?? para.text;
  const text = p.text ?? '';
  switch (p.kind) {
    case 'amend':
      return p.anchor ? replaceSpan(base, p.anchor, text) : withoutNumber(text, para.number, base);
    case 'delete':
      return p.anchor ? replaceSpan(base, p.anchor, '') : '';
    case 'retain':
      return base;
    case 'insert':
      return text.trim().replace(/^(\(\S{1,6}\)|[0-9\u0660-\u0669]{1,3}(\.[0-9\u0660-\u0669]{1,3})?\.?)\s+/u, '');
    default:
      return null;
  }
}

function replaceSpan(base: string, anchor: NonNullable<WsProposal['anchor']>, by: string): string | null {
  let at = anchor.start !== undefined && anchor.end !== undefined && base.slice(anchor.start, anchor.end) === anchor.exact
    ? anchor.start : base.indexOf(anchor.exact);
  if (at < 0) return null;
  if (anchor.start === undefined) at = base.indexOf(anchor.exact);
  return base.slice(0, at) + by + base.slice(at + anchor.exact.length);
}

/** A leading copy of the paragraph's number the delegation pasted ("(أ) أنه …") is not part of its text. */
export function withoutNumber(proposed: string, number: string | null, paragraphText: string): string {
  const p = proposed.trim();
  if (!number || !number.trim() || paragraphText.startsWith(number)) return p;
  const n = number.trim();
  return p.startsWith(n) && p.length > n.length && /\s/.test(p.charAt(n.length)) ? p.slice(n.length).trim() : p;
}

/**
 * The text "accept with changes" starts from: the proposal's change merged into the workspace's paragraph as it
 * stands (where both changed the same words, the proposal's words, for the facilitator to edit).
 */
export function mergedText(p: WsProposal, para: WsParagraph): string {
  const theirs = proposedText(p, para);
  if (theirs === null) return para.text;
  if (p.kind === 'insert') return theirs;
  if (p.kind === 'delete' && !p.anchor) return para.text;
  return merge3(para.baseText ?? para.text, para.text, theirs).text;
}

/** What publishing will do, computed from the decisions as the server will (docs/merge.md). */
export interface PublishSummary {
  fates: Record<string, number>;
  carried: number;
  /** Carried amendments whose words the workspace changed: the server will keep them as they were, marked. */
  needsRebase: number;
  undecided: number;
}

export function publishSummary(o: WorkspaceOverview): PublishSummary {
  const fates: Record<string, number> = {};
  const byId = new Map<number, { fate: string; carry: boolean }>();
  let carried = 0;
  let needsRebase = 0;
  let undecided = 0;
  const all: { p: WsProposal; para: WsParagraph | null }[] = [
    ...o.paragraphs.flatMap((para) => para.proposals.map((p) => ({ p, para }))),
    ...o.deleted.flatMap((d) => d.proposals.map((p) => ({ p, para: null }))),
  ];
  const add = (fate: string, carry: boolean) => {
    fates[fate] = (fates[fate] ?? 0) + 1;
    if (carry) carried++;
  };
  for (const { p, para } of all) {
    if (isStance(p)) continue;
    let fate: string;
    let carry = false;
    if (p.state === 'withdrawn') fate = 'withdrawn';
    else {
      switch (p.decision) {
        case 'accept': fate = 'accepted'; break;
        case 'accept-modified': fate = 'accepted-modified'; break;
        case 'combined': fate = 'combined'; break;
        case 'not-retained': fate = 'not-retained'; break;
        case 'noted': fate = 'noted'; break;
        default:
          if (p.decision === 'open') undecided++;
          if (para === null) fate = 'paragraph-deleted';
          else {
            fate = 'carried-forward';
            carry = true;
            if (mayNeedRebase(p, para)) needsRebase++;
          }
      }
    }
    byId.set(p.id, { fate, carry });
    add(fate, carry);
  }
  for (const { p } of all) {
    if (!isStance(p)) continue;
    if (p.state === 'withdrawn') add('withdrawn', false);
    else {
      const target = p.target === null ? undefined : byId.get(p.target);
      if (target) add(target.fate, target.carry);
      else add('noted', false);
    }
  }
  return { fates, carried, needsRebase, undecided };
}

/** A carried amendment or deletion whose words the workspace changed: its rebase on Rev.N+1 would collide. */
export function mayNeedRebase(p: WsProposal, para: WsParagraph): boolean {
  if (p.kind !== 'amend' && p.kind !== 'delete') return false;
  if (para.baseText === null || para.baseText === para.text) return false;
  if (p.anchor) return !para.text.includes(p.anchor.exact);
  const theirs = proposedText(p, para);
  return theirs !== null && merge3(para.baseText, para.text, theirs).conflict;
}

/** Decided and still open proposals of one paragraph (supports and objections follow their proposal). */
export function paragraphProgress(para: Pick<WsParagraph, 'proposals'>): { decided: number; open: number } {
  const mains = para.proposals.filter((p) => !isStance(p) && p.state === 'submitted');
  const open = mains.filter(isUndecided).length;
  return { decided: mains.length - open, open };
}

/** What the facilitator narrows the workspace to: undecided, colliding, one delegation's, one kind's proposals. */
export interface WsFilter {
  undecided: boolean;
  conflicts: boolean;
  /** A delegation code (the proposal's, or the one that submitted it for its group); '' for all. */
  delegation: string;
  /** A proposal kind; '' for all. */
  kind: string;
}

export const NO_WS_FILTER: WsFilter = { undecided: false, conflicts: false, delegation: '', kind: '' };

export function wsFilterActive(f: WsFilter): boolean {
  return f.undecided || f.conflicts || f.delegation !== '' || f.kind !== '';
}

/** The 409 merge-conflict of a decision: the three texts and the colliding words, for the facilitator to resolve. */
export interface Conflict {
  proposal: number;
  paragraph: number;
  base: string;
  workspace: string;
  proposed: string;
  workspaceOps: { start: number; end: number; removed: string; inserted: string }[];
  proposalOps: { start: number; end: number; removed: string; inserted: string }[];
  /** The problem's detail, as the server said it. */
  detail: string;
}

/** A paragraph edit refused as stale (412): the newer text and status, and what this facilitator wanted. */
export interface Stale {
  paragraph: number;
  text: string;
  status: string;
  etag: string;
  mine: { text?: string; status?: string };
}

function ext(err: unknown): Record<string, unknown> | null {
  return err instanceof ApiError ? (err.problem as unknown as Record<string, unknown>) : null;
}

export function problemType(err: unknown): string | null {
  return err instanceof ApiError ? err.problem.type.replace(/^urn:plenary:problem:/, '') : null;
}

/** A live event about the workspace of revision {@code base} (whose id is {@code ws}). */
export function concernsWorkspace(e: LiveEvent, base: number, ws: number | null): boolean {
  if (!e.type.startsWith('workspace.') && e.type !== 'revision.published') return false;
  const revision = e.payload['revision'];
  const b = e.payload['base'];
  return revision === ws || b === base || e.subject === `revision:${ws}`;
}

/**
 * The workspace on published revision {@code base}: loads the overview, sends decisions and edits with the
 * versions it read (If-Match), keeps what the server refused to show it, and reloads when a live event says
 * another facilitator changed something.
 */
export class WorkspaceModel extends EventTarget {
  overview: WorkspaceOverview | null = null;
  /** No workspace is open on the revision (409 no-workspace). */
  missing = false;
  /** Merge conflicts of decisions, by proposal. */
  readonly conflicts = new Map<number, Conflict>();
  /** Stale paragraph edits, by paragraph. */
  readonly stale = new Map<number, Stale>();
  /** Proposals that need a rebase to be accepted as they are (409 needs-rebase), with the words gone. */
  readonly needsRebase = new Map<number, string>();
  /** Proposals refused as stale (412): someone decided them meanwhile, the overview was read again. */
  readonly staleDecisions = new Set<number>();
  /** What publication gave, once published. */
  published: Published | null = null;
  filter: WsFilter = NO_WS_FILTER;
  live = false;
  /** The last live change by someone else, to read out. */
  heard: LiveEvent | null = null;
  private stopFollowing: (() => void) | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private loads = 0;

  constructor(readonly n: number, readonly base: number) {
    super();
  }

  get ws(): number | null {
    return this.overview?.workspace.id ?? null;
  }

  paragraph(id: number): WsParagraph | undefined {
    return this.overview?.paragraphs.find((p) => p.id === id);
  }

  proposal(id: number): { p: WsProposal; para: WsParagraph } | undefined {
    for (const para of this.overview?.paragraphs ?? []) {
      const p = para.proposals.find((x) => x.id === id);
      if (p) return { p, para };
    }
    return undefined;
  }

  setFilter(f: WsFilter): void {
    this.filter = f;
    this.changed();
  }

  /**
   * Whether a proposal collides with the workspace: a decision refused as a merge conflict or a rebase, or an
   * undecided amendment or deletion whose words the workspace changed (accepting it would be refused).
   */
  collides(p: WsProposal, para: WsParagraph): boolean {
    return this.conflicts.has(p.id) || this.needsRebase.has(p.id) || (isUndecided(p) && mayNeedRebase(p, para));
  }

  /** Whether a proposal passes the filter (supports and objections are shown with their proposal). */
  passes(p: WsProposal, para: WsParagraph, f: WsFilter = this.filter): boolean {
    if (isStance(p)) return false;
    if (f.undecided && !isUndecided(p)) return false;
    if (f.conflicts && !this.collides(p, para)) return false;
    if (f.delegation && p.delegation !== f.delegation && p.submittedBy !== f.delegation) return false;
    if (f.kind && p.kind !== f.kind) return false;
    return true;
  }

  /** The paragraphs to show: all of them, or with a filter those with a proposal that passes it. */
  visibleParagraphs(): WsParagraph[] {
    const list = this.overview?.paragraphs ?? [];
    if (!wsFilterActive(this.filter)) return list;
    return list.filter((para) => para.proposals.some((p) => this.passes(p, para)));
  }

  async load(): Promise<void> {
    const at = ++this.loads;
    try {
      const o = await mergeApi.overview(this.n, this.base);
      if (at !== this.loads) return; // a later load answers
      this.overview = o;
      this.missing = false;
    } catch (err) {
      if (problemType(err) !== 'no-workspace') throw err;
      this.overview = null;
      this.missing = true;
    }
    this.changed();
  }

  /** Opens the workspace of the next revision (or finds it open), then loads it. */
  async open(label: string): Promise<void> {
    try {
      await mergeApi.openSuccessor(this.n, this.base, label);
    } catch (err) {
      if (problemType(err) !== 'workspace-open') throw err;
    }
    await this.load();
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

  /** Another facilitator decided or edited: read the overview again (once for a burst of events). */
  onLive(e: LiveEvent): void {
    if (!concernsWorkspace(e, this.base, this.ws)) return;
    if (e.type === 'revision.published') {
      this.published ??= {
        revision: Number(e.payload['revision']), label: String(e.payload['label'] ?? ''),
        fates: (e.payload['fates'] ?? {}) as Record<string, number>, carried: Number(e.payload['carried'] ?? 0),
        needsRebase: Number(e.payload['needsRebase'] ?? 0),
      };
      this.changed();
      return;
    }
    this.heard = e;
    if (e.type === 'workspace.decision' && typeof e.payload['proposal'] === 'number') {
      this.conflicts.delete(e.payload['proposal'] as number);
    }
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      this.load().catch(() => undefined);
    }, 100);
  }

  /**
   * Decides on a proposal with the version this facilitator saw. A 409 merge-conflict is kept (shown side by
   * side), a 409 needs-rebase too; a 412 reads the overview again and says so. Nothing is overwritten.
   */
  async decide(p: WsProposal, decision: Decision, text?: string, note?: string): Promise<void> {
    const where = this.proposal(p.id);
    try {
      await mergeApi.decide(this.n, this.base, p, decision, text, note);
      this.conflicts.delete(p.id);
      this.needsRebase.delete(p.id);
      this.staleDecisions.delete(p.id);
    } catch (err) {
      const type = problemType(err);
      const x = ext(err);
      if (type === 'merge-conflict' && x) {
        this.conflicts.set(p.id, {
          proposal: p.id, paragraph: where?.para.id ?? Number(x['paragraph']),
          base: String(x['base'] ?? where?.para.baseText ?? ''), workspace: String(x['workspace'] ?? where?.para.text ?? ''),
          proposed: String(x['proposed'] ?? ''),
          workspaceOps: (x['workspaceOps'] ?? []) as Conflict['workspaceOps'],
          proposalOps: (x['proposalOps'] ?? x['revertOps'] ?? []) as Conflict['proposalOps'],
          detail: String(x['detail'] ?? ''),
        });
        this.changed();
        return;
      }
      if (type === 'needs-rebase' && x) {
        this.needsRebase.set(p.id, String(x['exact'] ?? p.anchor?.exact ?? ''));
        this.changed();
        return;
      }
      if (type === 'precondition-failed') {
        this.staleDecisions.add(p.id);
        await this.load();
      }
      throw err;
    }
    await this.load();
  }

  /**
   * Resolves a merge conflict by accepting the proposal with the facilitator's text. The server merges an
   * accepted text against Rev.N, so a text that changes the very words the workspace changed would collide again:
   * the paragraph is first set to the text (a direct edit with the paragraph's ETag: a stale one shows the newer
   * text, as any edit), then the decision is recorded on it. Taking the decision back later leaves that edit.
   */
  async acceptResolved(p: WsProposal, text: string, note?: string): Promise<void> {
    const c = this.conflicts.get(p.id);
    const para = c ? this.paragraph(c.paragraph) : undefined;
    if (!c || !para) {
      await this.decide(p, 'accept-modified', text, note);
      return;
    }
    await this.edit(para, { text });
    if (this.stale.has(para.id)) return;
    await this.decide(p, 'accept-modified', text, note);
  }

  /** Several decisions in one call; each stands alone. Returns the server's per-item answer. */
  async decideAll(items: BatchItem[]): Promise<BatchResult> {
    const out = await mergeApi.decideAll(this.n, this.base, items);
    await this.load();
    return out;
  }

  /** Notes every undecided comment, question and reservation of a paragraph. */
  async noteComments(para: WsParagraph): Promise<BatchResult | null> {
    const items = para.proposals.filter((p) => isUndecided(p) && COMMENT_KINDS.includes(p.kind))
      .map((p): BatchItem => ({ proposal: p.id, etag: p.etag, decision: 'noted' }));
    return items.length === 0 ? null : this.decideAll(items);
  }

  async combine(proposals: WsProposal[], text: string): Promise<void> {
    await mergeApi.combine(this.n, this.base, proposals, text);
    for (const p of proposals) this.conflicts.delete(p.id);
    await this.load();
  }

  /**
   * Sets a paragraph's text and/or status with the version this facilitator saw; a 412 keeps the newer text and
   * status next to what was wanted, and the facilitator chooses.
   */
  async edit(para: { id: number; etag: string | null }, changes: { text?: string; status?: string }): Promise<void> {
    try {
      await mergeApi.edit(this.n, this.wsId(), { id: para.id, etag: para.etag ?? '' }, changes);
      this.stale.delete(para.id);
    } catch (err) {
      const x = ext(err);
      if (problemType(err) === 'precondition-failed' && x && typeof x['text'] === 'string') {
        // the paragraph's status comes as the problem's "paragraphStatus" member (its "status" is the HTTP status)
        const status = typeof x['paragraphStatus'] === 'string' ? x['paragraphStatus']
          : this.paragraph(para.id)?.status ?? '';
        this.stale.set(para.id, { paragraph: para.id, text: x['text'] as string, status,
          etag: String(x['etag'] ?? ''), mine: changes });
        this.changed();
        await this.load();
        return;
      }
      throw err;
    }
    await this.load();
  }

  /** Saves this facilitator's version over the newer one, knowingly (with the newer one's ETag). */
  async keepMine(paragraph: number): Promise<void> {
    const s = this.stale.get(paragraph);
    if (!s) return;
    this.stale.delete(paragraph);
    await this.edit({ id: paragraph, etag: s.etag }, s.mine);
  }

  /** Drops this facilitator's edit and keeps the newer text. */
  takeTheirs(paragraph: number): void {
    this.stale.delete(paragraph);
    this.changed();
  }

  async insert(where: { after: number } | { before: number }, text: string): Promise<void> {
    await mergeApi.insert(this.n, this.wsId(), where, text);
    await this.load();
  }

  async remove(para: WsParagraph): Promise<void> {
    await this.guarded(() => mergeApi.remove(this.n, this.wsId(), { id: para.id, etag: para.etag ?? '' }));
  }

  /** Moves a paragraph one place up (-1) or down (+1) among the standing paragraphs. */
  async move(para: WsParagraph, by: -1 | 1): Promise<void> {
    const list = this.overview?.paragraphs ?? [];
    const i = list.findIndex((p) => p.id === para.id);
    const next = list[i + by];
    if (i < 0 || !next) return;
    await this.guarded(() => mergeApi.move(this.n, this.wsId(), { id: para.id, etag: para.etag ?? '' },
      by < 0 ? { before: next.id } : { after: next.id }));
  }

  async publish(): Promise<Published> {
    this.published = await mergeApi.publish(this.n, this.wsId());
    this.changed();
    return this.published;
  }

  /** A structural change with the paragraph's ETag: on 412 the overview is read again before the error is shown. */
  private async guarded(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (problemType(err) === 'precondition-failed') await this.load();
      throw err;
    }
    await this.load();
  }

  private wsId(): number {
    const id = this.ws;
    if (id === null) throw new Error('no workspace open');
    return id;
  }

  clearConflict(proposal: number): void {
    this.conflicts.delete(proposal);
    this.needsRebase.delete(proposal);
    this.changed();
  }

  changed(): void {
    this.dispatchEvent(new ModelChangeEvent());
  }
}

/** The label of the revision after {@code label}: "Rev.1" after "Zero draft", "Rev.3" after "Rev.2". */
export function nextLabel(label: string): string {
  const m = /^(.*?)(\d+)\s*$/.exec(label.trim());
  return m && /rev/i.test(m[1]) ? `${m[1]}${Number(m[2]) + 1}` : 'Rev.1';
}
