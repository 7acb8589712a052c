import { html, nothing } from 'lit';
import { ApiError, type NewProposal, type Paragraph } from '../api';
import { citation } from '../diff';
import { GroupStageModel, GUEST_KINDS, adoptPrefill, combinable, decisionOf, itemStance, notesOf, stanceOn,
  submissionSummary, type CombineConflict } from '../group';
import { groupApi, notesDocumentUrl, type GroupNote, type NoteDecision, type PositionItem } from '../group-api';
import { gcount, groupEventLabel, groupProblemMessage, noteDecisionLabel, tg, type GroupLabelKey } from '../group-i18n';
import { backArrow, fateLabel, kindLabel, localDigits, SEP, t } from '../i18n';
import { AnnounceEvent, ModelChangeEvent } from '../model';
import { anchorOf, bracketSegments, utcFromLocalInput, utcMinute, type Anchor } from '../paragraphs';
import { delegationCodes, PARAGRAPH_KINDS, needsText, textDirection } from '../proposals';
import { markWords, merge3, redline, type RedlineRun } from '../redline';
import { routeHash } from '../route';
import { ModelView } from './base';

function runsHtml(runs: RedlineRun[]) {
  return runs.map((r) => (r.type === 'insert' ? html`<ins>${r.text}</ins>` : r.type === 'delete' ? html`<del>${r.text}</del>` : r.text));
}

/** The decisions offered per note: [decision, label]. "open" (undo) is offered once a note is decided. */
const ACTIONS: [NoteDecision, GroupLabelKey][] = [
  ['adopt', 'adopt'], ['adopt-modified', 'adoptModified'], ['not-retained', 'notRetained'], ['noted', 'noted'],
];

/**
 * A group's private stage (#/n/{n}/r/{r}/groups/{g}): the draft paragraph by paragraph with the members' notes
 * (who wrote, supports and objections, the coordinator's decision and, after submission, the proposal's fate), the
 * form to write a note, the draft position with stances and co-sponsorship; for the coordinator the decisions, the
 * combination of amendments (a merge conflict is shown and typed through), the notes document and the submission.
 * Followed live through the stage's private events.
 */
export class GroupView extends ModelView {
  static properties = {
    ...ModelView.properties,
    negotiationId: { type: Number },
    revisionId: { type: Number },
    group: { type: String },
    error: { state: true },
    writing: { state: true },
    anchor: { state: true },
    words: { state: true },
    selection: { state: true },
    confirming: { state: true },
    modifying: { state: true },
    selected: { state: true },
    reviewing: { state: true },
    changing: { state: true },
    busy: { state: true },
  };

  negotiationId = 0;
  revisionId = 0;
  group = '';
  error = '';
  stage: GroupStageModel | null = null;
  /** The paragraph whose note form is open. */
  writing: number | null = null;
  /** The span the open form writes on. */
  anchor: Anchor | null = null;
  words: { typed: string; anchor: Anchor | null } = { typed: '', anchor: null };
  /** The span of a paragraph selected last. */
  selection: { paragraph: number; anchor: Anchor } | null = null;
  /** The own note whose withdrawal waits for a second click. */
  confirming: number | null = null;
  /** The note whose "adopt with changes" editor is open. */
  modifying: number | null = null;
  /** Notes selected to combine. */
  selected = new Set<number>();
  reviewing = false;
  /** The coordinator's form changing the deadline and guests is open. */
  changing = false;
  busy = false;
  private lastHeard: unknown = null;
  private readonly rerenderStage = () => {
    this.requestUpdate();
    this.announceHeard();
  };

