import { html, nothing } from 'lit';
import { backArrow, count, SEP, t, tm, tr } from '../i18n';
import { errorMessage } from '../model';
import { routeHash } from '../route';
import { ModelView } from './base';
import { revisionPicker } from './diff-view';

/** A negotiation: its revisions, the picker of two revisions to compare, and (chair, secretariat) the upload. */
export class NegotiationView extends ModelView {
  static properties = { ...ModelView.properties, negotiationId: { type: Number }, error: { state: true }, busy: { state: true } };
  negotiationId = 0;
  error = '';
  busy = false;

  protected updated(changed: Map<string, unknown>) {
    if (changed.has('negotiationId')) {
      this.model.leaveRevision();
      this.model.open(this.negotiationId).catch((err) => { this.error = errorMessage(err, this.lang); });
    }
  }

  private async upload(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const file = form.get('file') as File | null;
    if (!file || file.size === 0) return;
    this.busy = true;
    try {
      const rev = await this.model.upload(file, String(form.get('label') ?? ''));
      location.hash = routeHash({ view: 'revision', negotiation: this.negotiationId, revision: rev.id });
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const L = this.lang;
    const n = this.model.negotiation;
    if (!n || n.id !== this.negotiationId) {
      return this.error ? html`<h1>${t('negotiations', L)}</h1><p class="error" role="alert">${this.error}</p>` : nothing;
    }
    const canUpload = n.role === 'secretariat' || n.role === 'facilitator';
    const revisions = this.model.revisions;
    return html`<p><a href="#/"><span aria-hidden="true">${backArrow(L)}</span> ${t('back', L)}</a></p>
      <h1 dir="auto">${n.title}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <h2>${t('revisions', L)}</h2>
      ${revisions.length === 0 ? html`<p>${t('noRevisions', L)}</p>` : nothing}
      <ul class="list">
        ${revisions.map((r) => html`<li>
            <a href=${routeHash({ view: 'revision', negotiation: n.id, revision: r.id })} dir="auto">${r.label}</a>
            <span class="meta">${count(r.paragraphCount, 'paragraph', L)}${SEP}${count(r.bracketCount, 'bracket', L)}</span>
          </li>`)}
      </ul>
 ${canUpload ? html`<nav class="roster-links" aria-label=${tr('participantsTitle', L)}><ul class="list">
        <li><a class="participants-link" href=${routeHash({ view: 'participants', negotiation: n.id })}>${tr('manageParticipants', L)}</a></li>
        <li><a class="delegations-link" href=${routeHash({ view: 'delegations', negotiation: n.id })}>${tr('manageDelegations', L)}</a></li>
      </ul></nav>` : nothing}
      <p><a class="fates-link" href=${routeHash({ view: 'fates', negotiation: n.id })}>${n.delegation ? tm('whatHappened', L)
        : tm('whatHappenedAll', L)}</a></p>
      ${revisions.length >= 2 ? revisionPicker(n.id, revisions, revisions[revisions.length - 2].id,
        revisions[revisions.length - 1].id, L) : nothing}
      ${canUpload
        ? html`<form class="card upload" @submit=${(e: SubmitEvent) => void this.upload(e)}>
            <h2>${t('uploadRevision', L)}</h2>
            <label>${t('label', L)} <input name="label" maxlength="200" dir="auto" /></label>
            <label>${t('file', L)} <span class="hint">${t('uploadHint', L)}</span>
              <input name="file" type="file" required
                accept=".txt,.md,.docx,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document" /></label>
            <button type="submit" ?disabled=${this.busy}>${t('upload', L)}</button>
          </form>`
        : nothing}`;
  }
}

customElements.define('plenary-negotiation-view', NegotiationView);
