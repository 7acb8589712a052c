import { LitElement, html, nothing } from 'lit';
import { dirOf, kindLabel, t } from './i18n';
import { AnnounceEvent, ModelChangeEvent, NegotiationModel, Session } from './model';
import { ArrivalEvent } from './proposals';
import { parseRoute, type Route } from './route';
import './views/login-view';
import './views/negotiations-view';
import './views/negotiation-view';
import './views/revision-view';
import './views/diff-view';
import './views/workspace-view';
import './views/fates-view';
import './views/group-view';

/**
 * The root: the header, the route and the view it names. The state lives in two models, the {@link Session}
 * (who, which language) and the {@link NegotiationModel} (the open negotiation and revision); each view renders
 * them. The facilitators' merge workspace and the fates of proposals are routes like the others.
 */
export class PlenaryApp extends LitElement {
  static properties = {
    route: { state: true },
    announcement: { state: true },
  };

  route: Route = parseRoute(location.hash);
  /** The last live arrival, read out by the aria-live region. */
  announcement = '';
  readonly session = new Session();
  readonly model = new NegotiationModel(() => this.session.lang);
  private readonly rerender = () => this.requestUpdate();

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
      if (this.route.view !== 'revision') this.model.leaveRevision();
    });
    document.documentElement.dir = dirOf(this.session.lang);
    document.documentElement.lang = this.session.lang;
    this.session.addEventListener(ModelChangeEvent.type, this.rerender);
    this.model.addEventListener(ArrivalEvent.type, (e) => this.announce(e as ArrivalEvent));
    this.model.addEventListener(AnnounceEvent.type, (e) => { this.announcement = (e as AnnounceEvent).message; });
    void this.session.start();
  }

  /** "New from SAU: Amendment on OP3" / "support from SAU on OP3", in the interface language. */
  private announce(e: ArrivalEvent) {
    const L = this.session.lang;
    const p = e.proposal;
    const rev = this.model.revision;
    const index = rev?.paragraphs.findIndex((x) => x.id === p.paragraph) ?? -1;
    const para = index >= 0 ? rev!.paragraphs[index] : undefined;
    const where = para?.label ?? para?.number ?? '';
    const what = p.kind === 'support' && p.target !== null ? `${t('supportArrived', L)} ${p.delegation}`
      : p.kind === 'object' && p.target !== null ? `${t('objectionArrived', L)} ${p.delegation}`
      : `${t('arrivedFrom', L)} ${p.delegation}: ${kindLabel(p.kind, L)}`;
    this.announcement = `${what}${where ? ` ${t('onParagraph', L)} ${where}` : ''}`;
  }

  private toggleLang() {
    this.session.setLang(this.session.lang === 'en' ? 'ar' : 'en');
  }

  render() {
    const L = this.session.lang;
    const account = this.session.account;
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
        ${account ? html`<plenary-published-notice .session=${this.session} .model=${this.model}></plenary-published-notice>` : nothing}
        ${account ? this.renderView() : this.session.ready
          ? html`<plenary-login-view .session=${this.session}></plenary-login-view>` : nothing}
      </main>
      <div class="visually-hidden" role="status" aria-live="polite" aria-label=${t('announcements', L)}
        id="announcer">${this.announcement}</div>
    `;
  }

  private renderView() {
    const r = this.route;
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
      case 'group':
        return html`<plenary-group-view .session=${s} .model=${m} .negotiationId=${r.negotiation} .revisionId=${r.revision}
          .group=${r.group}></plenary-group-view>`;
    }
  }
}

customElements.define('plenary-app', PlenaryApp);
