import { html, nothing } from 'lit';
import { api, type Negotiation } from '../api';
import { languageLabel, roleLabel, SEP, t } from '../i18n';
import { errorMessage } from '../model';
import { routeHash } from '../route';
import { ModelView } from './base';

/** The negotiations the user takes part in; an administrator creates new ones. */
export class NegotiationsView extends ModelView {
  static properties = { ...ModelView.properties, negotiations: { state: true }, error: { state: true }, loading: { state: true } };
  negotiations: Negotiation[] = [];
  error = '';
  loading = true;

  connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.negotiations = await api.negotiations();
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    } finally {
      this.loading = false;
    }
  }

  private async create(e: SubmitEvent) {
    e.preventDefault();
    const formEl = e.target as HTMLFormElement;
    const form = new FormData(formEl);
    try {
      const n = await api.createNegotiation(String(form.get('title')), [String(form.get('language'))]);
      formEl.reset();
      location.hash = routeHash({ view: 'negotiation', negotiation: n.id });
    } catch (err) {
      this.error = errorMessage(err, this.lang);
    }
  }

  render() {
    const L = this.lang;
    return html`<h1>${t('negotiations', L)}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.negotiations.length === 0 && !this.loading ? html`<p>${t('noNegotiations', L)}</p>` : nothing}
      <ul class="list">
        ${this.negotiations.map((n) => html`<li>
            <a href=${routeHash({ view: 'negotiation', negotiation: n.id })} dir="auto">${n.title}</a>
            <span class="meta">${n.languages.map((c) => languageLabel(c, L)).join('، ')}${SEP}${roleLabel(n.role, L)}${n.delegation
              ? html`${SEP}<bdi>${n.delegation}</bdi>` : ''}</span>
          </li>`)}
      </ul>
      ${this.session.account?.admin
        ? html`<form class="card" @submit=${(e: SubmitEvent) => void this.create(e)}>
            <h2>${t('newNegotiation', L)}</h2>
            <label>${t('title', L)} <input name="title" required maxlength="500" dir="auto" /></label>
            <label>${t('language2', L)} <select name="language"><option value="ar">${languageLabel('ar', L)}</option>
              <option value="en">${languageLabel('en', L)}</option></select></label>
            <button type="submit">${t('create', L)}</button>
          </form>`
        : nothing}`;
  }
}

customElements.define('plenary-negotiations-view', NegotiationsView);
