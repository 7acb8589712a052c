import { LitElement, html, nothing } from 'lit';
import { dirOf, t } from './i18n';
import { AnnounceEvent, ModelChangeEvent, NegotiationModel, Session } from './model';
import { Navigation } from './route';
import './views/login-view';
import './views/negotiations-view';
import './views/negotiation-view';
import './views/revision-view';
import './views/diff-view';
import './views/workspace-view';
import './views/fates-view';
import './views/participants-view';
import './views/delegations-view';
import './views/invitation-view';
import './views/group-view';

/**
 * The root: the header, the view the route names, the aria-live region. It holds no state of its own: the
 * {@link Session} (who, which language), the {@link NegotiationModel} (the open negotiation and revision, what
 * to announce) and the {@link Navigation} (the route) do; each view renders them.
 */
export class PlenaryApp extends LitElement {
  readonly session = new Session();
  readonly model = new NegotiationModel(() => this.session.lang);
  readonly navigation = new Navigation();
  private readonly rerender = () => this.requestUpdate();

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', () => this.navigation.update());
    this.navigation.addEventListener(Navigation.changeType, () => {
      if (this.navigation.route.view !== 'revision') this.model.leaveRevision();
      this.rerender();
    });
    document.documentElement.dir = dirOf(this.session.lang);
    document.documentElement.lang = this.session.lang;
    this.session.addEventListener(ModelChangeEvent.type, this.rerender);
    this.model.addEventListener(AnnounceEvent.type, this.rerender);
    void this.session.start();
  }

  private toggleLang() {
    this.session.setLang(this.session.lang === 'en' ? 'ar' : 'en');
  }

  render() {
    const L = this.session.lang;
    const account = this.session.account;
    const route = this.navigation.route;
    return html`
      <a class="skip" href="#content" @click=${(e: Event) => { e.preventDefault(); document.getElementById('content')?.focus(); }}
        >${t('skip', L)}</a>
      <header class="bar">
        <a class="brand" href="#/">${t('appName', L)}</a>
        <span class="spacer"></span>
        <button class="link" type="button" lang=${L === 'en' ? 'ar' : 'en'} @click=${this.toggleLang}>${t('language', L)}</button>
        ${account ? html`<span class="who">${account.displayName}</span>
            <button class="link" type="button" @click=${() => void this.session.logout()}>${t('logOut', L)}</button>`
          : nothing}
      </header>
      <main id="content" tabindex="-1">
        ${account && route.view !== 'invitation'
          ? html`<plenary-published-notice .session=${this.session} .model=${this.model}></plenary-published-notice>` : nothing}
        ${route.view === 'invitation'
          ? html`<plenary-invitation-view .session=${this.session} .model=${this.model} .token=${route.token}></plenary-invitation-view>`
          : account ? this.renderView() : this.session.ready
          ? html`<plenary-login-view .session=${this.session}></plenary-login-view>` : nothing}
      </main>
      <div class="visually-hidden" role="status" aria-live="polite" aria-label=${t('announcements', L)}
        id="announcer">${this.model.announcement}</div>
    `;
  }

  private renderView() {
    const r = this.navigation.route;
    const s = this.session;
    const m = this.model;
    switch (r.view) {
      case 'negotiations':
        return html`<plenary-negotiations-view .session=${s} .model=${m}></plenary-negotiations-view>`;
      case 'negotiation':
        return html`<plenary-negotiation-view .session=${s} .model=${m} .negotiationId=${r.negotiation}></plenary-negotiation-view>`;
      case 'revision':
        return html`<plenary-revision-view .session=${s} .model=${m} .negotiationId=${r.negotiation}
          .revisionId=${r.revision}></plenary-revision-view>`;
      case 'diff':
        return html`<plenary-diff-view .session=${s} .model=${m} .negotiationId=${r.negotiation} .from=${r.from}
          .to=${r.to}></plenary-diff-view>`;
      case 'workspace':
        return html`<plenary-workspace-view .session=${s} .model=${m} .negotiationId=${r.negotiation}
          .revisionId=${r.revision}></plenary-workspace-view>`;
      case 'fates':
        return html`<plenary-fates-view .session=${s} .model=${m} .negotiationId=${r.negotiation}></plenary-fates-view>`;
      case 'participants':
        return html`<plenary-participants-view .session=${s} .model=${m} .negotiationId=${r.negotiation}></plenary-participants-view>`;
      case 'delegations':
        return html`<plenary-delegations-view .session=${s} .model=${m} .negotiationId=${r.negotiation}></plenary-delegations-view>`;
      case 'invitation':
        return nothing;
      case 'group':
        return html`<plenary-group-view .session=${s} .model=${m} .negotiationId=${r.negotiation} .revisionId=${r.revision}
          .group=${r.group}></plenary-group-view>`;
    }
  }
}

customElements.define('plenary-app', PlenaryApp);