  private readonly onSelection = () => this.selectionChanged();

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('selectionchange', this.onSelection);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('selectionchange', this.onSelection);
    this.stage?.removeEventListener(ModelChangeEvent.type, this.rerenderStage);
    this.stage?.stop();
  }

  protected updated(changed: Map<string, unknown>) {
    if (changed.has('negotiationId') || changed.has('revisionId') || changed.has('group')) {
      if (!this.negotiationId || !this.revisionId || !this.group) return;
      this.stage?.removeEventListener(ModelChangeEvent.type, this.rerenderStage);
      this.stage?.stop();
      const s = new GroupStageModel(this.negotiationId, this.revisionId, this.group);
      s.addEventListener(ModelChangeEvent.type, this.rerenderStage);
      this.stage = s;
      this.error = '';
      this.model.open(this.negotiationId).catch(() => undefined);
      s.follow();
      s.load().catch((err) => { this.error = this.message(err); });
    }
  }

  private message(err: unknown): string {
    return err instanceof ApiError ? groupProblemMessage(err.problem, this.lang) : String(err);
  }

  /** Runs an action; its problem is shown in the view, localized. */
  private async run(work: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    try {
      await work();
      this.error = '';
      return true;
    } catch (err) {
      this.error = this.message(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Another participant's change heard live: read out in the aria-live region. */
  private announceHeard() {
    const e = this.stage?.heard;
    if (!e || e === this.lastHeard) return;
    this.lastHeard = e;
    const L = this.lang;
    this.model.dispatchEvent(new AnnounceEvent(`${tg('liveHeard', L)} ${this.group}: ${e.delegation ?? ''}${SEP}${
      groupEventLabel(e.type, L)}`));
  }

  private selectionChanged() {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    const textOf = (n: Node) => (n instanceof Element ? n : n.parentElement)?.closest('.gs-draft .ptext') ?? null;
    const holder = textOf(range.startContainer);
    const para = holder?.closest<HTMLElement>('p.para');
    const p = para ? this.stage?.revision?.paragraphs.find((x) => x.id === Number(para.dataset.id)) : undefined;
    if (!holder || holder !== textOf(range.endContainer) || !p) {
      this.selection = null;
      return;
    }
    const before = document.createRange();
    before.selectNodeContents(holder);
    before.setEnd(range.startContainer, range.startOffset);
    const from = before.toString().length;
    const anchor = anchorOf(p.text, from, from + range.toString().length);
    this.selection = anchor ? { paragraph: p.id, anchor } : null;
  }

  // --- writing a note ---------------------------------------------------------------------------------------------

  private openForm(paragraph: number, anchor: Anchor | null) {
    this.writing = paragraph;
    this.anchor = anchor;
    this.words = { typed: '', anchor: null };
    this.error = '';
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('form.gs-write select[name=kind]')?.focus());
  }

  private closeForm() {
    const at = this.writing;
    this.writing = null;
    this.anchor = null;
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`.gs-write-open[data-paragraph="${at}"]`)?.focus());
  }

  private typedWords(e: Event, text: string) {
    const typed = (e.target as HTMLInputElement).value.trim();
    const at = typed ? text.indexOf(typed) : -1;
    this.words = { typed, anchor: at < 0 ? null : anchorOf(text, at, at + typed.length) };
  }

  private async write(e: SubmitEvent, p: Paragraph) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const kind = String(form.get('kind'));
    const text = String(form.get('text') ?? '').trim();
    const rationale = String(form.get('rationale') ?? '').trim();
    if (this.words.typed && !this.words.anchor) {
      this.error = t('wordsNotFound', this.lang);
      return;
    }
    const anchor = kind.startsWith('insert') ? null : this.anchor ?? this.words.anchor;
    if (needsText(kind) && !text && !(kind === 'amend' && anchor)) {
      this.error = `${t('text', this.lang)} ✱`;
      return;
    }
    const body: NewProposal = {
      kind: kind.startsWith('insert_') ? 'insert' : kind as NewProposal['kind'],
      ...(kind.startsWith('insert_') ? { placement: kind === 'insert_before' ? 'before' as const : 'after' as const } : {}),
      paragraph: p.id,
      ...(text ? { text } : {}),
      ...(anchor ? { anchor } : {}),
      ...(rationale ? { rationale } : {}),
    };
    if (await this.run(() => this.stage!.write(body))) {
      this.selection = null;
      this.closeForm();
    }
  }

  // --- rendering --------------------------------------------------------------------------------------------------

  render() {
    const L = this.lang;
    const s = this.stage;
    const n = this.negotiationId;
    const back = html`<p><a href=${routeHash({ view: 'revision', negotiation: n, revision: this.revisionId })}><span
      aria-hidden="true">${backArrow(L)}</span> ${tg('backToRevision', L)} <bdi>${s?.revision?.label
      ?? this.model?.revisions.find((x) => x.id === this.revisionId)?.label ?? t('revision', L)}</bdi></a></p>`;
    if (!s || (!s.stage && !s.missing)) {
      return html`${back}<h1>${tg('stageOf', L)} <bdi>${this.group}</bdi></h1>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
    }
    if (s.missing || !s.stage) {
      return html`${back}<h1>${tg('stageOf', L)} <bdi>${this.group}</bdi></h1><p class="notice" role="status">${tg('noStage', L)}</p>`;
    }
    const st = s.stage;
    const paragraphs = s.revision?.paragraphs ?? [];
    return html`${back}
      <h1>${tg('stageOf', L)} <bdi>${st.group}</bdi>${SEP}<bdi dir="auto">${s.revision?.label ?? ''}</bdi></h1>
      ${st.state === 'submitted'
        ? html`<p class="gs-banner submitted" role="note">${tg('submittedBanner', L)}</p>`
        : html`<p class="gs-banner private" role="note"><span aria-hidden="true">🔒</span> <strong>${tg('privateBanner', L)}
            <bdi>${st.group}</bdi></strong> ${tg('privateUntil', L)}</p>`}
      <p class="meta gs-meta">
        ${tg('deadlineLabel', L)} <bdi dir="ltr">${localDigits(utcMinute(st.deadline), L)}</bdi>${st.open ? nothing
          : html`${SEP}${tg('closedStage', L)}`}${SEP}${tg('coordinator', L)} <bdi>${st.coordinator}</bdi>${SEP}${tg('members', L)}
        <bdi>${st.members.join('، ')}</bdi>${st.guests.length > 0 ? html`${SEP}${tg('guestsShort', L)} <bdi>${st.guests.join('، ')}</bdi>`
          : nothing}${SEP}${tg('youAre', L)} ${tg(`standing_${st.you.standing}`, L)} (<bdi>${st.you.delegation}</bdi>)${SEP}${
          gcount(st.counts.notes, 'note', L)}${SEP}${gcount(st.counts.undecided, 'undecided', L)}
        <span class="live-state ${s.live ? 'on' : 'off'}">${s.live ? t('live', L) : t('offline', L)}</span></p>
      ${s.isCoordinator && st.state !== 'submitted' ? this.renderStageForm() : nothing}
      ${this.renderDocuments()}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p><a class="gs-to-position" href="#gs-position" @click=${(e: Event) => { e.preventDefault();
        this.querySelector<HTMLElement>('#gs-position')?.focus(); }}>${tg('draftPosition', L)} (${gcount(s.position?.items.length ?? 0,
        'item', L)})</a></p>
      <h2 class="visually-hidden">${tg('draftWithNotes', L)}</h2>
      <article class="draft gs-draft" aria-label=${s.revision?.label ?? ''}>
        ${paragraphs.map((p, i) => this.renderParagraph(p, citation(p, i)))}
      </article>
      ${this.renderPosition(paragraphs)}`;
  }

  /** The coordinator moves the internal deadline or changes the invited organisations (PUT …/stage). */
  private renderStageForm() {
    const L = this.lang;
    const s = this.stage!;
    const st = s.stage!;
    if (!this.changing) {
      return html`<p><button type="button" class="link gs-change-stage" @click=${() => { this.changing = true; }}>${
        tg('changeStage', L)}</button></p>`;
    }
    return html`<form class="group-open-form gs-stage-form" aria-label=${tg('changeStage', L)} @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const form = new FormData(e.target as HTMLFormElement);
      const deadline = utcFromLocalInput(String(form.get('deadline') ?? ''));
      if (!deadline) return;
      const guests = delegationCodes(String(form.get('guests') ?? ''));
      void this.run(() => groupApi.openStage(s.n, s.r, s.g, deadline, guests).then(() => s.load()))
        .then((ok) => { if (ok) this.changing = false; });
    }}>
      <label>${tg('internalDeadline', L)} <input type="datetime-local" name="deadline" dir="ltr" required
        .value=${st.deadline.slice(0, 16)}></label>
      <label>${tg('guests', L)} <input name="guests" dir="ltr" autocomplete="off" .value=${st.guests.join(', ')}></label>
      <span class="actions"><button type="submit" ?disabled=${this.busy}>${tg('save', L)}</button>
        <button class="link" type="button" @click=${() => { this.changing = false; }}>${tg('cancel', L)}</button></span>
    </form>`;
  }

  /** The notes document as the coordinator circulates it: Arabic first, DOCX and HTML. */
  private renderDocuments() {
    const L = this.lang;
    const s = this.stage!;
    const link = (format: 'docx' | 'html', lang: 'ar' | 'en') => html`<a class="gs-doc" download lang=${L}
      href=${notesDocumentUrl(s.n, s.r, s.g, format, lang)}>${format.toUpperCase()} ${tg(lang === 'ar' ? 'arabic' : 'english', L)}</a> `;
    return html`<p class="documents gs-documents">${tg('notesDocument', L)}: ${link('docx', 'ar')}${link('html', 'ar')}${
      link('docx', 'en')}${link('html', 'en')}</p>`;
  }

  private renderParagraph(p: Paragraph, label: string) {
    const L = this.lang;
    const s = this.stage!;
    const notes = notesOf(s.notes, p.id, true).filter((x) => x.state === 'submitted' || x.delegation === s.delegation);
    const canWrite = s.open && s.stage!.state !== 'submitted';
    const chosen = notes.filter((x) => this.selected.has(x.id) && combinable(x));
    return html`<div class="para-block gs-para" data-proposals=${notes.length} data-id=${p.id}>
      <p class="para kind-${p.kind}" dir=${p.direction} data-id=${p.id} id=${`gs-para-${p.id}`} tabindex="-1">
        ${p.label ? html`<span class="cite" dir="ltr">${p.label}</span> ` : nothing}${p.number
          ? html`<span class="num">${p.number}</span> ` : nothing}<span class="ptext">${bracketSegments(p.text).map((x) =>
          x.bracketed ? html`<mark class="bracket">${x.text}</mark>` : x.text)}</span></p>
      <div class="gs-notes-block">
      ${notes.length > 0 ? html`<ul class="ws-proposals gs-notes" aria-label=${`${tg('notesOn', L)} ${label}`}>
        ${notes.map((x) => this.renderNote(x, p, label))}</ul>` : nothing}
      ${s.isCoordinator && chosen.length >= 2 && s.conflict?.paragraph !== p.id
        ? html`<p><button type="button" class="gs-combine" ?disabled=${this.busy}
            aria-label=${`${tg('combineSelected', L)} ${tg('onP', L)} ${label}`}
            @click=${() => void this.run(() => s.combine(chosen))}>${tg('combineSelected', L)} (${localDigits(chosen.length, L)})</button></p>`
        : nothing}
      ${s.conflict?.paragraph === p.id ? this.renderConflict(s.conflict, p) : nothing}
      ${canWrite ? (this.writing === p.id ? this.renderForm(p, label) : html`<button class="link gs-write-open" type="button"
          data-paragraph=${p.id} aria-label=${`${tg('writeNoteOn', L)} ${label}`}
          @click=${() => this.openForm(p.id, null)}>${tg('writeNote', L)}</button>
          ${this.selection?.paragraph === p.id ? html`<button class="link gs-write-span" type="button"
            @click=${() => this.openForm(p.id, this.selection!.anchor)}>${tg('noteOnSelection', L)}
            <q dir="auto">${this.selection.anchor.exact}</q></button>` : nothing}`) : nothing}
      </div>
    </div>`;
  }

  private renderNote(x: GroupNote, p: Paragraph, label: string) {
    const L = this.lang;
    const s = this.stage!;
    const st = s.stage!;
    const mine = x.delegation === s.delegation;
    const decision = decisionOf(x);
    const stance = stanceOn(s.notes, x.id, s.delegation);
    const canReact = s.open && st.state !== 'submitted' && s.standing !== 'guest' && !mine && x.state === 'submitted';
    const who = `${tg('ofNote', L)} ${x.delegation} ${tg('onP', L)} ${label}`;
    const proposed = x.proposedParagraph;
    const outcome = x.outcome;
    return html`<li class="ws-proposal gs-note kind-${x.kind}" data-id=${x.id}>
      <div class="ws-proposal-head">
        <span class="delegation">${x.delegation}</span>
        <span class="kind">${kindLabel(x.kind === 'insert' && x.placement ? `insert_${x.placement}` : x.kind, L)}</span>
        ${x.state === 'withdrawn' ? html`<span class="state-withdrawn">${kindLabel('state-withdrawn', L)}</span>`
          : html`<span class="ws-decision gs-decision decision-${decision}">${noteDecisionLabel(decision, L)}</span>`}
      </div>
      ${x.anchor ? html`<q class="quote" dir="auto">${x.anchor.exact}</q>` : nothing}
      ${x.text ? html`<p class="text" dir=${textDirection(x.text)}>${x.text}</p>` : nothing}
      ${proposed !== undefined && proposed !== p.text ? html`<p class="redline" dir=${p.direction}><span class="visually-hidden">${
        tg('paragraphRedline', L)}: </span>${runsHtml(redline(p.text, proposed))}</p>` : nothing}
      ${x.rationale ? html`<p class="rationale" dir=${textDirection(x.rationale)}>${x.rationale}</p>` : nothing}
      ${(x.supports ?? []).length > 0 ? html`<span class="meta supporters">${tg('supportedBy', L)} ${(x.supports ?? []).join('، ')}</span>` : nothing}
      ${(x.objections ?? []).length > 0 ? html`<span class="meta objectors">${tg('objectedBy', L)} ${(x.objections ?? []).join('، ')}</span>` : nothing}
      ${outcome && outcome.proposal !== null ? html`<p class="meta gs-fate">${tg('proposalFate', L)}: <span
        class="fate-badge fate-${outcome.fate ?? 'open'}">${outcome.fate ? fateLabel(outcome.fate, L) : tg('proposalOpen', L)}</span>${
        outcome.fateRevision ? html` <bdi>${outcome.fateRevision}</bdi>` : nothing}</p>` : nothing}
      <div class="ws-actions gs-actions">
        ${canReact ? html`<button class="link gs-support" type="button" aria-pressed=${stance?.kind === 'support' ? 'true' : 'false'}
            aria-label=${`${tg('supportNote', L)} ${x.delegation} ${tg('onP', L)} ${label}`}
            @click=${() => void this.run(() => s.react(x, 'support'))}>${t('support', L)}</button>
          <button class="link gs-object" type="button" aria-pressed=${stance?.kind === 'object' ? 'true' : 'false'}
            aria-label=${`${tg('objectNote', L)} ${x.delegation} ${tg('onP', L)} ${label}`}
            @click=${() => void this.run(() => s.react(x, 'object'))}>${t('object', L)}</button>` : nothing}
        ${mine && x.state === 'submitted' && decision === 'undecided' && s.open ? (this.confirming === x.id
          ? html`<span class="confirm">${tg('confirmWithdraw', L)}
              <button class="link gs-withdraw-yes" type="button" @click=${() => void this.run(() => s.withdraw(x))
                .then(() => { this.confirming = null; })}>${t('yes', L)}</button>
              <button class="link" type="button" @click=${() => { this.confirming = null; }}>${t('no', L)}</button></span>`
          : html`<button class="link gs-withdraw" type="button" aria-label=${`${tg('withdrawNote', L)} ${label}`}
              @click=${() => { this.confirming = x.id; }}>${t('withdraw', L)}</button>`) : nothing}
      </div>
      ${s.isCoordinator && x.state === 'submitted' && st.state !== 'submitted' ? this.renderDecisions(x, p, who) : nothing}
    </li>`;
  }

  private renderDecisions(x: GroupNote, p: Paragraph, who: string) {
    const L = this.lang;
    const s = this.stage!;
    const decision = decisionOf(x);
    return html`<div class="ws-actions gs-decide" role="group" aria-label=${`${tg('decisionLabel', L)}: ${who}`}>
      ${ACTIONS.map(([d, key]) => html`<button type="button" class=${`gs-${d}`} ?disabled=${this.busy || decision === 'combined'}
        aria-pressed=${decision === d ? 'true' : 'false'} aria-label=${`${tg(key, L)}: ${who}`}
        @click=${() => {
          if (d === 'adopt-modified') {
            this.modifying = this.modifying === x.id ? null : x.id;
            void this.updateComplete.then(() => this.querySelector<HTMLElement>(`.gs-modify[data-id="${x.id}"] textarea`)?.focus());
          } else {
            void this.run(() => s.decide(x, d));
          }
        }}>${tg(key, L)}</button>`)}
      ${decision !== 'undecided' ? html`<button type="button" class="gs-undo" ?disabled=${this.busy}
        aria-label=${`${tg('undo', L)}: ${who}`} @click=${() => void this.run(() => s.decide(x, 'open'))}>${tg('undo', L)}</button>` : nothing}
      ${combinable(x) ? html`<label class="check"><input type="checkbox" class="gs-select" .checked=${this.selected.has(x.id)}
        aria-label=${`${tg('select', L)}: ${who}`} @change=${(e: Event) => {
          const next = new Set(this.selected);
          if ((e.target as HTMLInputElement).checked) next.add(x.id); else next.delete(x.id);
          this.selected = next;
        }}> ${tg('select', L)}</label>` : nothing}
    </div>
    ${this.modifying === x.id ? html`<form class="ws-modify gs-modify" data-id=${x.id} aria-label=${`${tg('adoptModified', L)}: ${who}`}
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const text = String(new FormData(e.target as HTMLFormElement).get('text') ?? '').trim();
        if (!text) return;
        void this.run(() => s.decide(x, 'adopt-modified', text)).then((ok) => { if (ok) this.modifying = null; });
      }}>
      <label>${tg('groupText', L)} <textarea name="text" rows="4" dir=${p.direction} .value=${adoptPrefill(x, p.text)}></textarea></label>
      <span class="ws-form-buttons"><button type="submit" ?disabled=${this.busy}>${tg('adoptModified', L)}</button>
        <button class="link" type="button" @click=${() => { this.modifying = null; }}>${tg('cancel', L)}</button></span>
    </form>` : nothing}`;
  }

  /** The server could not merge the selected amendments: their words side by side, the collisions marked, an editor. */
  private renderConflict(c: CombineConflict, p: Paragraph) {
    const L = this.lang;
    const s = this.stage!;
    const notes = c.notes.map((id) => s.note(id)).filter((x): x is GroupNote => x !== undefined);
    let prefill = p.text;
    for (const x of notes) prefill = merge3(p.text, prefill, x.proposedParagraph ?? p.text).text;
    return html`<div class="ws-conflict gs-conflict" role="alert">
      <h3>${tg('conflictTitle', L)}</h3>
      <p>${groupProblemMessage({ type: 'urn:plenary:problem:merge-conflict', title: '', detail: c.detail }, L)}</p>
      ${notes.map((x) => html`<p class="diff-text" dir=${p.direction}><span class="delegation">${x.delegation}</span>:
        ${markWords(x.proposedParagraph ?? '', c.words).map((w) => (w.marked ? html`<mark class="collide">${w.text}</mark>` : w.text))}</p>`)}
      <form class="ws-combine-form gs-combine-form" @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const text = String(new FormData(e.target as HTMLFormElement).get('text') ?? '').trim();
        if (!text) return;
        void this.run(() => s.combine(notes, text)).then((ok) => { if (ok) this.selected = new Set(); });
      }}>
        <label>${tg('combineText', L)} <textarea name="text" rows="4" dir=${p.direction} .value=${prefill}></textarea></label>
        <span class="ws-form-buttons"><button type="submit" ?disabled=${this.busy}>${tg('combineWithText', L)}</button>
          <button class="link" type="button" @click=${() => s.dismissConflict()}>${tg('cancel', L)}</button></span>
      </form>
    </div>`;
  }

  private renderForm(p: Paragraph, label: string) {
    const L = this.lang;
    const kinds: readonly string[] = this.stage!.standing === 'guest' ? GUEST_KINDS : PARAGRAPH_KINDS;
    return html`<form class="propose gs-write" aria-label=${`${tg('writeNoteOn', L)} ${label}`}
      @submit=${(e: SubmitEvent) => void this.write(e, p)}
      @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') { e.preventDefault(); this.closeForm(); } }}>
      ${this.anchor ? html`<p class="span">${t('onSpan', L)} <q class="quote" dir="auto">${this.anchor.exact}</q>
        <button class="link whole" type="button" @click=${() => { this.anchor = null; }}>${t('wholeParagraph', L)}</button></p>`
        : nothing}
      <label>${t('kind', L)}
        <select name="kind">${kinds.map((k) => html`<option value=${k}>${kindLabel(k, L)}</option>`)}</select></label>
      ${this.anchor ? nothing : html`<label>${t('onWords', L)} <input name="words" dir="auto" autocomplete="off"
        .value=${this.words.typed} @input=${(e: Event) => this.typedWords(e, p.text)} aria-describedby=${`gs-words-${p.id}`}>
        <span class="hint" id=${`gs-words-${p.id}`} aria-live="polite">${this.words.typed
          ? (this.words.anchor ? t('wordsFound', L) : t('wordsNotFound', L)) : ''}</span></label>`}
      <label>${t('text', L)} <textarea name="text" rows="3" maxlength="20000" dir="auto"></textarea></label>
      <label>${t('rationale', L)} <textarea name="rationale" rows="2" maxlength="5000" dir="auto"></textarea></label>
      <span class="actions"><button type="submit" ?disabled=${this.busy}>${tg('sendNote', L)}</button>
        <button class="link" type="button" @click=${() => this.closeForm()}>${t('cancel', L)}</button></span>
    </form>`;
  }

  // --- the draft position -----------------------------------------------------------------------------------------

  private renderPosition(paragraphs: Paragraph[]) {
    const L = this.lang;
    const s = this.stage!;
    const pos = s.position;
    const items = pos?.items ?? [];
    const labelOf = (id: number) => {
      const i = paragraphs.findIndex((p) => p.id === id);
      return citation(paragraphs[i], i >= 0 ? i : null);
    };
    return html`<section class="gs-position" id="gs-position" tabindex="-1" aria-labelledby="gs-position-h">
      <h2 id="gs-position-h">${tg('draftPosition', L)} (${gcount(items.length, 'item', L)})</h2>
      ${items.length === 0 ? html`<p class="meta">${tg('noItems', L)}</p>` : html`<ol class="gs-items">
        ${items.map((item, i) => this.renderItem(item, i + 1, labelOf(item.paragraph), paragraphs.find((p) => p.id === item.paragraph)))}
      </ol>`}
      ${s.isCoordinator && pos?.state !== 'submitted' && items.length > 0 ? this.renderSubmit() : nothing}
    </section>`;
  }

  private renderItem(item: PositionItem, index: number, label: string, p: Paragraph | undefined) {
    const L = this.lang;
    const s = this.stage!;
    const me = s.delegation;
    const stance = itemStance(item, me);
    const canStand = s.open && s.standing !== 'guest' && s.position?.state !== 'submitted';
    const name = `${tg('item', L)} ${localDigits(index, L)} (${label})`;
    const whole = item.kind === 'amend' && !item.anchor && p && item.text !== null;
    return html`<li class="gs-item kind-${item.kind}" data-id=${item.id}>
      <div class="ws-proposal-head"><span class="cite" dir="ltr">${label}</span>
        <span class="kind">${kindLabel(item.kind === 'insert' && item.placement ? `insert_${item.placement}` : item.kind, L)}</span>
        <span class="ws-decision decision-accept">${tg(`origin_${item.origin}`, L)}</span>
        <span class="meta">${tg('fromNotes', L)} ${item.notes.map((id) => s.note(id)?.delegation ?? `#${id}`).join('، ')}</span></div>
      ${item.anchor ? html`<q class="quote" dir="auto">${item.anchor.exact}</q>` : nothing}
      ${whole ? html`<p class="redline" dir=${p!.direction}>${runsHtml(redline(p!.text, item.text!))}</p>`
        : item.text ? html`<p class="text" dir=${textDirection(item.text)}>${item.text}</p>` : nothing}
      ${item.supports.length > 0 ? html`<span class="meta supporters">${tg('supportedBy', L)} ${item.supports.join('، ')}</span>` : nothing}
      ${item.objections.length > 0 ? html`<span class="meta objectors">${tg('objectedBy', L)} ${item.objections.join('، ')}</span>` : nothing}
      ${item.optedOut.length > 0 ? html`<span class="meta opted-out">${tg('optedOut', L)}: ${item.optedOut.join('، ')}</span>` : nothing}
      <p class="meta gs-cosponsors">${tg('cosponsorsLabel', L)}: <bdi>${item.cosponsors.join('، ') || '—'}</bdi></p>
      ${item.proposal !== null ? html`<p class="meta gs-fate">${tg('proposalFate', L)}: <span class="fate-badge fate-${item.fate ?? 'open'}">${
        item.fate ? fateLabel(item.fate, L) : tg('proposalOpen', L)}</span></p>` : nothing}
      ${canStand && me !== null ? html`<div class="ws-actions gs-stance">
        <button class="link gs-item-support" type="button" aria-pressed=${stance === 'support' ? 'true' : 'false'}
          aria-label=${`${tg('supportItem', L)} ${name}`}
          @click=${() => void this.run(() => s.stance(item, { stance: stance === 'support' ? null : 'support' }))}>${t('support', L)}</button>
        <button class="link gs-item-object" type="button" aria-pressed=${stance === 'object' ? 'true' : 'false'}
          aria-label=${`${tg('objectItem', L)} ${name}`}
          @click=${() => void this.run(() => s.stance(item, { stance: stance === 'object' ? null : 'object' }))}>${t('object', L)}</button>
        <label class="check"><input type="checkbox" class="gs-cosponsor" .checked=${!item.optedOut.includes(me)}
          @change=${(e: Event) => void this.run(() => s.stance(item, { cosponsor: (e.target as HTMLInputElement).checked }))}>
          ${tg('cosponsorItem', L)} ${localDigits(index, L)}</label>
      </div>` : nothing}
    </li>`;
  }

  private renderSubmit() {
    const L = this.lang;
    const s = this.stage!;
    if (!this.reviewing) {
      return html`<p><button type="button" class="gs-review" @click=${() => {
        this.reviewing = true;
        void this.updateComplete.then(() => this.querySelector<HTMLElement>('.gs-summary')?.focus());
      }}>${tg('reviewSubmit', L)}</button></p>`;
    }
    const sum = submissionSummary(s.position!);
    return html`<div class="card gs-summary" tabindex="-1" role="group" aria-labelledby="gs-summary-h">
      <h3 id="gs-summary-h">${tg('submitSummary', L)} <bdi>${s.g}</bdi>:</h3>
      <ul class="gs-summary-kinds">${Object.entries(sum.byKind).map(([k, v]) => html`<li data-kind=${k}>${kindLabel(k, L)}:
        ${localDigits(v, L)}</li>`)}</ul>
      <p class="gs-summary-total">${gcount(sum.items, 'proposal', L)}</p>
      <p>${tg('withCosponsors', L)}: <bdi class="gs-summary-cosponsors">${sum.cosponsors.join('، ') || '—'}</bdi></p>
      ${sum.objected > 0 ? html`<p class="notice">${localDigits(sum.objected, L)} ${tg('objectedItems', L)}</p>` : nothing}
      <p class="meta">${tg('submitIrreversible', L)}</p>
      <span class="ws-form-buttons"><button type="button" class="gs-submit" ?disabled=${this.busy}
        @click=${() => void this.run(() => s.submit()).then((ok) => { if (ok) this.reviewing = false; })}>${tg('confirmSubmit', L)}</button>
        <button class="link" type="button" @click=${() => { this.reviewing = false; }}>${tg('cancel', L)}</button></span>
    </div>`;
  }
}

customElements.define('plenary-group-view', GroupView);
