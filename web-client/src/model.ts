// The session and the open negotiation as models: plain EventTargets with typed events, views render them.
import { api, ApiError, type Account, type CommentWindow, type LiveEvent, type Negotiation, type NegotiationDelegation,
  type NewProposal, type Proposal, type Revision, type RevisionSummary } from './api';
import type { DiffJson, ProposalDiff } from './diff';
import { dirOf, kindLabel, problemMessage, t, type Lang } from './i18n';
import type { Anchor } from './paragraphs';
import { ArrivalEvent, NO_FILTER, ProposalBoard, proposalOf, type ProposalFilter } from './proposals';

/** Fired by a model when what it holds changed; views re-render. */
export class ModelChangeEvent extends Event {
  static readonly type = 'model-change';

  constructor() {
    super(ModelChangeEvent.type);
  }
}

/** Something to announce to screen readers (the live region of the page). */
export class AnnounceEvent extends Event {
  static readonly type = 'announce';

  constructor(readonly message: string) {
    super(AnnounceEvent.type);
  }
}

/** An error turned into a message in the interface language (a server problem, mapped; else its text). */
export function errorMessage(err: unknown, lang: Lang): string {
  return err instanceof ApiError ? problemMessage(err.problem, lang) : String(err);
}

/** Who is logged in and in which language the interface speaks. */
export class Session extends EventTarget {
  account: Account | null = null;
  lang: Lang;
  /** Whether the first "who am I" answer came (the login form shows only after it). */
  ready = false;

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage) {
    super();
    this.lang = storage.getItem('plenary.lang') === 'ar' ? 'ar' : 'en';
  }

  async start(): Promise<void> {
    try {
      this.account = await api.me();
    } catch {
      this.account = null;
    }
    this.ready = true;
    this.changed();
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    this.storage.setItem('plenary.lang', lang);
    document.documentElement.dir = dirOf(lang);
    document.documentElement.lang = lang;
    this.changed();
  }

  async login(email: string, password: string): Promise<void> {
    this.account = (await api.login(email, password)).account;
    this.changed();
  }

  async logout(): Promise<void> {
    await api.logout().catch(() => undefined);
    this.account = null;
    this.changed();
  }

  private changed() {
    this.dispatchEvent(new ModelChangeEvent());
  }
}

/**
 * One negotiation as a delegate or facilitator works on it: its revisions, the open revision with its proposals
 * (a {@link ProposalBoard} followed live), the comment window, the groups the viewer's delegation coordinates, the
 * filter and the redlines of proposals. A later merge workspace reads the same model.
 */
export class NegotiationModel extends EventTarget {
  negotiation: Negotiation | null = null;
  revisions: RevisionSummary[] = [];
  revision: Revision | null = null;
  window: CommentWindow | null = null;
  delegations: NegotiationDelegation[] = [];
  /** Groups the user's delegation coordinates here: it may propose on their behalf. */
  groups: { code: string; name: string }[] = [];
  board: ProposalBoard | null = null;
  live = false;
  /** The span of a paragraph the user selected last (proposals can be made on it). */
  selection: { paragraph: number; anchor: Anchor } | null = null;
  /** Replies heard live (open discussion threads reload when it moves). */
  repliesHeard = 0;
  /** Group stage events heard live (the revision's list of group stages reloads when it moves). */
  groupsHeard = 0;
  filter: ProposalFilter = NO_FILTER;
  /** The last thing read out by the page's aria-live region (a live arrival, another facilitator's change). */
  announcement = '';
  /** A revision published while the user was reading (a live event): the root shows a notice with a link. */
  published: { revision: number; label: string } | null = null;
  /** Redlines of proposals against their paragraph, by "id v version" (null: none to show). */
  readonly redlines = new Map<string, ProposalDiff | null>();
  private stopFollowing: (() => void) | null = null;
  private readonly boardChanged = () => this.changed();
  private readonly arrived = (e: Event) => this.onArrival(e as ArrivalEvent);

  constructor(readonly lang: () => Lang) {
    super();
  }

  get id(): number | null {
    return this.negotiation?.id ?? null;
  }

  /** The negotiation and its revisions. */
  async open(n: number): Promise<void> {
    if (this.negotiation?.id !== n) this.close();
    this.negotiation = await api.negotiation(n);
    this.revisions = await api.revisions(n);
    this.changed();
  }

