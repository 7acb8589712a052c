import { html, nothing } from 'lit';
import type { NewProposal, Paragraph } from '../api';
import { citation } from '../diff';
import { CosponsorAnswerEvent, EditEvent, InviteEvent, ProposeEvent, RepliesEvent, ReplyEvent, WithdrawEvent,
  StanceEvent } from '../events';
import { backArrow, count, kindLabel, localDigits, SEP, t } from '../i18n';
import { errorMessage } from '../model';
import { anchorOf, bracketSegments, depths, utcFromLocalInput, utcMinute } from '../paragraphs';
import { FILTER_KINDS, isFiltered, NO_FILTER } from '../proposals';
import { routeHash } from '../route';
import { ModelView } from './base';
import '../paragraph-proposals';
import './workspace-view';
import './group-stages';

/**
 * A revision as a delegate reads it: the draft paragraph by paragraph with their proposals (live), the comment
 * window, the compilation downloads, the in-app diff from the revision before, the filters and the overview of how
 * contested each paragraph is.
 */
export class RevisionView extends ModelView {
  static properties = {
    ...ModelView.properties,
    negotiationId: { type: Number },
    revisionId: { type: Number },
    error: { state: true },
  };

  negotiationId = 0;
  revisionId = 0;
  error = '';
  private readonly onSelection = () => this.selectionChanged();

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('selectionchange', this.onSelection);
    this.addEventListener(ProposeEvent.type, (e) => {
      this.model.propose({
        kind: e.kind.startsWith('insert_') ? 'insert' : e.kind as NewProposal['kind'],
        ...(e.kind.startsWith('insert_') ? { placement: e.kind === 'insert_before' ? 'before' as const : 'after' as const } : {}),
        paragraph: e.paragraph,
        ...(e.text ? { text: e.text } : {}),
        ...(e.onProposal !== null ? { target: e.onProposal } : {}),
        ...(e.anchor ? { anchor: e.anchor } : {}),
        ...e.extra,
      }).then(() => e.done(null), (err) => e.done(errorMessage(err, this.lang)));
    });
    this.addEventListener(StanceEvent.type, (e) => this.run(e.done, this.model.stance(e.proposal, e.kind)));
    this.addEventListener(WithdrawEvent.type, (e) => this.run(e.done, this.model.withdraw(e.proposal)));
    this.addEventListener(EditEvent.type, (e) => this.run(e.done, this.model.edit(e.proposal, e.changes)));
    this.addEventListener(InviteEvent.type, (e) => this.run(e.done, this.model.invite(e.proposal, e.delegations)));
    this.addEventListener(CosponsorAnswerEvent.type, (e) => this.run(e.done, this.model.answerInvitation(e.proposal, e.accept)));
    this.addEventListener(RepliesEvent.type, (e) => {
      this.model.replies(e.proposal).then((x) => e.done(x, null), (err) => e.done(null, errorMessage(err, this.lang)));
    });
    this.addEventListener(ReplyEvent.type, (e) => {
      this.model.reply(e.proposal, e.text, e.inReplyTo).then(() => e.done(null), (err) => e.done(errorMessage(err, this.lang)));
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('selectionchange', this.onSelection);
  }

  private run(done: (error: string | null) => void, work: Promise<void>) {
    work.then(() => done(null), (err) => done(errorMessage(err, this.lang)));
  }

  protected updated(changed: Map<string, unknown>) {
    if (changed.has('negotiationId') || changed.has('revisionId')) {
      this.error = '';
      this.model.openRevision(this.negotiationId, this.revisionId)
        .catch((err) => { this.error = errorMessage(err, this.lang); });
    }
  }

  /**
   * A selection inside one paragraph's text becomes that paragraph's span to propose on. A collapsed selection
   * keeps the last span; one elsewhere drops it.
   */
  private selectionChanged() {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    const textOf = (n: Node) => (n instanceof Element ? n : n.parentElement)?.closest('.ptext') ?? null;
    const holder = textOf(range.startContainer);
    const para = holder?.closest<HTMLElement>('p.para');
    const p = para ? this.model.revision?.paragraphs.find((x) => x.id === Number(para.dataset.id)) : undefined;
    if (!holder || holder !== textOf(range.endContainer) || !p) {
      this.model.setSelection(null);
      return;
    }
    const before = document.createRange();
    before.selectNodeContents(holder);
    before.setEnd(range.startContainer, range.startOffset);
    const from = before.toString().length;
    const anchor = anchorOf(p.text, from, from + range.toString().length);
    this.model.setSelection(anchor ? { paragraph: p.id, anchor } : null);
  }

  private async setWindow(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    try {
      await this.model.setWindow(utcFromLocalInput(String(form.get('deadline') ?? '')), form.get('silence') === 'on');
      this.error = '';
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    }
  }

  render() {
    const L = this.lang;
    const m = this.model;
    const n = m.negotiation;
    const rev = m.revision;
    if (!n || !rev || rev.id !== this.revisionId) {
      return this.error ? html`<h1>${t('revision', L)}</h1><p class="error" role="alert">${this.error}</p>` : nothing;
    }
    const board = m.board;
    return html`<p><a href=${routeHash({ view: 'negotiation', negotiation: n.id })}><span aria-hidden="true">${backArrow(L)}</span>
        <span dir="auto">${n.title}</span></a></p>
      <h1 dir="auto">${rev.label}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p class="meta">${count(rev.paragraphs.length, 'paragraph', L)}${SEP}${count(rev.bracketCount, 'bracket', L)}${SEP}${count(board?.size ?? 0, 'proposal', L)}
        <span class="live-state ${m.live ? 'on' : 'off'}">${m.live ? t('live', L) : t('offline', L)}</span></p>
      ${this.renderWindow()}
      ${this.renderWindowForm()}
      ${n.role === 'facilitator' || n.role === 'secretariat' ? html`<plenary-prepare-successor .negotiation=${n.id}
        .revision=${rev} .lang=${L}></plenary-prepare-successor>` : nothing}
      ${this.renderDocuments()}
      ${n.role === 'delegate' ? html`<plenary-group-stages .negotiation=${n.id} .revision=${rev.id} .lang=${L}
        .delegation=${n.delegation} .delegations=${m.delegations} .heard=${m.groupsHeard}></plenary-group-stages>` : nothing}
      ${board && board.size > 0 ? html`${this.renderFilters()}${this.renderOverview(rev.paragraphs)}` : nothing}
      ${this.renderDraft(rev.paragraphs)}`;
  }

  /** Downloads of the compilation in each format, and the in-app diff from the revision before. */
  private renderDocuments() {
    const L = this.lang;
    const m = this.model;
    const rev = m.revision!;
    const base = `/api/v1/negotiations/${m.negotiation!.id}/revisions/${rev.id}/compilation`;
    const before = m.revisions.filter((x) => x.seq < rev.seq).sort((a, b) => b.seq - a.seq)[0];
    return html`<p class="documents">${t('compilation', L)}:
      ${['docx', 'html', 'md', 'json', 'csv'].map((f) => html`<a class="compilation" href=${`${base}?format=${f}&lang=${L}`}
        download>${f.toUpperCase()}</a> `)}
      ${before ? html`${SEP}<a class="diff" href=${routeHash({ view: 'diff', negotiation: m.negotiation!.id, from: before.id, to: rev.id })}
        >${t('changesSince', L)} <bdi>${before.label}</bdi></a>` : nothing}</p>`;
  }

  private renderWindowForm() {
    const n = this.model.negotiation!;
    const L = this.lang;
    if (n.role !== 'facilitator' && n.role !== 'secretariat') return nothing;
    const w = this.model.window;
    const current = w?.deadline ? new Date(w.deadline).toISOString().slice(0, 16) : '';
    return html`<form class="window-form" @submit=${(e: SubmitEvent) => void this.setWindow(e)}>
      <label>${t('deadlineUtc', L)} <input type="datetime-local" name="deadline" .value=${current} dir="ltr"></label>
      <label><input type="checkbox" name="silence" ?checked=${w?.silence ?? false}> ${t('silenceProcedure', L)}</label>
      <button type="submit">${t('setWindow', L)}</button>
    </form>`;
  }

  private renderWindow() {
    const w = this.model.window;
    const L = this.lang;
    if (!w || !w.deadline) return nothing;
    const at = html`<bdi dir="ltr">${localDigits(utcMinute(w.deadline), L)}</bdi>`;
    if (!w.open) return html`<p class="window closed" role="status">${t('commentsClosed', L)} ${at}</p>`;
    if (w.silence) return html`<p class="window silence" role="status">${t('silenceUntil', L)} ${at}: ${t('silenceHint', L)}</p>`;
    return html`<p class="window open" role="status">${t('commentsUntil', L)} ${at}</p>`;
  }

  private renderFilters() {
    const L = this.lang;
    const m = this.model;
    const f = m.filter;
    const own = m.negotiation!.delegation;
    const groups = m.delegations.filter((d) => d.kind === 'group' || d.coordinator !== null);
    const mineGroups = groups.filter((g) => own !== null && g.coordinator === own);
    return html`<form class="filters" role="search" aria-label=${t('filters', L)} @submit=${(e: Event) => e.preventDefault()}>
      <h2 class="visually-hidden">${t('filters', L)}</h2>
      <label>${t('delegation', L)} <select name="delegation" @change=${(e: Event) => m.setFilter({ ...f,
        delegation: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${f.delegation === ''}>${t('all', L)}</option>
        ${m.board!.delegations().map((d) => html`<option value=${d} ?selected=${f.delegation === d}>${d}</option>`)}
      </select></label>
      <label>${t('kind', L)} <select name="kind" @change=${(e: Event) => m.setFilter({ ...f, kind: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${f.kind === ''}>${t('all', L)}</option>
        ${FILTER_KINDS.map((k) => html`<option value=${k} ?selected=${f.kind === k}>${kindLabel(k, L)}</option>`)}
      </select></label>
      <label>${t('state', L)} <select name="state" @change=${(e: Event) => m.setFilter({ ...f, state: (e.target as HTMLSelectElement).value })}>
        ${(['submitted', 'withdrawn', 'all'] as const).map((s) => html`<option value=${s} ?selected=${f.state === s}>${
          s === 'all' ? t('all', L) : kindLabel(`state-${s}`, L)}</option>`)}
      </select></label>
      ${groups.length > 0 ? html`<label>${t('group', L)} <select name="group" @change=${(e: Event) =>
        void m.filterGroup((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${f.group === null}>${t('all', L)}</option>
        ${groups.map((g) => html`<option value=${g.code} ?selected=${f.group?.code === g.code}>${g.code}${mineGroups.includes(g)
          ? ` (${t('myGroup', L)})` : ''}</option>`)}
      </select></label>` : nothing}
      ${own ? html`<label class="check"><input type="checkbox" name="mine" .checked=${f.mine}
        @change=${(e: Event) => m.setFilter({ ...f, mine: (e.target as HTMLInputElement).checked })}> ${t('mine', L)}</label>` : nothing}
      ${mineGroups.length > 0 ? html`<label class="check"><input type="checkbox" name="myGroup" .checked=${f.group?.code === mineGroups[0].code}
        @change=${(e: Event) => void m.filterGroup((e.target as HTMLInputElement).checked ? mineGroups[0].code : '')}>
        ${t('myGroup', L)} (${mineGroups[0].code})</label>` : nothing}
      ${isFiltered(f) ? html`<button type="button" class="link clear" @click=${() => m.setFilter(NO_FILTER)}>${t('clearFilters', L)}</button>`
        : nothing}
    </form>`;
  }

  /** Every paragraph as a cell: its label and how many proposals, supports and objections it draws. */
  private renderOverview(paragraphs: Paragraph[]) {
    const L = this.lang;
    const board = this.model.board!;
    const cited = paragraphs.map((p, i) => ({ p, label: citation(p, i), c: board.counts(p.id) }))
      .filter((x) => x.p.label !== null || x.c.total > 0);
    const max = Math.max(1, ...cited.map((x) => x.c.total + x.c.objections));
    return html`<nav class="overview" aria-label=${t('overview', L)}>
      <h2>${t('overview', L)}</h2>
      <ol class="heat">${cited.map(({ p, label, c }) => {
        const heat = Math.ceil(((c.total + c.objections) / max) * 4);
        const described = `${label}: ${count(c.total, 'proposal', L)}${c.supports + c.objections > 0
          ? `, ${count(c.supports + c.objections, 'stance', L)}` : ''}`;
        return html`<li><a class="heat-cell heat-${heat}" href=${`#para-${p.id}`} aria-label=${described}
          @click=${(e: Event) => { e.preventDefault(); this.querySelector<HTMLElement>(`#para-${p.id}`)?.focus(); }}>
          <span class="cite" dir="ltr">${label}</span>
          <span class="heat-count" aria-hidden="true">${localDigits(c.total, L)}${c.objections > 0
            ? html`<span class="heat-objections">${SEP}${localDigits(c.objections, L)}✕</span>` : nothing}</span></a></li>`;
      })}</ol>
    </nav>`;
  }

  private renderDraft(paragraphs: Paragraph[]) {
    const L = this.lang;
    const m = this.model;
    const n = m.negotiation!;
    const depth = depths(paragraphs);
    const board = m.board;
    const canPropose = n.role === 'delegate';
    return html`<article class="draft" aria-label=${m.revision!.label}>
      ${paragraphs.map((p, i) => {
        const counts = board?.counts(p.id) ?? { total: 0, byKind: {}, supports: 0, objections: 0 };
        const label = citation(p, i);
        const shown = board ? board.filtered(p.id, m.filter, n.delegation) : [];
        return html`<div class="para-block depth-${Math.min(depth.get(p.id) ?? 0, 6)}" data-proposals=${counts.total}>
          <p class="para kind-${p.kind} change-${p.change}" dir=${p.direction} data-id=${p.id} id=${`para-${p.id}`} tabindex="-1">
            ${p.label ? html`<span class="cite" dir="ltr">${p.label}</span> ` : nothing}${p.number
              ? html`<span class="num">${p.number}</span> ` : nothing}<span class="ptext">${bracketSegments(p.text).map((s) =>
              s.bracketed ? html`<mark class="bracket">${s.text}</mark>` : s.text)}</span>
          </p>
          ${board && (counts.total > 0 || canPropose)
            ? html`<plenary-paragraph-proposals
                .paragraph=${p.id}
                .paragraphText=${p.text}
                .label=${label}
                .proposals=${shown}
                .board=${board}
                .model=${m}
                .counts=${counts}
                .lang=${L}
                .canPropose=${canPropose}
                .delegation=${n.delegation}
                .groups=${m.groups}
                .canReply=${n.role !== 'observer'}
                .repliesHeard=${m.repliesHeard}
                .selection=${m.selection?.paragraph === p.id ? m.selection.anchor : null}
              ></plenary-paragraph-proposals>`
            : nothing}
        </div>`;
      })}
    </article>`;
  }
}

customElements.define('plenary-revision-view', RevisionView);
