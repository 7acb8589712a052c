import { LitElement, html, nothing } from 'lit';
import type { Proposal } from './api';
import { ProposeEvent } from './events';
import { kindLabel, localDigits, t, type Lang } from './i18n';
import { PARAGRAPH_KINDS, needsText, textDirection, type Counts } from './proposals';

/** Under one paragraph: its proposals with their counts, and the small form a delegate proposes with. */
export class ParagraphProposals extends LitElement {
  static properties = {
    paragraph: { type: Number },
    proposals: { attribute: false },
    responses: { attribute: false },
    counts: { attribute: false },
    lang: { attribute: false },
    canPropose: { attribute: false },
    open: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  paragraph = 0;
  proposals: Proposal[] = [];
  responses: (proposal: number) => Proposal[] = () => [];
  counts: Counts = { total: 0, byKind: {} };
  lang: Lang = 'en';
  canPropose = false;
  open = false;
  error = '';
  busy = false;

  createRenderRoot() {
    return this;
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const formEl = e.target as HTMLFormElement;
    const form = new FormData(formEl);
    const kind = String(form.get('kind'));
    const text = String(form.get('text') ?? '').trim();
    if (needsText(kind) && !text) {
      this.error = t('text', this.lang) + ' ✱';
      return;
    }
    this.busy = true;
    this.dispatchEvent(new ProposeEvent(this.paragraph, kind, text, null, (error) => {
      this.busy = false;
      this.error = error ?? '';
      if (!error) {
        formEl.reset();
        this.open = false;
      }
    }));
  }

  private respond(target: Proposal, kind: 'support' | 'object') {
    this.dispatchEvent(new ProposeEvent(this.paragraph, kind, '', target.id, (error) => {
      this.error = error ?? '';
    }));
  }

  render() {
    const L = this.lang;
    const c = this.counts;
    return html`
      ${c.total > 0
        ? html`<p class="counts">${localDigits(c.total, L)} ${t('proposals', L)}:
            ${Object.entries(c.byKind).map(([k, v]) => html`<span class="count kind-${k}">${kindLabel(k, L)}
              ${localDigits(v, L)}</span>`)}</p>`
        : nothing}
      ${this.proposals.length > 0
        ? html`<ul class="proposal-list">${this.proposals.map((p) => this.renderProposal(p))}</ul>`
        : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.canPropose ? (this.open ? this.renderForm() : html`<button class="link propose-open" type="button"
          @click=${() => { this.open = true; }}>${t('propose', L)}</button>`) : nothing}
    `;
  }

  private renderProposal(p: Proposal) {
    const L = this.lang;
    const responses = this.responses(p.id);
    const supporters = responses.filter((r) => r.kind === 'support').map((r) => r.delegation);
    const objectors = responses.filter((r) => r.kind === 'object').map((r) => r.delegation);
    return html`<li class="proposal kind-${p.kind}" data-id=${p.id}>
      <span class="delegation">${p.delegation}</span>
      ${p.cosponsors.length > 0
        ? html`<span class="cosponsors">${t('cosponsoredBy', L)} ${p.cosponsors.join('، ')}</span>`
        : nothing}
      <span class="kind">${kindLabel(p.kind, L)}${p.itu ? ` (${L === 'ar' ? p.itu.ar : p.itu.code})` : ''}</span>
      ${p.text ? html`<p class="text" dir=${textDirection(p.text)}>${p.text}</p>` : nothing}
      ${p.rationale ? html`<p class="rationale" dir=${textDirection(p.rationale)}>${p.rationale}</p>` : nothing}
      ${supporters.length > 0 ? html`<span class="meta supporters">${t('supportedBy', L)} ${supporters.join('، ')}</span>` : nothing}
      ${objectors.length > 0 ? html`<span class="meta objectors">${t('objectedBy', L)} ${objectors.join('، ')}</span>` : nothing}
      ${this.canPropose
        ? html`<button class="link support" type="button" @click=${() => this.respond(p, 'support')}>${t('support', L)}</button>
            <button class="link object" type="button" @click=${() => this.respond(p, 'object')}>${t('object', L)}</button>`
        : nothing}
    </li>`;
  }

  private renderForm() {
    const L = this.lang;
    return html`<form class="propose" @submit=${this.submit}>
      <label>${t('kind', L)}
        <select name="kind">${PARAGRAPH_KINDS.map((k) => html`<option value=${k}>${kindLabel(k, L)}</option>`)}</select>
      </label>
      <label>${t('text', L)} <textarea name="text" rows="3" maxlength="20000" dir="auto"></textarea></label>
      <span class="actions">
        <button type="submit" ?disabled=${this.busy}>${t('submit', L)}</button>
        <button class="link" type="button" @click=${() => { this.open = false; this.error = ''; }}>${t('cancel', L)}</button>
      </span>
    </form>`;
  }
}

customElements.define('plenary-paragraph-proposals', ParagraphProposals);
