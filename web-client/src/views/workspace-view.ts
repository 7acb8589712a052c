import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { api, ApiError, type Reply, type RevisionSummary } from '../api';
import { citation } from '../diff';
import { backArrow, changeLabel, count, decisionLabel, fateLabel, kindLabel, localDigits, SEP, statusLabel, t, tm, type Lang,
  type MergeLabelKey } from '../i18n';
import { mergeApi, STATUSES, type Decision, type WsParagraph, type WsProposal } from '../merge-api';
import { errorMessage, ModelChangeEvent } from '../model';
import { textDirection } from '../proposals';
import { changed as hasChanges, markWords, merge3, redline, type RedlineRun } from '../redline';
import { routeHash } from '../route';
import { COMBINABLE, COMMENT_KINDS, isStance, isUndecided, mergedText, nextLabel, NO_WS_FILTER, paragraphProgress,
  proposedText, publishSummary, TEXT_KINDS, WorkspaceModel, wsFilterActive, type Conflict, type WsFilter } from '../workspace';
import { ModelView } from './base';

function runsHtml(runs: RedlineRun[]) {
  return runs.map((r) => (r.type === 'insert' ? html`<ins>${r.text}</ins>` : r.type === 'delete' ? html`<del>${r.text}</del>` : r.text));
}

function marked(text: string, words: string[]) {
  return markWords(text, words).map((s) => (s.marked ? html`<mark class="collide">${s.text}</mark>` : s.text));
}

/** The decisions offered per proposal, in order: [decision, label, only for kinds that change text]. */
const ACTIONS: [Decision, MergeLabelKey, boolean][] = [
  ['accept', 'accept', true],
  ['accept-modified', 'acceptModified', true],
  ['not-retained', 'notRetained', false],
  ['noted', 'noted', false],
  ['defer', 'defer', false],
];

/**
 * The facilitators' merge workspace on a published revision: the draft of Rev.N+1 paragraph by paragraph, each
 * as a redline against Rev.N, with its proposals and a decision for each; combinations, direct edits (text,
 * status, insert, delete, move), merge conflicts and stale versions resolved in place; live with the other
 * facilitators; publication with a summary of what it will do.
 */
export class WorkspaceView extends ModelView {
  static properties = {
    ...ModelView.properties,
    negotiationId: { type: Number },
    revisionId: { type: Number },
    error: { state: true },
    notice: { state: true },
    /** The proposal whose "accept with changes" editor is open, and the text it starts from. */
    modifying: { state: true },
    editing: { state: true },
    inserting: { state: true },
    confirmingDelete: { state: true },
    selected: { state: true },
    combining: { state: true },
    reviewing: { state: true },
    busy: { state: true },
    threads: { state: true },
  };

  negotiationId = 0;
  revisionId = 0;
  error = '';
  /** A result line ("3 noted"), read out. */
  notice = '';
  modifying: { proposal: number; text: string } | null = null;
  /** The paragraph being edited, with the text, status and ETag the editor started from (kept across live reloads). */
  editing: { paragraph: number; etag: string | null; text: string; status: string } | null = null;
  inserting: number | null = null;
  confirmingDelete: number | null = null;
  /** Proposals selected to combine, by id. */
  selected = new Set<number>();
  /** The paragraph whose combination form is open, and the text it starts from. */
  combining: { paragraph: number; text: string } | null = null;
  reviewing = false;
  busy = false;
  /** Open discussion threads, by proposal (null while loading). */
  threads = new Map<number, Reply[] | null>();
  ws: WorkspaceModel | null = null;
  private readonly rerenderWs = () => this.requestUpdate();

  disconnectedCallback() {
    super.disconnectedCallback();
    this.detach();
  }

  private detach() {
    this.ws?.removeEventListener(ModelChangeEvent.type, this.rerenderWs);
    this.ws?.stop();
    this.ws = null;
  }

  protected updated(changed: Map<string, unknown>) {
    if (changed.has('negotiationId') || changed.has('revisionId')) void this.start();
  }

  private async start() {
    this.detach();
    this.model.leaveRevision();
    const ws = new WorkspaceModel(this.negotiationId, this.revisionId);
    ws.addEventListener(ModelChangeEvent.type, this.rerenderWs);
    this.ws = ws;
    this.error = '';
    try {
      await this.model.open(this.negotiationId);
      ws.follow();
      await ws.load();
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    }
  }

  /** Runs one change; its error (already mapped to the interface language) is shown, never swallowed. */
  private async run(work: () => Promise<unknown>, after?: () => void) {
    this.busy = true;
    this.error = '';
    try {
      await work();
      after?.();
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    } finally {
      this.busy = false;
    }
  }

  private label(para: WsParagraph): string {
    const list = this.ws?.overview?.paragraphs ?? [];
    return citation(para, list.indexOf(para));
  }

  /** "the proposal of ARAB on PP9" / "مقترح ARAB على PP9": how a button names what it acts on. */
  private named(p: WsProposal, para: WsParagraph): string {
    const L = this.lang;
    return `${tm('proposalOf', L)} ${p.delegation} ${tm('ofParagraph', L)} ${this.label(para)}`;
  }

