import { html, nothing } from 'lit';
import { backArrow, fateLabel, forwardArrow, kindLabel, SEP, t, tm } from '../i18n';
import { mergeApi, type FateChain } from '../merge-api';
import { errorMessage } from '../model';
import { textDirection } from '../proposals';
import { routeHash } from '../route';
import { ModelView } from './base';

/**
 * "What happened to our proposals": each proposal of the viewer's delegation (and its groups) across revisions,
 * proposed on Rev.N → carried forward → accepted in Rev.N+2, with the text that resulted. The chair sees every
 * delegation's and may narrow to one.
 */
export class FatesView extends ModelView {
  static properties = {
    ...ModelView.properties,
    negotiationId: { type: Number },
    fates: { state: true },
    delegation: { state: true },
    error: { state: true },
  };

  negotiationId = 0;
  fates: FateChain[] | null = null;
  /** The chair's filter (empty: all). */
  delegation = '';
  error = '';

  protected updated(changed: Map<string, unknown>) {
    if (changed.has('negotiationId')) {
      this.model.leaveRevision();
      void this.load();
    }
  }

  private async load() {
    this.error = '';
    try {
      await this.model.open(this.negotiationId);
      this.fates = await mergeApi.fates(this.negotiationId, this.delegation || undefined);
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    }
  }

  render() {
    const L = this.lang;
    const n = this.model.negotiation;
    const chair = n?.role === 'facilitator' || n?.role === 'secretariat' || n?.role === 'observer';
    const delegations = [...new Set((this.fates ?? []).map((f) => f.delegation))].sort();
    return html`${n ? html`<p><a href=${routeHash({ view: 'negotiation', negotiation: n.id })}><span aria-hidden="true">${backArrow(L)}</span>
        <span dir="auto">${n.title}</span></a></p>` : nothing}
      <h1>${chair ? tm('whatHappenedAll', L) : tm('whatHappened', L)}${n?.delegation ? html` (<bdi>${n.delegation}</bdi>)` : nothing}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${chair ? html`<form class="filters" role="search" aria-label=${t('filters', L)} @submit=${(e: Event) => e.preventDefault()}>
        <label>${tm('delegationFilter', L)} <select name="delegation" @change=${(e: Event) => {
          this.delegation = (e.target as HTMLSelectElement).value;
          void this.load();
        }}><option value="" ?selected=${this.delegation === ''}>${t('all', L)}</option>
          ${(this.delegation ? [this.delegation, ...delegations.filter((d) => d !== this.delegation)] : delegations).map((d) =>
            html`<option value=${d} ?selected=${d === this.delegation}>${d}</option>`)}</select></label></form>` : nothing}
      ${this.fates === null ? nothing : this.fates.length === 0 ? html`<p>${tm('noFates', L)}</p>` : html`<ol class="fates">
        ${this.fates.map((f) => this.renderChain(f))}</ol>`}`;
  }

  private renderChain(f: FateChain) {
    const L = this.lang;
    const first = f.chain[0];
    return html`<li class="fate fate-${f.fate}" data-proposal=${f.proposal}>
      <p class="fate-head"><span class="delegation">${f.delegation}</span>${first && first.submittedBy && first.submittedBy !== f.delegation
        ? html`<span class="submitted-by">${L === 'ar' ? '،' : ','} ${t('submittedBy', L)} ${first.submittedBy}</span>` : nothing}
        <span class="kind">${kindLabel(f.kind, L)}</span>
        <span class="fate-badge fate-${f.fate}">${fateLabel(f.fate, L)}</span></p>
      ${first?.text ? html`<p class="text" dir=${textDirection(first.text)}>${first.text}</p>` : nothing}
      <ol class="fate-chain" aria-label=${tm('whatHappened', L)}>
        ${f.chain.map((link, i) => html`<li>${i > 0 ? html`<span aria-hidden="true">${forwardArrow(L)} </span>` : nothing}${tm('proposedOn', L)}
          <bdi>${link.revisionLabel}</bdi>${link.fate ? html`${SEP}${fateLabel(link.fate, L)}${link.fateRevisionLabel
            ? html` ${tm('inRevision', L)} <bdi>${link.fateRevisionLabel}</bdi>` : nothing}` : nothing}${link.needsRebase
            ? html`${SEP}<span class="notice">${tm('needsRebase', L)}</span>` : nothing}</li>`)}
      </ol>
      ${f.resultingText ? html`<p class="meta">${tm('resultingText', L)}:</p>
        <p class="fate-text" dir=${textDirection(f.resultingText)}>${f.resultingText}</p>` : nothing}
    </li>`;
  }
}

customElements.define('plenary-fates-view', FatesView);

/**
 * A notice that a new revision was published while the viewer was reading ("Rev.1 is published — open it"), with
 * the way to what happened to the delegation's proposals. Shown by the root above any view.
 */
export class PublishedNotice extends ModelView {
  render() {
    const L = this.lang;
    const p = this.model?.published;
    const n = this.model?.negotiation;
    if (!p || !n) return nothing;
    const dismiss = () => this.model.dismissPublished();
    return html`<div class="banner published-notice" role="status">
      <bdi>${p.label}</bdi> ${tm('isPublished', L)}${SEP}<a class="open-published" href=${routeHash({ view: 'revision',
        negotiation: n.id, revision: p.revision })} @click=${dismiss}>${tm('openIt', L)}</a>${SEP}<a class="open-fates"
        href=${routeHash({ view: 'fates', negotiation: n.id })} @click=${dismiss}>${n.delegation
        ? tm('whatHappened', L) : tm('whatHappenedAll', L)}</a>
      <button type="button" class="link" aria-label=${`${tm('dismiss', L)}: ${p.label} ${tm('isPublished', L)}`}
        @click=${dismiss}>${tm('dismiss', L)}</button>
    </div>`;
  }
}

customElements.define('plenary-published-notice', PublishedNotice);