  /** A revision with its proposals, followed live. */
  async openRevision(n: number, r: number): Promise<void> {
    await this.open(n);
    const negotiation = this.negotiation!;
    this.revision = await api.revision(n, r);
    this.window = await api.commentWindow(n, r);
    this.delegations = await api.delegations(n);
    const own = negotiation.delegation;
    this.groups = own === null ? [] : this.delegations.filter((d) => d.coordinator === own && d.code !== own)
      .map((d) => ({ code: d.code, name: this.lang() === 'ar' && d.nameAr ? d.nameAr : d.nameEn }));
    this.board?.removeEventListener('change', this.boardChanged);
    this.board?.removeEventListener(ArrivalEvent.type, this.arrived);
    const board = new ProposalBoard(r);
    board.addEventListener('change', this.boardChanged);
    board.addEventListener(ArrivalEvent.type, this.arrived);
    this.board = board;
    this.filter = NO_FILTER;
    // Follow first, then load: a proposal made in between arrives by both ways and is kept once.
    this.follow(n);
    board.load(await api.proposals(n, r));
    this.changed();
  }

  /** Stops following (another view opened). */
  leaveRevision(): void {
    this.follow(null);
  }

  close(): void {
    this.follow(null);
    this.negotiation = null;
    this.revision = null;
    this.board = null;
    this.revisions = [];
    this.redlines.clear();
  }

  private follow(n: number | null) {
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.live = false;
    if (n !== null) {
      this.stopFollowing = api.follow(n, (e) => this.onLive(e), (live) => {
        this.live = live;
        this.changed();
      });
    }
  }

  /** A live event about a proposal of this revision: fetch it as this user may see it, and show it. */
  onLive(e: LiveEvent): void {
    const board = this.board;
    const n = this.negotiation?.id;
    const r = this.revision?.id;
    if (e.type === 'revision.published' && typeof e.payload['revision'] === 'number' && n !== undefined) {
      this.published = { revision: e.payload['revision'], label: String(e.payload['label'] ?? '') };
      api.revisions(n).then((list) => { this.revisions = list; this.changed(); }, () => undefined);
      this.changed();
      return;
    }
    if (!board || n === undefined || r === undefined) return;
    if (e.type === 'revision.comment-window' && e.subject === `revision:${r}`) {
      api.commentWindow(n, r).then((w) => { this.window = w; this.changed(); }, () => undefined);
      return;
    }
    if (e.type === 'revision.created') {
      api.revisions(n).then((list) => { this.revisions = list; this.changed(); }, () => undefined);
      return;
    }
    if (e.type.startsWith('group.')) {
      // a group's stage changed (its participants hear it); a submission made its position public proposals
      this.groupsHeard++;
      this.changed();
      if (e.type === 'group.submitted' && e.payload['revision'] === r) {
        api.proposals(n, r).then((list) => list.forEach((p) => board.upsert(p)), () => undefined);
      }
      return;
    }
    if (e.type === 'proposal.replied') {
      this.repliesHeard++;
      this.changed();
    }
    const id = proposalOf(e, r);
    if (id === null) return;
    api.proposal(n, r, id).then((p) => board.upsert(p), () => undefined);
  }

  private onArrival(e: ArrivalEvent) {
    const own = this.negotiation?.delegation;
    if (e.proposal.submittedBy === own || e.proposal.delegation === own) return;
    this.announce(this.arrivalMessage(e.proposal));
    this.dispatchEvent(new ArrivalEvent(e.proposal, e.on));
  }

  /** "New from SAU: Amendment on OP3" / "support from SAU on OP3", in the interface language. */
  arrivalMessage(p: Proposal): string {
    const L = this.lang();
    const index = this.revision?.paragraphs.findIndex((x) => x.id === p.paragraph) ?? -1;
    const para = index >= 0 ? this.revision!.paragraphs[index] : undefined;
    const where = para?.label ?? para?.number ?? '';
    const what = p.kind === 'support' && p.target !== null ? `${t('supportArrived', L)} ${p.delegation}`
      : p.kind === 'object' && p.target !== null ? `${t('objectionArrived', L)} ${p.delegation}`
      : `${t('arrivedFrom', L)} ${p.delegation}: ${kindLabel(p.kind, L)}`;
    return `${what}${where ? ` ${t('onParagraph', L)} ${where}` : ''}`;
  }

  /** Reads a message out in the page's aria-live region. */
  announce(message: string): void {
    this.announcement = message;
    this.dispatchEvent(new AnnounceEvent(message));
  }

  dismissPublished(): void {
    this.published = null;
    this.changed();
  }

  setFilter(f: ProposalFilter): void {
    this.filter = f;
    this.changed();
  }