  render() {
    const L = this.lang;
    const n = this.model.negotiation;
    const ws = this.ws;
    const o = ws?.overview;
    const base = this.model.revisions.find((r) => r.id === this.revisionId);
    const back = n ? html`<p><a href=${routeHash({ view: 'revision', negotiation: n.id, revision: this.revisionId })}><span
        aria-hidden="true">${backArrow(L)}</span> <bdi>${base?.label ?? ''}</bdi></a></p>` : nothing;
    if (!ws || (!o && !ws.missing)) {
      return html`${back}<h1>${tm('workspaceTitle', L)}</h1>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="meta">…</p>`}`;
    }
    if (!o) {
      return html`${back}<h1>${tm('workspaceTitle', L)}</h1>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <p>${tm('noWorkspace', L)}</p>
        ${base ? html`<plenary-prepare-successor .negotiation=${this.negotiationId} .revision=${base} .lang=${L}></plenary-prepare-successor>` : nothing}`;
    }
    const heard = this.heardMessage();
    return html`${back}
      <h1><span>${tm('workspaceTitle', L)}</span> <bdi>${o.workspace.label}</bdi> <span class="meta">${tm('fromRevision', L)}
        <bdi>${base?.label ?? ''}</bdi></span></h1>
      <p class="meta ws-progress"><progress max=${Math.max(1, o.progress.decided + o.progress.open)} value=${o.progress.decided}
        aria-label=${tm('progressOverall', L)}></progress> ${count(o.progress.decided, 'proposal', L)} ${tm('progressDecided', L)}${SEP}${count(
        o.progress.open, 'proposal', L)} ${tm('progressOpen', L)}
        <span class="live-state ${ws.live ? 'on' : 'off'}">${ws.live ? t('live', L) : t('offline', L)}</span></p>
      ${this.renderFilters()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p class="visually-hidden" role="status">${this.notice}</p>
      <p class="visually-hidden" role="status" aria-live="polite">${heard}</p>
      ${heard ? html`<p class="ws-heard meta" aria-hidden="true">${heard}</p>` : nothing}
      ${this.renderPublish()}
      <article class="workspace" aria-label=${o.workspace.label}>
        ${ws.visibleParagraphs().map((para) => this.renderParagraph(para))}
      </article>
      ${o.deleted.length > 0 ? html`<section class="ws-deleted" aria-labelledby="ws-deleted-head">
        <h2 id="ws-deleted-head">${tm('deletedInWorkspace', L)}</h2>
        <ul>${o.deleted.map((d) => html`<li><del dir=${textDirection(d.text)}>${d.text}</del></li>`)}</ul></section>` : nothing}`;
  }

  /** Filters: undecided, colliding with the workspace, one delegation's, one kind's proposals. */
  private renderFilters() {
    const L = this.lang;
    const ws = this.ws!;
    const f = ws.filter;
    const all = (ws.overview?.paragraphs ?? []).flatMap((para) => para.proposals.filter((p) => !isStance(p)));
    const delegations = [...new Set(all.flatMap((p) => (p.submittedBy && p.submittedBy !== p.delegation
      ? [p.delegation, p.submittedBy] : [p.delegation])))].sort();
    const kinds = [...new Set(all.map((p) => p.kind))].sort();
    const set = (change: Partial<WsFilter>) => ws.setFilter({ ...f, ...change });
    const visible = ws.visibleParagraphs().length;
    return html`<form class="filters ws-filters" role="search" aria-label=${tm('wsFilters', L)} @submit=${(e: Event) => e.preventDefault()}>
      <label class="check"><input type="checkbox" name="undecided" .checked=${f.undecided}
        @change=${(e: Event) => set({ undecided: (e.target as HTMLInputElement).checked })} /> ${tm('filterUndecided', L)}</label>
      <label class="check"><input type="checkbox" name="conflicts" .checked=${f.conflicts}
        @change=${(e: Event) => set({ conflicts: (e.target as HTMLInputElement).checked })} /> ${tm('filterConflicts', L)}</label>
      <label>${tm('delegationFilter', L)} <select name="delegation" @change=${(e: Event) => set({ delegation: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${f.delegation === ''}>${tm('allDelegations', L)}</option>
        ${delegations.map((d) => html`<option value=${d} ?selected=${d === f.delegation}>${d}</option>`)}</select></label>
      <label>${tm('kindFilter', L)} <select name="kind" @change=${(e: Event) => set({ kind: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${f.kind === ''}>${tm('allKinds', L)}</option>
        ${kinds.map((k) => html`<option value=${k} ?selected=${k === f.kind}>${kindLabel(k, L)}</option>`)}</select></label>
      ${wsFilterActive(f) ? html`<button type="button" class="clear" @click=${() => ws.setFilter(NO_WS_FILTER)}>${tm('clearWsFilters', L)}</button>
        <span class="meta" role="status">${count(visible, 'paragraph', L)} ${tm('paragraphsShown', L)}</span>` : nothing}
    </form>`;
  }

  /** Another facilitator's change, in words: "Another facilitator changed the workspace: PP9, ARAB: Accepted". */
  private heardMessage(): string {
    const e = this.ws?.heard;
    const L = this.lang;
    if (!e) return '';
    const me = this.session.account?.id;
    if (me !== undefined && (e as unknown as { account?: number }).account === me) return '';
    const para = typeof e.payload['paragraph'] === 'number' ? this.ws?.paragraph(e.payload['paragraph'] as number) : undefined;
    const where = para ? this.label(para) : '';
    const what = e.type === 'workspace.decision'
      ? `${String(e.payload['delegation'] ?? '')}: ${decisionLabel(String(e.payload['decision'] ?? ''), L)}` : '';
    return `${tm('liveChange', L)}${where ? `: ${where}` : ''}${what ? `${SEP}${what}` : ''}`;
  }

  private renderParagraph(para: WsParagraph): TemplateResult {
    const L = this.lang;
    const ws = this.ws!;
    const label = this.label(para);
    const runs = para.baseText === null ? null : redline(para.baseText, para.text);
    const modified = runs !== null && hasChanges(runs);
    const mains = para.proposals.filter((p) => !isStance(p));
    const stale = ws.stale.get(para.id);
    const list = ws.overview!.paragraphs;
    const i = list.indexOf(para);
    const selected = mains.filter((p) => this.selected.has(p.id));
    const comments = mains.filter((p) => isUndecided(p) && COMMENT_KINDS.includes(p.kind));
    const shown = wsFilterActive(ws.filter) ? mains.filter((p) => ws.passes(p, para)) : mains;
    const progress = paragraphProgress(para);
    return html`<section class="ws-para kind-${para.kind} ${modified ? 'modified' : ''} ${runs === null ? 'inserted' : ''}"
        id=${`ws-para-${para.id}`} data-id=${para.id} aria-labelledby=${`ws-head-${para.id}`}>
      <h2 class="ws-head" id=${`ws-head-${para.id}`}>
        <span class="cite" dir="ltr">${label}</span>
        ${para.number ? html`<span class="num" dir=${para.direction}>${para.number}</span>` : nothing}
        <span class="ws-status status-${para.status}">${statusLabel(para.status, L)}</span>
        ${runs === null ? html`<span class="change-kind">${tm('newInWorkspace', L)}</span>`
          : modified ? html`<span class="change-kind">${changeLabel('modified', L)}</span>` : nothing}
      </h2>
      <p class="ws-text" dir=${para.direction}>${runs === null ? html`<ins>${para.text}</ins>` : html`${modified
        ? html`<span class="visually-hidden">${tm('redlineAgainst', L)} ${this.baseLabel()}: </span>` : nothing}${runsHtml(runs)}`}</p>
      ${stale ? this.renderStale(para, stale) : nothing}
      ${this.editing?.paragraph === para.id ? this.renderEditor(para, this.editing) : nothing}
      <div class="ws-tools" role="group" aria-label=${`${tm('editParagraph', L)} ${label}`}>
        <button type="button" class="link ws-edit" aria-label=${`${tm('editParagraph', L)} ${label}`} ?disabled=${this.busy}
          @click=${() => { this.editing = this.editing?.paragraph === para.id ? null
            : { paragraph: para.id, etag: para.etag, text: para.text, status: para.status }; }}>${tm('editParagraph', L)}</button>
        <button type="button" class="link ws-up" aria-label=${`${tm('moveUp', L)} ${label}`} ?disabled=${this.busy || i <= 0}
          @click=${() => void this.run(() => ws.move(para, -1)).then(() => this.refocus(para.id, '.ws-up'))}>${tm('moveUp', L)}</button>
        <button type="button" class="link ws-down" aria-label=${`${tm('moveDown', L)} ${label}`}
          ?disabled=${this.busy || i >= list.length - 1}
          @click=${() => void this.run(() => ws.move(para, 1)).then(() => this.refocus(para.id, '.ws-down'))}>${tm('moveDown', L)}</button>
        <button type="button" class="link ws-insert" aria-label=${`${tm('insertAfter', L)} ${label}`} ?disabled=${this.busy}
          @click=${() => { this.inserting = this.inserting === para.id ? null : para.id; }}>${tm('insertAfter', L)}</button>
        ${this.confirmingDelete === para.id
          ? html`<button type="button" class="link ws-delete confirm" aria-label=${`${tm('confirmDelete', L)} ${label}`}
              @click=${() => void this.run(() => ws.remove(para), () => { this.confirmingDelete = null; })}>${tm('confirmDelete', L)}</button>
            <button type="button" class="link" aria-label=${`${tm('cancel', L)} ${tm('deleteParagraph', L)} ${label}`}
              @click=${() => { this.confirmingDelete = null; }}>${tm('cancel', L)}</button>`
          : html`<button type="button" class="link ws-delete" aria-label=${`${tm('deleteParagraph', L)} ${label}`} ?disabled=${this.busy}
              @click=${() => { this.confirmingDelete = para.id; }}>${tm('deleteParagraph', L)}</button>`}
      </div>
      ${this.inserting === para.id ? this.renderInsert(para) : nothing}
      ${progress.decided + progress.open > 0 ? html`<p class="meta ws-para-progress"><progress max=${progress.decided + progress.open}
        value=${progress.decided} aria-label=${`${tm('progressOf', L)} ${label}`}></progress> ${count(progress.decided, 'proposal', L)}
        ${tm('progressDecided', L)}${SEP}${count(progress.open, 'proposal', L)} ${tm('progressOpen', L)}</p>` : nothing}
      ${shown.length > 0 ? html`<ul class="ws-proposals">${shown.map((p) => this.renderProposal(p, para))}</ul>` : nothing}
      ${selected.length >= 2 || comments.length > 0 ? html`<div class="ws-batch">
        ${selected.length >= 2 ? html`<button type="button" class="ws-combine" ?disabled=${this.busy}
          aria-label=${`${tm('combineSelected', L)} (${localDigits(selected.length, L)}) ${tm('ofParagraph', L)} ${label}`}
          @click=${() => this.openCombine(para, selected)}>${tm('combineSelected', L)} (${localDigits(selected.length, L)})</button>` : nothing}
        ${comments.length > 0 ? html`<button type="button" class="ws-note-all" ?disabled=${this.busy}
          aria-label=${`${tm('noteComments', L)} ${tm('ofParagraph', L)} ${label} (${localDigits(comments.length, L)})`}
          @click=${() => void this.noteAll(para)}>${tm('noteComments', L)} (${localDigits(comments.length, L)})</button>` : nothing}
      </div>` : nothing}
      ${this.combining?.paragraph === para.id ? this.renderCombine(para, selected) : nothing}
    </section>`;
  }

  private baseLabel(): string {
    return this.model.revisions.find((r) => r.id === this.revisionId)?.label ?? '';
  }

  /** After a move, the focus stays on the button that moved the paragraph, at its new place. */
  private refocus(paragraph: number, selector: string) {
    void this.updateComplete.then(() => {
      const button = this.querySelector<HTMLButtonElement>(`#ws-para-${paragraph} ${selector}`);
      if (button && !button.disabled) button.focus();
      else this.querySelector<HTMLElement>(`#ws-para-${paragraph} .ws-edit`)?.focus();
    });
  }

  /** A proposal's discussion, read from Rev.N (read-only here: delegations reply on the revision). */
  private async toggleThread(p: WsProposal) {
    const threads = new Map(this.threads);
    if (threads.has(p.id)) {
      threads.delete(p.id);
      this.threads = threads;
      return;
    }
    threads.set(p.id, null);
    this.threads = threads;
    try {
      const replies = await api.replies(this.negotiationId, this.revisionId, p.id);
      this.threads = new Map(this.threads).set(p.id, replies);
    } catch (err) {
      this.error = errorMessage(err, this.lang);
      const next = new Map(this.threads);
      next.delete(p.id);
      this.threads = next;
    }
  }

  private renderThread(id: number) {
    const replies = this.threads.get(id);
    if (!replies) return html`<p class="meta">…</p>`;
    return html`<ol class="replies ws-thread">${replies.map((x) => html`<li class="reply" data-id=${x.id}>
      <span class="delegation">${x.delegation ?? '—'}</span> <span class="text" dir=${textDirection(x.text)}>${x.text}</span></li>`)}</ol>`;
  }

  /** The reasons given for supports and objections (their text). */
  private renderReasons(stances: WsProposal[]) {
    const L = this.lang;
    const reasons = stances.filter((s) => s.text);
    if (reasons.length === 0) return nothing;
    return html`<ul class="stance-reasons">${reasons.map((s) => html`<li><span class="stance-by">${s.delegation}</span>
      <span class="kind">${kindLabel(s.kind, L)}</span>: <span dir=${textDirection(s.text ?? '')}>${s.text}</span></li>`)}</ul>`;
  }

  private renderProposal(p: WsProposal, para: WsParagraph): TemplateResult {
    const L = this.lang;
    const ws = this.ws!;
    const named = this.named(p, para);
    const stances = para.proposals.filter((s) => isStance(s) && s.target === p.id && s.state === 'submitted');
    const supporters = stances.filter((s) => s.kind === 'support').map((s) => s.delegation);
    const objectors = stances.filter((s) => s.kind === 'object').map((s) => s.delegation);
    const proposed = proposedText(p, para);
    const base = para.baseText ?? para.text;
    const changesText = TEXT_KINDS.includes(p.kind);
    const withdrawn = p.state !== 'submitted';
    const conflict = ws.conflicts.get(p.id);
    const gone = ws.needsRebase.get(p.id);
    return html`<li class="ws-proposal kind-${p.kind} decision-${p.decision}" data-id=${p.id}>
      <div class="ws-proposal-head">
        ${COMBINABLE.includes(p.kind) && !withdrawn ? html`<label class="check ws-select"><input type="checkbox"
          .checked=${this.selected.has(p.id)} aria-label=${`${tm('select', L)} ${named}`}
          @change=${(e: Event) => this.toggleSelect(p.id, (e.target as HTMLInputElement).checked)}></label>` : nothing}
        <span class="delegation">${p.delegation}</span>${p.submittedBy && p.submittedBy !== p.delegation
          ? html`<span class="submitted-by">${L === 'ar' ? '،' : ','} ${t('submittedBy', L)} ${p.submittedBy}</span>` : nothing}
        ${p.cosponsors.length > 0 ? html`<span class="cosponsors">${t('cosponsoredBy', L)} ${p.cosponsors.join(L === 'ar' ? '، ' : ', ')}</span>` : nothing}
        <span class="kind">${kindLabel(p.kind === 'insert' ? `insert_${p.placement ?? 'after'}` : p.kind, L)}</span>
        <span class="ws-decision decision-${p.decision}">${withdrawn ? kindLabel('state-withdrawn', L) : decisionLabel(p.decision, L)}</span>
        ${!withdrawn && isUndecided(p) && ws.collides(p, para) ? html`<span class="ws-collides">${tm('collides', L)}</span>` : nothing}
      </div>
      ${p.anchor ? html`<q class="quote" dir="auto">${p.anchor.exact}</q>` : nothing}
      ${p.kind === 'amend' || p.kind === 'delete'
        ? proposed !== null ? html`<p class="redline" dir=${para.direction}><span class="visually-hidden">${t('redline', L)}: </span>${runsHtml(
            redline(base, proposed))}</p>` : html`<p class="text" dir=${textDirection(p.text ?? '')}>${p.text}</p>`
        : p.text ? html`<p class="text" dir=${textDirection(p.text)}>${p.text}</p>` : nothing}
      ${p.rationale ? html`<p class="rationale" dir=${textDirection(p.rationale)}>${p.rationale}</p>` : nothing}
      <p class="meta ws-stances">${supporters.length > 0 ? html`<span class="supporters">${t('supportedBy', L)} ${supporters.join(L === 'ar' ? '، ' : ', ')}</span>` : nothing}
        ${objectors.length > 0 ? html`<span class="objectors">${t('objectedBy', L)} ${objectors.join(L === 'ar' ? '، ' : ', ')}</span>` : nothing}
        ${p.replies !== undefined ? p.replies > 0 ? html`<button type="button" class="link ws-replies"
            aria-expanded=${this.threads.has(p.id) ? 'true' : 'false'} aria-label=${`${t('discussion', L)}: ${named}: ${count(p.replies, 'reply', L)}`}
            @click=${() => void this.toggleThread(p)}>${t('discussion', L)}: ${count(p.replies, 'reply', L)}</button>`
          : html`<span class="ws-replies">${t('discussion', L)}: ${count(p.replies, 'reply', L)}</span>` : nothing}
        ${p.note ? html`<span class="ws-note" dir="auto">${p.note}</span>` : nothing}</p>
      ${this.renderReasons(stances)}
      ${this.threads.has(p.id) ? this.renderThread(p.id) : nothing}
      ${withdrawn ? nothing : html`<div class="ws-actions" role="group" aria-label=${`${tm('decisionsOn', L)} ${named}`}>
        ${ACTIONS.filter(([, , text]) => !text || changesText).map(([d, key]) => html`<button type="button"
          class="ws-${d}" aria-pressed=${p.decision === d ? 'true' : 'false'} ?disabled=${this.busy}
          aria-label=${`${tm(key, L)} ${named}`}
          @click=${() => (d === 'accept-modified' ? this.openModify(p, para) : void this.decide(p, d))}>${tm(key, L)}</button>`)}
        ${p.decision !== 'open' ? html`<button type="button" class="ws-open" ?disabled=${this.busy}
          aria-label=${`${tm('takeBack', L)} ${named}`} @click=${() => void this.decide(p, 'open')}>${tm('takeBack', L)}</button>` : nothing}
      </div>`}
      ${ws.staleDecisions.has(p.id) ? html`<p class="notice" role="status">${tm('staleDecision', L)}</p>` : nothing}
      ${gone !== undefined ? html`<p class="notice ws-needs-rebase" role="alert">${tm('needsRebaseDecision', L)}
        ${gone ? html`<q class="quote" dir="auto">${gone}</q>` : nothing}</p>` : nothing}
      ${conflict ? this.renderConflict(p, para, conflict) : nothing}
      ${this.modifying?.proposal === p.id ? this.renderModify(p, para) : nothing}
    </li>`;
  }

  private toggleSelect(id: number, on: boolean) {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  private async decide(p: WsProposal, d: Decision, text?: string, note?: string) {
    await this.run(async () => {
      await this.ws!.decide(p, d, text, note);
    }, () => {
      if (this.modifying?.proposal === p.id && !this.ws!.conflicts.has(p.id)) this.modifying = null;
    });
  }

  private openModify(p: WsProposal, para: WsParagraph, text?: string) {
    this.modifying = { proposal: p.id, text: text ?? mergedText(p, para) };
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`.ws-proposal[data-id="${p.id}"] .ws-modify textarea`)?.focus());
  }

  private renderModify(p: WsProposal, para: WsParagraph) {
    const L = this.lang;
    const named = this.named(p, para);
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const form = new FormData(e.target as HTMLFormElement);
      const text = String(form.get('text') ?? '').trim();
      const note = String(form.get('note') ?? '').trim();
      if (!text) return;
      if (this.ws!.conflicts.has(p.id)) {
        void this.run(() => this.ws!.acceptResolved(p, text, note || undefined), () => {
          if (!this.ws!.conflicts.has(p.id)) this.modifying = null;
        });
      } else {
        void this.decide(p, 'accept-modified', text, note || undefined);
      }
    };
    return html`<form class="ws-modify" @submit=${save} @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape') this.modifying = null;
    }}>
      <label>${tm('acceptedText', L)} <textarea name="text" rows="5" dir=${para.direction} .value=${this.modifying!.text}></textarea></label>
      <label>${tm('note', L)} <input name="note" maxlength="4000" dir="auto"></label>
      <div class="ws-form-buttons">
        <button type="submit" ?disabled=${this.busy} aria-label=${`${tm('acceptModified', L)} ${named}`}>${tm('acceptModified', L)}</button>
        <button type="button" class="link" @click=${() => { this.modifying = null; }}>${tm('cancel', L)}</button>
      </div>
    </form>`;
  }

  /** Both versions side by side (the workspace first in reading order), the colliding words marked; resolve here. */
  private renderConflict(p: WsProposal, para: WsParagraph, c: Conflict) {
    const L = this.lang;
    const named = this.named(p, para);
    const prefill = merge3(c.base, c.workspace, c.proposed).text;
    // the accepted proposals of the paragraph it collides with: combined with them into one text, each keeps its part
    const partners = COMBINABLE.includes(p.kind) ? para.proposals.filter((x) => x.id !== p.id && !isStance(x)
      && COMBINABLE.includes(x.kind) && (x.decision === 'accept' || x.decision === 'accept-modified')) : [];
    return html`<div class="ws-conflict" role="alert">
      <p class="ws-conflict-title"><strong>${tm('conflictTitle', L)}</strong></p>
      <p class="hint">${tm('conflictHint', L)}</p>
      <div class="diff-sides">
        <div class="ws-conflict-ours"><h3>${tm('inWorkspace', L)}</h3>
          <p class="diff-text" dir=${para.direction}>${marked(c.workspace, c.workspaceOps.map((o) => o.inserted || o.removed))}</p></div>
        <div class="ws-conflict-theirs"><h3>${tm('asProposed', L)} (${p.delegation})</h3>
          <p class="diff-text" dir=${para.direction}>${marked(c.proposed, c.proposalOps.map((o) => o.inserted || o.removed))}</p></div>
      </div>
      <p class="meta">${tm('inBase', L)} (<bdi>${this.baseLabel()}</bdi>): <span dir=${para.direction}>${marked(c.base,
        [...c.workspaceOps, ...c.proposalOps].map((o) => o.removed))}</span></p>
      <div class="ws-form-buttons">
        <button type="button" class="ws-resolve" aria-label=${`${tm('resolveAcceptModified', L)} ${named}`}
          @click=${() => this.openModify(p, para, prefill)}>${tm('resolveAcceptModified', L)}</button>
        ${partners.length > 0 ? html`<button type="button" class="ws-resolve-combine"
          aria-label=${`${tm('combineWith', L)} ${partners.map((x) => x.delegation).join(', ')}: ${named}`}
          @click=${() => {
            this.selected = new Set([p.id, ...partners.map((x) => x.id)]);
            this.combining = { paragraph: para.id, text: prefill };
          }}>${tm('combineWith', L)} ${partners.map((x) => x.delegation).join(L === 'ar' ? '، ' : ', ')}</button>` : nothing}
        <button type="button" class="ws-resolve-defer" aria-label=${`${tm('defer', L)} ${named}`}
          @click=${() => void this.decide(p, 'defer')}>${tm('defer', L)}</button>
        <button type="button" class="link" aria-label=${`${tm('dismiss', L)}: ${tm('conflictTitle', L)} ${named}`}
          @click=${() => this.ws!.clearConflict(p.id)}>${tm('dismiss', L)}</button>
      </div>
    </div>`;
  }

  private renderStale(para: WsParagraph, s: { text: string; status: string; mine: { text?: string; status?: string } }) {
    const L = this.lang;
    const label = this.label(para);
    return html`<div class="ws-stale" role="alert">
      <p><strong>${tm('staleTitle', L)}</strong></p>
      <div class="diff-sides">
        <div><h3>${tm('theirVersion', L)}</h3><p class="diff-text" dir=${para.direction}>${s.text}</p>
          <p class="meta">${tm('status', L)}: ${statusLabel(s.status, L)}</p></div>
        <div><h3>${tm('yourVersion', L)}</h3><p class="diff-text" dir=${para.direction}>${s.mine.text !== undefined
          ? runsHtml(redline(s.text, s.mine.text)) : s.text}</p>
          ${s.mine.status ? html`<p class="meta">${tm('status', L)}: ${statusLabel(s.mine.status, L)}</p>` : nothing}</div>
      </div>
      <div class="ws-form-buttons">
        <button type="button" class="ws-keep-mine" aria-label=${`${tm('keepMine', L)} ${label}`}
          @click=${() => void this.run(() => this.ws!.keepMine(para.id))}>${tm('keepMine', L)}</button>
        <button type="button" class="ws-keep-theirs" aria-label=${`${tm('keepTheirs', L)} ${label}`}
          @click=${() => this.ws!.takeTheirs(para.id)}>${tm('keepTheirs', L)}</button>
      </div>
    </div>`;
  }

  private renderEditor(para: WsParagraph, from: { etag: string | null; text: string; status: string }) {
    const L = this.lang;
    const label = this.label(para);
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const form = new FormData(e.target as HTMLFormElement);
      const text = String(form.get('text') ?? '').trim();
      const status = String(form.get('status') ?? '');
      const changes: { text?: string; status?: string } = {};
      if (text && text !== from.text) changes.text = text;
      if (status && status !== from.status) changes.status = status;
      if (Object.keys(changes).length === 0) {
        this.editing = null;
        return;
      }
      // with the version the editor started from: if someone changed the paragraph since, it is a 412 and both show
      void this.run(() => this.ws!.edit({ id: para.id, etag: from.etag }, changes), () => { this.editing = null; });
    };
    return html`<form class="ws-editor" @submit=${save} @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape') this.editing = null;
    }}>
      <label>${t('text', L)} (${label}) <textarea name="text" rows="5" dir=${para.direction} .value=${from.text}></textarea></label>
      <label>${tm('status', L)} <select name="status">${[...new Set([from.status, ...STATUSES])].map((s) => html`<option
        value=${s} ?selected=${s === from.status}>${statusLabel(s, L)}</option>`)}</select></label>
      <div class="ws-form-buttons">
        <button type="submit" ?disabled=${this.busy} aria-label=${`${tm('save', L)} ${label}`}>${tm('save', L)}</button>
        <button type="button" class="link" @click=${() => { this.editing = null; }}>${tm('cancel', L)}</button>
      </div>
    </form>`;
  }

  private renderInsert(para: WsParagraph) {
    const L = this.lang;
    const label = this.label(para);
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const text = String(new FormData(e.target as HTMLFormElement).get('text') ?? '').trim();
      if (!text) return;
      void this.run(() => this.ws!.insert({ after: para.id }, text), () => { this.inserting = null; });
    };
    return html`<form class="ws-insert-form" @submit=${save}>
      <label>${tm('newParagraphText', L)} (${tm('insertAfter', L)} ${label})
        <textarea name="text" rows="3" dir="auto"></textarea></label>
      <div class="ws-form-buttons">
        <button type="submit" ?disabled=${this.busy} aria-label=${`${tm('insert', L)}: ${tm('insertAfter', L)} ${label}`}>${tm('insert', L)}</button>
        <button type="button" class="link" @click=${() => { this.inserting = null; }}>${tm('cancel', L)}</button>
      </div>
    </form>`;
  }

  /** The combination starts from each selected proposal merged, one after the other, into the paragraph. */
  private openCombine(para: WsParagraph, selected: WsProposal[]) {
    const base = para.baseText ?? para.text;
    let text = para.text;
    for (const p of selected) {
      const theirs = proposedText(p, para);
      if (theirs !== null) text = merge3(base, text, theirs).text;
    }
    this.combining = { paragraph: para.id, text };
  }

  private renderCombine(para: WsParagraph, selected: WsProposal[]) {
    const L = this.lang;
    const label = this.label(para);
    const save = (e: SubmitEvent) => {
      e.preventDefault();
      const text = String(new FormData(e.target as HTMLFormElement).get('text') ?? '').trim();
      if (!text || selected.length < 2) return;
      void this.run(() => this.ws!.combine(selected, text), () => {
        this.combining = null;
        this.selected = new Set();
      });
    };
    return html`<form class="ws-combine-form" @submit=${save}>
      <label>${tm('combineHint', L)} (${selected.map((p) => p.delegation).join(L === 'ar' ? '، ' : ', ')})
        <textarea name="text" rows="5" dir=${para.direction} .value=${this.combining!.text}></textarea></label>
      <div class="ws-form-buttons">
        <button type="submit" ?disabled=${this.busy} aria-label=${`${tm('combine', L)} ${tm('ofParagraph', L)} ${label}`}>${tm('combine', L)}</button>
        <button type="button" class="link" @click=${() => { this.combining = null; }}>${tm('cancel', L)}</button>
      </div>
    </form>`;
  }

  private async noteAll(para: WsParagraph) {
    const L = this.lang;
    await this.run(async () => {
      const r = await this.ws!.noteComments(para);
      if (r) this.notice = `${this.label(para)}: ${count(r.decided, 'proposal', L)} ${tm('notedCount', L)}${r.refused > 0
        ? `${SEP}${count(r.refused, 'proposal', L)} ${tm('refusedCount', L)}` : ''}`;
    });
  }

  private renderPublish() {
    const L = this.lang;
    const ws = this.ws!;
    const n = this.negotiationId;
    if (ws.published) {
      const p = ws.published;
      return html`<section class="card ws-published" role="status">
        <h2>${tm('publishedAs', L)}: <bdi>${p.label}</bdi></h2>
        <ul class="ws-fates">${Object.entries(p.fates).map(([f, v]) => html`<li>${fateLabel(f, L)}: ${localDigits(v, L)}</li>`)}</ul>
        <p><a href=${routeHash({ view: 'revision', negotiation: n, revision: p.revision })}><bdi>${p.label}</bdi></a>${SEP}<a
          href=${routeHash({ view: 'fates', negotiation: n })}>${tm('whatHappenedAll', L)}</a></p>
      </section>`;
    }
    if (!this.reviewing) {
      return html`<p><button type="button" class="ws-review" @click=${() => { this.reviewing = true; }}>${tm('reviewPublish', L)}</button></p>`;
    }
    const s = publishSummary(ws.overview!);
    const publish = () => void this.run(async () => {
      await ws.publish();
      this.reviewing = false;
    });
    return html`<section class="card ws-publish" aria-labelledby="ws-publish-head">
      <h2 id="ws-publish-head">${tm('publishTitle', L)} <bdi>${ws.overview!.workspace.label}</bdi></h2>
      <p>${tm('publishSummary', L)}</p>
      <ul class="ws-fates">${Object.entries(s.fates).sort((a, b) => b[1] - a[1]).map(([f, v]) => html`<li data-fate=${f}>${fateLabel(f, L)}:
        ${localDigits(v, L)}</li>`)}</ul>
      <p class="ws-carried">${count(s.carried, 'proposal', L)} ${tm('carriedForwardSummary', L)}</p>
      ${s.needsRebase > 0 ? html`<p class="ws-rebase">${count(s.needsRebase, 'proposal', L)} ${tm('needsRebaseSummary', L)}</p>` : nothing}
      ${s.undecided > 0 ? html`<p class="notice">${count(s.undecided, 'proposal', L)} ${tm('undecidedWarning', L)}</p>` : nothing}
      <p class="hint">${tm('publishIrreversible', L)}</p>
      <div class="ws-form-buttons">
        <button type="button" class="ws-confirm-publish" ?disabled=${this.busy} @click=${publish}>${tm('confirmPublish', L)}
          <bdi>${ws.overview!.workspace.label}</bdi></button>
        <button type="button" class="link" @click=${() => { this.reviewing = false; }}>${tm('cancel', L)}</button>
      </div>
    </section>`;
  }
}

customElements.define('plenary-workspace-view', WorkspaceView);

/**
 * On a published revision, for facilitators and the secretariat: "Prepare Rev.N+1" opens the workspace of the
 * next revision (its label prefilled), or "Continue preparing Rev.N+1" when it is open.
 */
export class PrepareSuccessor extends LitElement {
  static properties = {
    negotiation: { type: Number },
    revision: { attribute: false },
    lang: { attribute: false },
    states: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  negotiation = 0;
  revision: RevisionSummary | null = null;
  lang: Lang = 'en';
  states: { id: number; seq: number; label: string; state?: string; basedOn?: number | null }[] | null = null;
  error = '';
  busy = false;

  createRenderRoot() {
    return this;
  }

  protected updated(changed: Map<string, unknown>) {
    if (changed.has('negotiation') || changed.has('revision')) {
      mergeApi.revisions(this.negotiation).then((s) => { this.states = s; }, () => { this.states = []; });
    }
  }

  private async open(e: SubmitEvent) {
    e.preventDefault();
    const r = this.revision;
    if (!r) return;
    const label = String(new FormData(e.target as HTMLFormElement).get('label') ?? '').trim() || nextLabel(r.label);
    this.busy = true;
    try {
      await mergeApi.openSuccessor(this.negotiation, r.id, label).catch((err) => {
        if (!(err instanceof ApiError && err.problem.type.endsWith(':workspace-open'))) throw err;
      });
      location.hash = routeHash({ view: 'workspace', negotiation: this.negotiation, revision: r.id });
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const L = this.lang;
    const r = this.revision;
    if (!r || this.states === null) return nothing;
    const me = this.states.find((s) => s.id === r.id);
    if (me?.state !== undefined && me.state !== 'published') return nothing;
    const open = this.states.find((s) => s.basedOn === r.id && s.state === 'editing');
    if (open) {
      return html`<p class="ws-prepare"><a class="ws-resume" href=${routeHash({ view: 'workspace', negotiation: this.negotiation,
        revision: r.id })}>${tm('resumeWorkspace', L)} <bdi>${open.label}</bdi></a></p>`;
    }
    const newer = this.states.some((s) => s.seq > r.seq && s.state !== 'editing');
    if (newer) return nothing;
    const label = nextLabel(r.label);
    return html`<form class="ws-prepare" @submit=${(e: SubmitEvent) => void this.open(e)}>
      <label>${tm('nextLabel', L)} <input name="label" maxlength="200" dir="auto" .value=${label}></label>
      <button type="submit" ?disabled=${this.busy}>${tm('prepareNext', L)} <bdi>${label}</bdi></button>
      <span class="hint">${tm('prepareHint', L)}</span>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </form>`;
  }
}

customElements.define('plenary-prepare-successor', PrepareSuccessor);
