import { LitElement, html, nothing } from 'lit';
import { api, ApiError, type Account, type CommentWindow, type LiveEvent, type Negotiation, type Proposal, type Revision, type RevisionSummary } from './api';
import { t, dirOf, localDigits, type Lang } from './i18n';
import { parseRoute, routeHash, type Route } from './route';
import { anchorOf, bracketSegments, depths, utcFromLocalInput, utcMinute, type Anchor } from './paragraphs';
import { ProposalBoard, proposalOf } from './proposals';
import { CosponsorAnswerEvent, EditEvent, InviteEvent, ProposeEvent, RepliesEvent, ReplyEvent, WithdrawEvent } from './events';
import './paragraph-proposals';

/** The root: owns the session, the route and the data of the current view. */
export class PlenaryApp extends LitElement {
  static properties = {
    account: { state: true },
    route: { state: true },
    lang: { state: true },
    error: { state: true },
    negotiations: { state: true },
    negotiation: { state: true },
    revisions: { state: true },
    revision: { state: true },
    loading: { state: true },
    live: { state: true },
    selection: { state: true },
    groups: { state: true },
    window: { state: true },
    repliesHeard: { state: true },
  };

  account: Account | null = null;
  route: Route = parseRoute(location.hash);
  lang: Lang = (localStorage.getItem('plenary.lang') as Lang) === 'ar' ? 'ar' : 'en';
  error = '';
  negotiations: Negotiation[] = [];
  negotiation: Negotiation | null = null;
  revisions: RevisionSummary[] = [];
  revision: Revision | null = null;
  loading = true;
  live = false;
  /** The span of a paragraph the user selected last (proposals can be made on it). */
  selection: { paragraph: number; anchor: Anchor } | null = null;
  /** Groups the user's delegation coordinates in the open negotiation. */
  groups: { code: string; name: string }[] = [];
  /** Replies heard live (open discussion threads reload when it moves). */
  repliesHeard = 0;
  /** The open revision's comment window. */
  window: CommentWindow | null = null;
  board: ProposalBoard | null = null;
  private stopFollowing: (() => void) | null = null;
  private readonly boardChanged = () => this.requestUpdate();