  /** Narrows to a group's proposals as the server counts them (on its behalf, or by a member state). */
  async filterGroup(code: string): Promise<void> {
    if (!code) {
      this.setFilter({ ...this.filter, group: null });
      return;
    }
    const n = this.negotiation!.id;
    const r = this.revision!.id;
    const list = await api.proposals(n, r, { group: code });
    this.setFilter({ ...this.filter, group: { code, ids: new Set(list.map((p) => p.id)) } });
  }

  setSelection(s: { paragraph: number; anchor: Anchor } | null): void {
    if (s === null && this.selection === null) return;
    this.selection = s;
    this.changed();
  }

  private where(): { n: number; r: number } {
    const n = this.negotiation?.id;
    const r = this.revision?.id;
    if (n === undefined || r === undefined) throw new Error('no revision open');
    return { n, r };
  }

  async propose(p: NewProposal): Promise<Proposal> {
    const { n, r } = this.where();
    const created = await api.propose(n, r, p);
    this.board?.upsert(created);
    if (p.anchor) this.setSelection(null);
    return created;
  }

  /** Withdraws a proposal (or retracts a stance); on 412 shows the current version and rethrows. */
  async withdraw(p: Proposal): Promise<void> {
    await this.changing(p.id, (n, r) => api.withdraw(n, r, p));
  }

  async edit(p: Proposal, changes: { text?: string; rationale?: string }): Promise<void> {
    await this.changing(p.id, (n, r) => api.edit(n, r, p, changes));
  }

  async invite(p: Proposal, delegations: string[]): Promise<void> {
    await this.changing(null, (n, r) => api.inviteCosponsors(n, r, p, delegations));
  }

  async answerInvitation(p: Proposal, accept: boolean): Promise<void> {
    await this.changing(null, (n, r) => api.answerCosponsorship(n, r, p, this.negotiation?.delegation ?? '', accept));
  }

  /**
   * The viewer's delegation takes a stance on a proposal: the same stance again retracts it (withdraw), the other
   * one replaces it (the server withdraws the earlier one in the same transaction).
   */
  async stance(target: Proposal, kind: 'support' | 'object'): Promise<void> {
    const current = this.board?.stanceOf(target.id, this.negotiation?.delegation ?? null) ?? null;
    if (current && current.kind === kind) {
      await this.withdraw(current);
      return;
    }
    await this.propose({ kind, paragraph: target.paragraph, target: target.id });
    if (current) {
      const { n, r } = this.where();
      await api.proposal(n, r, current.id).then((p) => this.board?.upsert(p), () => undefined);
    }
  }

  async replies(id: number) {
    const { n, r } = this.where();
    return api.replies(n, r, id);
  }

  async reply(id: number, text: string, inReplyTo: number | null) {
    const { n, r } = this.where();
    return api.reply(n, r, id, text, inReplyTo);
  }

  async setWindow(deadline: string | null, silence: boolean): Promise<void> {
    const { n, r } = this.where();
    this.window = await api.setCommentWindow(n, r, deadline, silence);
    this.changed();
  }

  /** The redline of an amendment (or insertion, deletion) against its paragraph, read once per version. */
  redline(p: Proposal): ProposalDiff | null | undefined {
    const key = `${p.id} v${p.version}`;
    if (this.redlines.has(key)) return this.redlines.get(key);
    const { n, r } = this.where();
    this.redlines.set(key, null);
    api.proposalDiff(n, r, p.id).then((d) => {
      this.redlines.set(key, d);
      this.changed();
    }, () => undefined);
    return undefined;
  }

  /** The diff between two revisions with both revisions' paragraphs (for the labels). */
  async diff(n: number, from: number, to: number): Promise<{ diff: DiffJson; older: Revision; newer: Revision }> {
    await this.open(n);
    const [diff, older, newer] = await Promise.all([api.diff(n, from, to), api.revision(n, from), api.revision(n, to)]);
    return { diff, older, newer };
  }

  async upload(file: File, label: string): Promise<Revision> {
    const n = this.negotiation!.id;
    const rev = await api.uploadRevision(n, label || file.name, file);
    this.revisions = await api.revisions(n);
    this.changed();
    return rev;
  }

  private async changing(id: number | null, call: (n: number, r: number) => Promise<Proposal>): Promise<void> {
    const { n, r } = this.where();
    try {
      this.board?.upsert(await call(n, r));
    } catch (err) {
      if (err instanceof ApiError && err.problem.status === 412 && id !== null) {
        // someone changed it meanwhile: show the current version, and say so
        await api.proposal(n, r, id).then((p) => this.board?.upsert(p), () => undefined);
      }
      throw err;
    }
  }

  private changed() {
    this.dispatchEvent(new ModelChangeEvent());
  }
}

export { NO_FILTER };
