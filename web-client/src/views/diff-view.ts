import { html, nothing, type TemplateResult } from 'lit';
import type { Revision, RevisionSummary } from '../api';
import { diffRows, summaryCounts, type DiffJson, type DiffRow, type Run } from '../diff';
import { backArrow, changeLabel, count, forwardArrow, localDigits, SEP, t, type Lang } from '../i18n';
import { errorMessage } from '../model';
import { routeHash } from '../route';
import { ModelView } from './base';

/** Narrow screens (390 px phones) get the inline layout: two columns of Arabic text do not fit. */
const NARROW = '(max-width: 640px)';

/** The form that picks two revisions of a negotiation and opens their diff in the app. */
export function revisionPicker(negotiation: number, revisions: RevisionSummary[], from: number, to: number,
  L: Lang): TemplateResult {
  const go = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const a = Number(form.get('from'));
    const b = Number(form.get('to'));
    if (a !== b) location.hash = routeHash({ view: 'diff', negotiation, from: a, to: b });
  };
  const options = (selected: number) => revisions.map((r) => html`<option value=${r.id} ?selected=${r.id === selected}
    dir="auto">${r.label}</option>`);
  return html`<form class="card diff-picker" @submit=${go}>
    <h2>${t('diff', L)}</h2>
    <label>${t('from', L)} <select name="from">${options(from)}</select></label>
    <label>${t('to', L)} <select name="to">${options(to)}</select></label>
    <button type="submit">${t('compare', L)}</button>
  </form>`;
}

function runsHtml(runs: Run[]) {
  return runs.map((r) => (r.mark === 'ins' ? html`<ins>${r.text}</ins>` : r.mark === 'del' ? html`<del>${r.text}</del>` : r.text));
}

/**
 * The changes between two revisions, in the app: pick from and to, inline or side by side (the older text first
 * in reading order: on the right in Arabic), only the changes by default, each paragraph by its citation label.
 */
export class DiffView extends ModelView {
  static properties = {
    ...ModelView.properties,
    negotiationId: { type: Number },
    from: { type: Number },
    to: { type: Number },
    layout: { state: true },
    all: { state: true },
    narrow: { state: true },
    error: { state: true },
    data: { state: true },
  };

  negotiationId = 0;
  from = 0;
  to = 0;
  layout: 'inline' | 'side' = 'side';
  all = false;
  narrow = false;
  error = '';
  data: { diff: DiffJson; older: Revision; newer: Revision } | null = null;
  private media: MediaQueryList | null = null;
  private readonly onMedia = () => { this.narrow = this.media?.matches ?? false; };

  connectedCallback() {
    super.connectedCallback();
    this.media = typeof matchMedia === 'function' ? matchMedia(NARROW) : null;
    this.media?.addEventListener('change', this.onMedia);
    this.onMedia();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.media?.removeEventListener('change', this.onMedia);
  }

  protected updated(changed: Map<string, unknown>) {
    if (changed.has('negotiationId') || changed.has('from') || changed.has('to')) void this.load();
  }

  private async load() {
    this.model.leaveRevision();
    this.data = null;
    this.error = '';
    try {
      this.data = await this.model.diff(this.negotiationId, this.from, this.to);
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    }
  }

  render() {
    const L = this.lang;
    const n = this.model.negotiation;
    const d = this.data;
    const inline = this.layout === 'inline' || this.narrow;
    const rows = d ? diffRows(d.diff, d.older.paragraphs, d.newer.paragraphs, this.all) : [];
    return html`${n ? html`<p><a href=${routeHash({ view: 'negotiation', negotiation: n.id })}><span aria-hidden="true">${backArrow(L)}</span>
        <span dir="auto">${n.title}</span></a></p>` : nothing}
      <h1>${t('diffTitle', L)}${d ? html`: <bdi>${d.older.label}</bdi> <span aria-hidden="true">${forwardArrow(L)}</span>
        <span class="visually-hidden">${t('to', L)}</span> <bdi>${d.newer.label}</bdi>` : nothing}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${n && this.model.revisions.length >= 2 ? revisionPicker(n.id, this.model.revisions, this.from, this.to, L) : nothing}
      <fieldset class="diff-options">
        <legend>${t('layout', L)}</legend>
        <label><input type="radio" name="layout" value="inline" .checked=${inline}
          @change=${() => { this.layout = 'inline'; }}> ${t('inline', L)}</label>
        <label><input type="radio" name="layout" value="side" .checked=${!inline} ?disabled=${this.narrow}
          @change=${() => { this.layout = 'side'; }}> ${t('sideBySide', L)}</label>
        <label><input type="checkbox" name="changesOnly" .checked=${!this.all}
          @change=${(e: Event) => { this.all = !(e.target as HTMLInputElement).checked; }}> ${t('changesOnly', L)}</label>
      </fieldset>
      ${d ? html`<p class="meta diff-summary">${summaryCounts(d.diff).map(([k, v], i) => html`${i > 0 ? SEP : ''}<span
          class="count change-${k}">${changeLabel(k, L)}: ${localDigits(v, L)}</span>`)}${summaryCounts(d.diff).length === 0
          ? t('noChanges', L) : nothing}</p>
        <p class="visually-hidden" role="status">${count(rows.length, 'paragraph', L)}</p>
        <div class="diff-view ${inline ? 'inline' : 'side'}">
          ${!inline ? html`<div class="diff-head" aria-hidden="true"><span>${t('older', L)}: <bdi>${d.older.label}</bdi></span>
            <span>${t('newer', L)}: <bdi>${d.newer.label}</bdi></span></div>` : nothing}
          ${rows.map((r) => this.renderRow(r, inline, d))}
        </div>` : nothing}`;
  }

  private renderRow(r: DiffRow, inline: boolean, d: { older: Revision; newer: Revision }) {
    const L = this.lang;
    const head = html`<p class="diff-label">
      ${r.label ? html`<span class="cite" dir="ltr">${r.label}</span>` : nothing}
      <span class="change-kind change-${r.change}">${changeLabel(r.change, L)}</span>
      ${r.previousLabel ? html`<span class="moved-from">${r.change.startsWith('moved') ? t('movedFrom', L) : t('wasNumbered', L)}
        <span class="cite" dir="ltr">${r.previousLabel}</span></span>` : nothing}</p>`;
    if (inline) {
      return html`<section class="diff-row change-${r.change}" data-id=${r.id} aria-label=${`${r.label} ${changeLabel(r.change, L)}`}>
        ${head}<p class="diff-text" dir=${r.direction}>${runsHtml(r.inline)}</p></section>`;
    }
    return html`<section class="diff-row change-${r.change}" data-id=${r.id} aria-label=${`${r.label} ${changeLabel(r.change, L)}`}>
      ${head}
      <div class="diff-sides">
        <div class="older"><span class="visually-hidden">${t('older', L)} (${d.older.label})</span>
          <p class="diff-text" dir=${r.direction}>${runsHtml(r.older)}</p></div>
        <div class="newer"><span class="visually-hidden">${t('newer', L)} (${d.newer.label})</span>
          <p class="diff-text" dir=${r.direction}>${runsHtml(r.newer)}</p></div>
      </div></section>`;
  }
}

customElements.define('plenary-diff-view', DiffView);