  // Render into the light DOM so the global stylesheet applies.
  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
      void this.load();
    });
    document.documentElement.dir = dirOf(this.lang);
    document.documentElement.lang = this.lang;
    this.addEventListener(ProposeEvent.type, (e) => void this.onPropose(e));
    this.addEventListener(WithdrawEvent.type, (e) => void this.changing(e.done,
      (n, r) => api.withdraw(n, r, e.proposal), e.proposal.id));
    this.addEventListener(EditEvent.type, (e) => void this.changing(e.done,
      (n, r) => api.edit(n, r, e.proposal, e.changes), e.proposal.id));
    this.addEventListener(RepliesEvent.type, (e) => {
      const r = this.route;
      if (r.view !== 'revision') return;
      api.replies(r.negotiation, r.revision, e.proposal).then((x) => e.done(x, null),
        (err) => e.done(null, err instanceof ApiError ? err.message : String(err)));
    });
    this.addEventListener(ReplyEvent.type, (e) => {
      const r = this.route;
      if (r.view !== 'revision') return;
      api.reply(r.negotiation, r.revision, e.proposal, e.text, e.inReplyTo).then(() => e.done(null),
        (err) => e.done(err instanceof ApiError ? err.message : String(err)));
    });
    this.addEventListener(InviteEvent.type, (e) => void this.changing(e.done,
      (n, r) => api.inviteCosponsors(n, r, e.proposal, e.delegations)));
    this.addEventListener(CosponsorAnswerEvent.type, (e) => void this.changing(e.done,
      (n, r) => api.answerCosponsorship(n, r, e.proposal, this.negotiation?.delegation ?? '', e.accept)));
    document.addEventListener('selectionchange', () => this.onSelection());
    api.me().then(
      (a) => {
        this.account = a;
        void this.load();
      },
      () => {
        this.loading = false;
      },
    );
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.follow(null);
  }

  /** Follows the live events of negotiation {@code n} for the revision view (null: stop). */
  private follow(n: number | null) {
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.live = false;
    if (n !== null) {
      this.stopFollowing = api.follow(n, (e) => this.onLive(e), (live) => { this.live = live; });
    }
  }

  /** A live event about a proposal of this revision: fetch it as this user may see it, and show it. */
  private onLive(e: LiveEvent) {
    const board = this.board;
    const r = this.route;
    if (!board || r.view !== 'revision') return;
    if (e.type === 'revision.comment-window' && e.subject === `revision:${r.revision}`) {
      // the chair moved the deadline or started the silence procedure: show it at once
      api.commentWindow(r.negotiation, r.revision).then((w) => { this.window = w; }, () => undefined);
      return;
    }
    if (e.type === 'proposal.replied') this.repliesHeard++;
    const id = proposalOf(e, r.revision);
    if (id === null) return;
    api.proposal(r.negotiation, r.revision, id).then((p) => board.upsert(p), () => undefined);
  }

  /**
   * A selection inside one paragraph's text becomes that paragraph's span to propose on. A collapsed selection
   * (the click on "propose on the selected text" makes one) keeps the last span; one elsewhere drops it.
   */
  private onSelection() {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    const textOf = (n: Node) => (n instanceof Element ? n : n.parentElement)?.closest('.ptext') ?? null;
    const holder = textOf(range.startContainer);
    const para = holder?.closest<HTMLElement>('p.para');
    const p = para ? this.revision?.paragraphs.find((x) => x.id === Number(para.dataset.id)) : undefined;
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

  /** Runs a change to one proposal of the open revision and shows its new state (the live event follows). */
  /**
   * Links to what the server renders for this revision: the consolidated comments document in each format (in
   * the interface's language) and the diff from the revision before. Plain links: the session cookie goes with them.
   */
  private renderDocuments() {
    const r = this.route;
    const rev = this.revision;
    if (r.view !== 'revision' || !rev) return nothing;
    const L = this.lang;
    const base = `/api/v1/negotiations/${r.negotiation}/revisions/${r.revision}/compilation`;
    const before = this.revisions.filter((x) => x.seq < rev.seq).sort((a, b) => b.seq - a.seq)[0];
    return html`<p class="documents">${t('compilation', L)}:
      ${['docx', 'html', 'md', 'json', 'csv'].map((f) => html`<a class="compilation" href=${`${base}?format=${f}&lang=${L}`}
        download>${f.toUpperCase()}</a> `)}
      ${before ? html` · <a class="diff" href=${`/api/v1/negotiations/${r.negotiation}/diff?from=${before.id}&to=${rev.id}&format=html`}
        target="_blank" rel="noopener">${t('changesSince', L)} ${before.label}</a>` : nothing}</p>`;
  }

  /** The chair sets, extends or clears the comment deadline, and starts the silence procedure. */
  private async setWindow(e: SubmitEvent) {
    e.preventDefault();
    const r = this.route;
    if (r.view !== 'revision') return;
    const form = new FormData(e.target as HTMLFormElement);
    try {
      this.window = await api.setCommentWindow(r.negotiation, r.revision,
        utcFromLocalInput(String(form.get('deadline') ?? '')), form.get('silence') === 'on');
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError
        ? [err.message, ...(err.problem.errors ?? []).map((f) => `${f.field}: ${f.message}`)].join(' — ')
        : String(err);
    }
  }

  private renderWindowForm() {
    const n = this.negotiation;
    const L = this.lang;
    if (!n || (n.role !== 'facilitator' && n.role !== 'secretariat')) return nothing;
    const current = this.window?.deadline ? new Date(this.window.deadline).toISOString().slice(0, 16) : '';
    return html`<form class="window-form" @submit=${(e: SubmitEvent) => void this.setWindow(e)}>
      <label>${t('deadlineUtc', L)} <input type="datetime-local" name="deadline" .value=${current} dir="ltr"></label>
      <label><input type="checkbox" name="silence" ?checked=${this.window?.silence ?? false}> ${t('silenceProcedure', L)}</label>
      <button type="submit">${t('setWindow', L)}</button>
    </form>`;
  }

  /** The deadline, as a banner: open (until …), closed (on …), or under the silence procedure. */
  private renderWindow() {
    const w = this.window;
    const L = this.lang;
    if (!w || !w.deadline) return nothing;
    const at = html`<bdi dir="ltr">${localDigits(utcMinute(w.deadline), L)}</bdi>`;
    if (!w.open) return html`<p class="window closed" role="status">${t('commentsClosed', L)} ${at}</p>`;
    if (w.silence) {
      return html`<p class="window silence" role="status">${t('silenceUntil', L)} ${at}: ${t('silenceHint', L)}</p>`;
    }
    return html`<p class="window open" role="status">${t('commentsUntil', L)} ${at}</p>`;
  }

  private async changing(done: (error: string | null) => void, call: (n: number, r: number) => Promise<Proposal>,
    id: number | null = null) {
    const r = this.route;
    const board = this.board;
    if (r.view !== 'revision' || !board) return;
    try {
      board.upsert(await call(r.negotiation, r.revision));
      done(null);
    } catch (err) {
      if (err instanceof ApiError && err.problem.status === 412 && id !== null) {
        // someone changed it meanwhile: show the current version, and say so
        await api.proposal(r.negotiation, r.revision, id).then((p) => board.upsert(p), () => undefined);
      }
      done(err instanceof ApiError ? err.message : String(err));
    }
  }

  private async onPropose(e: ProposeEvent) {
    const r = this.route;
    if (r.view !== 'revision' || !this.board) return;
    try {
      const created = await api.propose(r.negotiation, r.revision, {
        kind: e.kind,
        paragraph: e.paragraph,
        ...(e.text ? { text: e.text } : {}),
        ...(e.onProposal !== null ? { target: e.onProposal } : {}),
        ...(e.anchor ? { anchor: e.anchor } : {}),
        ...e.extra,
      });
      this.board.upsert(created);
      if (e.anchor) this.selection = null;
      e.done(null);
    } catch (err) {
      if (err instanceof ApiError) {
        const fields = (err.problem.errors ?? []).map((f) => `${f.field}: ${f.message}`).join('; ');
        e.done(fields || err.message);
      } else {
        e.done(String(err));
      }
    }
  }

  private async load() {
    this.error = '';
    this.loading = true;
    try {
      const r = this.route;
      if (r.view !== 'revision') this.follow(null);
      if (r.view === 'negotiations') {
        this.negotiations = await api.negotiations();
      } else if (r.view === 'negotiation') {
        this.negotiation = await api.negotiation(r.negotiation);
        this.revisions = await api.revisions(r.negotiation);
      } else {
        this.negotiation = await api.negotiation(r.negotiation);
        this.revision = await api.revision(r.negotiation, r.revision);
        this.window = await api.commentWindow(r.negotiation, r.revision);
        this.revisions = await api.revisions(r.negotiation);
        const own = this.negotiation.delegation;
        this.groups = own === null ? [] : (await api.delegations(r.negotiation))
          .filter((d) => d.coordinator === own && d.code !== own)
          .map((d) => ({ code: d.code, name: this.lang === 'ar' && d.nameAr ? d.nameAr : d.nameEn }));
        this.board?.removeEventListener('change', this.boardChanged);
        const board = new ProposalBoard(r.revision);
        board.addEventListener('change', this.boardChanged);
        this.board = board;
        // Follow first, then load: a proposal made in between arrives by both ways and is kept once.
        this.follow(r.negotiation);
        board.load(await api.proposals(r.negotiation, r.revision));
      }
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }

  private toggleLang() {
    this.lang = this.lang === 'en' ? 'ar' : 'en';
    localStorage.setItem('plenary.lang', this.lang);
    document.documentElement.dir = dirOf(this.lang);
    document.documentElement.lang = this.lang;
  }

  private async onLogin(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    try {
      const r = await api.login(String(form.get('email')), String(form.get('password')));
      this.account = r.account;
      await this.load();
    } catch (err) {
      this.error = err instanceof ApiError ? err.message : String(err);
    }
  }

  private async onLogout() {
    await api.logout().catch(() => undefined);
    this.account = null;
  }

  private async onCreate(e: SubmitEvent) {
    e.preventDefault();
    const formEl = e.target as HTMLFormElement;
    const form = new FormData(formEl);
    try {
      const n = await api.createNegotiation(String(form.get('title')), [String(form.get('language'))]);
      formEl.reset();
      location.hash = routeHash({ view: 'negotiation', negotiation: n.id });
    } catch (err) {
      this.error = err instanceof ApiError ? err.message : String(err);
    }
  }

  private async onUpload(e: SubmitEvent) {
    e.preventDefault();
    if (this.route.view !== 'negotiation') return;
    const n = this.route.negotiation;
    const form = new FormData(e.target as HTMLFormElement);
    const file = form.get('file') as File | null;
    if (!file || file.size === 0) return;
    try {
      const text = await file.text();
      const rev = await api.uploadRevision(n, String(form.get('label') || file.name), text, file.name.endsWith('.md'));
      location.hash = routeHash({ view: 'revision', negotiation: n, revision: rev.id });
    } catch (err) {
      this.error = err instanceof ApiError ? err.message : String(err);
    }
  }

  render() {
    const L = this.lang;
    return html`
      <header class="bar">
        <a class="brand" href="#/">${t('appName', L)}</a>
        <span class="spacer"></span>
        <button class="link" @click=${this.toggleLang}>${t('language', L)}</button>
        ${this.account
          ? html`<span class="who">${this.account.displayName}</span>
              <button class="link" @click=${this.onLogout}>${t('logOut', L)}</button>`
          : nothing}
      </header>
      <main>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${this.account ? this.renderView() : this.loading ? nothing : this.renderLogin()}
      </main>
    `;
  }

  private renderLogin() {
    const L = this.lang;
    return html`<form class="card login" @submit=${this.onLogin}>
      <label>${t('email', L)} <input name="email" type="email" autocomplete="username" required dir="ltr" /></label>
      <label>${t('password', L)} <input name="password" type="password" autocomplete="current-password" required /></label>
      <button type="submit">${t('logIn', L)}</button>
    </form>`;
  }

  private renderView() {
    const r = this.route;
    if (r.view === 'negotiations') return this.renderNegotiations();
    if (r.view === 'negotiation') return this.renderNegotiation();
    return this.renderRevision();
  }

  private renderNegotiations() {
    const L = this.lang;
    return html`<h1>${t('negotiations', L)}</h1>
      ${this.negotiations.length === 0 && !this.loading ? html`<p>${t('noNegotiations', L)}</p>` : nothing}
      <ul class="list">
        ${this.negotiations.map(
          (n) => html`<li>
            <a href=${routeHash({ view: 'negotiation', negotiation: n.id })} dir="auto">${n.title}</a>
            <span class="meta">${n.languages.join(', ')} · ${n.role}${n.delegation ? ` · ${n.delegation}` : ''}</span>
          </li>`,
        )}
      </ul>
      ${this.account?.admin
        ? html`<form class="card" @submit=${this.onCreate}>
            <h2>${t('newNegotiation', L)}</h2>
            <label>${t('title', L)} <input name="title" required maxlength="500" dir="auto" /></label>
            <select name="language"><option value="ar">العربية</option><option value="en">English</option></select>
            <button type="submit">${t('create', L)}</button>
          </form>`
        : nothing}`;
  }

  private renderNegotiation() {
    const L = this.lang;
    const n = this.negotiation;
    if (!n) return nothing;
    const canUpload = n.role === 'secretariat' || n.role === 'facilitator';
    return html`<p><a href="#/">← ${t('back', L)}</a></p>
      <h1 dir="auto">${n.title}</h1>
      <h2>${t('revisions', L)}</h2>
      ${this.revisions.length === 0 && !this.loading ? html`<p>${t('noRevisions', L)}</p>` : nothing}
      <ul class="list">
        ${this.revisions.map(
          (r) => html`<li>
            <a href=${routeHash({ view: 'revision', negotiation: n.id, revision: r.id })} dir="auto">${r.label}</a>
            <span class="meta">${localDigits(r.paragraphCount, L)} ${t('paragraphs', L)} ·
              ${localDigits(r.bracketCount, L)} ${t('brackets', L)}</span>
          </li>`,
        )}
      </ul>
      ${canUpload
        ? html`<form class="card" @submit=${this.onUpload}>
            <h2>${t('uploadRevision', L)}</h2>
            <label>${t('label', L)} <input name="label" maxlength="200" dir="auto" /></label>
            <input name="file" type="file" accept=".txt,.md,text/plain,text/markdown" required />
            <button type="submit">${t('upload', L)}</button>
          </form>`
        : nothing}`;
  }

  private renderRevision() {
    const L = this.lang;
    const n = this.negotiation;
    const rev = this.revision;
    if (!n || !rev) return nothing;
    const depth = depths(rev.paragraphs);
    const board = this.board;
    const canPropose = n.role === 'delegate';
    return html`<p><a href=${routeHash({ view: 'negotiation', negotiation: n.id })}>← ${n.title}</a></p>
      <h1 dir="auto">${rev.label}</h1>
      <p class="meta">${localDigits(rev.paragraphs.length, L)} ${t('paragraphs', L)} ·
        ${localDigits(rev.bracketCount, L)} ${t('brackets', L)} ·
        ${localDigits(board?.size ?? 0, L)} ${t('proposals', L)}
        <span class="live-state ${this.live ? 'on' : 'off'}">${this.live ? t('live', L) : t('offline', L)}</span></p>
      ${this.renderWindow()}
      ${this.renderWindowForm()}
      ${this.renderDocuments()}
      <article class="draft">
        ${rev.paragraphs.map((p) => {
          const counts = board?.counts(p.id) ?? { total: 0, byKind: {} };
          return html`<div class="para-block depth-${Math.min(depth.get(p.id) ?? 0, 6)}" data-proposals=${counts.total}>
            <p class="para kind-${p.kind} change-${p.change}" dir=${p.direction} data-id=${p.id}>
              ${p.label ? html`<span class="cite" dir="ltr">${p.label}</span> ` : nothing}${p.number
                ? html`<span class="num">${p.number}</span> `
                : nothing}<span class="ptext">${bracketSegments(p.text).map((s) =>
                s.bracketed ? html`<mark class="bracket">${s.text}</mark>` : s.text,
              )}</span>
            </p>
            ${board && (counts.total > 0 || canPropose)
              ? html`<plenary-paragraph-proposals
                  .paragraph=${p.id}
                  .proposals=${board.forParagraph(p.id)}
                  .responses=${(id: number) => board.responsesTo(id)}
                  .counts=${counts}
                  .lang=${L}
                  .canPropose=${canPropose}
                  .delegation=${n.delegation}
                  .groups=${this.groups}
                  .canReply=${n.role !== 'observer'}
                  .repliesHeard=${this.repliesHeard}
                  .selection=${this.selection?.paragraph === p.id ? this.selection.anchor : null}
                ></plenary-paragraph-proposals>`
              : nothing}
          </div>`;
        })}
      </article>`;
  }
}

customElements.define('plenary-app', PlenaryApp);
