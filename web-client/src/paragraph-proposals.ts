import { LitElement, html, nothing } from 'lit';
import type { Proposal, Reply } from './api';
import { CosponsorAnswerEvent, EditEvent, InviteEvent, ProposeEvent, RepliesEvent, ReplyEvent, StanceEvent,
  WithdrawEvent } from './events';
import { count, kindLabel, localDigits, SEP, t, type Lang } from './i18n';
import type { NegotiationModel } from './model';
import { anchorOf, type Anchor } from './paragraphs';
import { PARAGRAPH_KINDS, delegationCodes, needsText, proposer, textDirection, type Counts, type ProposalBoard }
  from './proposals';

/** Under one paragraph: its proposals with their counts, and the small form a delegate proposes with. */
export class ParagraphProposals extends LitElement {
  static properties = {
    paragraph: { type: Number },
    paragraphText: { attribute: false },
    label: { attribute: false },
    proposals: { attribute: false },
    board: { attribute: false },
    model: { attribute: false },
    words: { state: true },
    counts: { attribute: false },
    lang: { attribute: false },
    canPropose: { attribute: false },
    selection: { attribute: false },
    delegation: { attribute: false },
    groups: { attribute: false },
    confirming: { state: true },
    editing: { state: true },
    reasoning: { state: true },
    inviting: { state: true },
    canReply: { attribute: false },
    repliesHeard: { attribute: false },
    threads: { state: true },
    answering: { state: true },
    open: { state: true },
    anchor: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  paragraph = 0;
  /** The paragraph's text (the words to propose on are looked up in it). */
  paragraphText = '';
  /** How the paragraph is cited ("OP3"): accessible names of the buttons name it. */
  label = '';
  /** The proposals to show (the filter applied). */
  proposals: Proposal[] = [];
  board: ProposalBoard | null = null;
  model: NegotiationModel | null = null;
  counts: Counts = { total: 0, byKind: {}, supports: 0, objections: 0 };
  /** The words typed to propose on (the keyboard way to a span): found or not. */
  words: { typed: string; anchor: Anchor | null } = { typed: '', anchor: null };
  lang: Lang = 'en';
  canPropose = false;
  /** The span of this paragraph the delegate has selected, if any. */
  selection: Anchor | null = null;
  /** The viewer's own delegation (null for the chair, the secretariat, observers). */
  delegation: string | null = null;
  /** Groups the viewer's delegation coordinates here: it may propose on their behalf. */
  groups: { code: string; name: string }[] = [];
  /** The proposal whose withdrawal waits for a second click. */
  confirming: number | null = null;
  /** The proposal being edited in place. */
  editing: number | null = null;
  /** The viewer's stance whose reason is being written (its id). */
  reasoning: number | null = null;
  /** The proposal whose co-sponsor invitation form is open. */
  inviting: number | null = null;
  /** Whether the viewer may take part in discussions (not observers). */
  canReply = false;
  /** Counts the replies heard live in the negotiation; a change reloads the open threads. */
  repliesHeard = 0;
  /** Open discussion threads, by proposal (null while loading). */
  threads = new Map<number, Reply[] | null>();
  /** The reply being answered, per open thread. */
  answering = new Map<number, Reply>();
  open = false;
  /** The span the open form proposes on (null: the whole paragraph). */
  anchor: Anchor | null = null;
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
    if (this.words.typed && !this.words.anchor) {
      this.error = t('wordsNotFound', this.lang);
      return;
    }
    const anchor = kind.startsWith('insert') ? null : this.anchor ?? this.words.anchor;
    // an amendment of a span may replace it with nothing (deleting the span)
    if (needsText(kind) && !text && !(kind === 'amend' && anchor)) {
      this.error = t('text', this.lang) + ' ✱';
      return;
    }
    const rationale = String(form.get('rationale') ?? '').trim();
    const onBehalfOf = String(form.get('onBehalfOf') ?? '');
    const cosponsors = delegationCodes(String(form.get('cosponsors') ?? ''));
    const extra = {
      ...(rationale ? { rationale } : {}),
      ...(onBehalfOf && onBehalfOf !== this.delegation ? { onBehalfOf } : {}),
      ...(cosponsors.length > 0 ? { cosponsors } : {}),
    };
    this.busy = true;
    this.dispatchEvent(new ProposeEvent(this.paragraph, kind, text, null, (error) => {
      this.busy = false;
      this.error = error ?? '';
      if (!error) {
        formEl.reset();
        this.close();
      }
    }, anchor, extra));
  }

  /** Opens the form (on the selected span, or the whole paragraph) and moves the focus into it. */
  private openForm(anchor: Anchor | null) {
    this.anchor = anchor;
    this.words = { typed: '', anchor: null };
    this.open = true;
    this.error = '';
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('form.propose select[name=kind]')?.focus());
  }

  /** Closes the form and gives the focus back to the button that opened it. */
  private close() {
    this.open = false;
    this.anchor = null;
    this.words = { typed: '', anchor: null };
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.propose-open')?.focus());
  }

  private typedWords(e: Event) {
    const typed = (e.target as HTMLInputElement).value;
    const at = typed.trim() ? this.paragraphText.indexOf(typed.trim()) : -1;
    this.words = { typed: typed.trim(), anchor: at < 0 ? null : anchorOf(this.paragraphText, at, at + typed.trim().length) };
  }

  private withdraw(p: Proposal) {
    this.dispatchEvent(new WithdrawEvent(p, (error) => {
      this.confirming = null;
      this.error = error ?? '';
    }));
  }

  private saveEdit(e: SubmitEvent, p: Proposal) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const text = String(form.get('text') ?? '').trim();
    const rationale = String(form.get('rationale') ?? '').trim();
    const changes: { text?: string; rationale?: string } = {};
    if (p.text !== null && text !== p.text) changes.text = text;
    if (rationale !== (p.rationale ?? '')) changes.rationale = rationale;
    if (Object.keys(changes).length === 0) {
      this.editing = null;
      return;
    }
    this.dispatchEvent(new EditEvent(p, changes, (error) => {
      this.error = error ?? '';
      if (!error) this.editing = null;
    }));
  }

  /** Someone replied somewhere in the negotiation (a live event): read the open threads again. */
  protected updated(changed: Map<string, unknown>) {
    if (changed.has('repliesHeard') && changed.get('repliesHeard') !== undefined) {
      for (const id of this.threads.keys()) this.loadThread(id);
    }
  }

  private toggleThread(p: Proposal) {
    const next = new Map(this.threads);
    if (next.has(p.id)) {
      next.delete(p.id);
    } else {
      next.set(p.id, null);
    }
    this.threads = next;
    if (next.has(p.id)) this.loadThread(p.id);
  }

  private loadThread(id: number) {
    this.dispatchEvent(new RepliesEvent(id, (replies, error) => {
      if (error) this.error = error;
      if (replies && this.threads.has(id)) this.threads = new Map(this.threads).set(id, replies);
    }));
  }

  private sendReply(e: SubmitEvent, p: Proposal) {
    e.preventDefault();
    const formEl = e.target as HTMLFormElement;
    const text = String(new FormData(formEl).get('reply') ?? '').trim();
    if (!text) return;
    const to = this.answering.get(p.id) ?? null;
    this.dispatchEvent(new ReplyEvent(p.id, text, (error) => {
      this.error = error ?? '';
      if (!error) {
        formEl.reset();
        const next = new Map(this.answering);
        next.delete(p.id);
        this.answering = next;
        this.loadThread(p.id);
      }
    }, to === null ? null : to.id));
  }

  private renderThread(p: Proposal) {
    const L = this.lang;
    const replies = this.threads.get(p.id);
    return html`<div class="thread">
      ${replies === null || replies === undefined ? html`<p class="meta">…</p>`
        : replies.length === 0 ? html`<p class="meta">${t('noReplies', L)}</p>`
        : html`<ol class="replies">${replies.map((x) => {
            const to = x.inReplyTo === null ? undefined : replies.find((y) => y.id === x.inReplyTo);
            return html`<li class="reply" data-id=${x.id}>
              <span class="delegation">${x.delegation ?? '—'}</span>
              ${to ? html`<span class="meta in-reply-to"><span aria-hidden="true">${L === 'ar' ? '↪' : '↩'}</span> ${t('answering', L)} ${to.delegation ?? '—'}</span>` : nothing}
              <span class="text" dir=${textDirection(x.text)}>${x.text}</span>
              ${this.canReply ? html`<button class="link answer" type="button"
                @click=${() => { this.answering = new Map(this.answering).set(p.id, x); }}>${t('answerThis', L)}</button>`
                : nothing}</li>`;
          })}</ol>`}
      ${this.answering.has(p.id) ? html`<p class="meta answering">${t('answering', L)}
          ${this.answering.get(p.id)!.delegation ?? '—'}</p>` : nothing}
      ${this.canReply ? html`<form class="reply-form" @submit=${(e: SubmitEvent) => this.sendReply(e, p)}>
          <textarea name="reply" rows="2" maxlength="5000" dir="auto" placeholder=${t('replyPlaceholder', L)}></textarea>
          <button type="submit">${t('send', L)}</button></form>` : nothing}
    </div>`;
  }

  private sendInvite(e: SubmitEvent, p: Proposal) {
    e.preventDefault();
    const codes = delegationCodes(String(new FormData(e.target as HTMLFormElement).get('delegations') ?? ''));
    if (codes.length === 0) return;
    this.dispatchEvent(new InviteEvent(p, codes, (error) => {
      this.error = error ?? '';
      if (!error) this.inviting = null;
    }));
  }

  private answer(p: Proposal, accept: boolean) {
    this.dispatchEvent(new CosponsorAnswerEvent(p, accept, (error) => {
      this.error = error ?? '';
    }));
  }

  private respond(target: Proposal, kind: 'support' | 'object') {
    this.dispatchEvent(new StanceEvent(target, kind, (error) => {
      this.error = error ?? '';
    }));
  }

  private mine(p: Proposal): boolean {
    return this.delegation !== null && (p.delegation === this.delegation || p.submittedBy === this.delegation);
  }

  render() {
    const L = this.lang;
    const c = this.counts;
    return html`
      ${c.total > 0 || c.supports + c.objections > 0
        ? html`<p class="counts">${count(c.total, 'proposal', L)}${c.total > 0 ? ':' : ''}
            ${Object.entries(c.byKind).map(([k, v]) => html`<span class="count kind-${k}">${kindLabel(k, L)}
              ${localDigits(v, L)}</span>`)}${c.supports + c.objections > 0 ? html`${SEP}<span class="count stances">${count(
              c.supports + c.objections, 'stance', L)}</span>` : nothing}</p>`
        : nothing}
      ${this.proposals.length > 0
        ? html`<ul class="proposal-list">${this.proposals.map((p) => this.renderProposal(p))}</ul>`
        : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.canPropose ? (this.open ? this.renderForm() : html`<button class="link propose-open" type="button"
          aria-label=${`${t('proposeOn', L)} ${this.label}`}
          @click=${() => this.openForm(null)}>${t('propose', L)}</button>
          ${this.selection ? html`<button class="link propose-span" type="button"
            @click=${() => this.openForm(this.selection)}>${t('proposeOnSelection', L)}
            <q dir="auto">${this.selection.exact}</q></button>` : nothing}`) : nothing}
    `;
  }

  private renderProposal(p: Proposal) {
    const L = this.lang;
    const responses = this.board?.responsesTo(p.id) ?? [];
    const who = proposer(p);
    const stance = this.board?.stanceOf(p.id, this.delegation) ?? null;
    const redline = p.kind === 'amend' || p.kind === 'delete' ? this.model?.redline(p) : undefined;
    const supporters = responses.filter((r) => r.kind === 'support').map((r) => r.delegation);
    const objectors = responses.filter((r) => r.kind === 'object').map((r) => r.delegation);
    return html`<li class="proposal kind-${p.kind}" data-id=${p.id}>
      <span class="delegation">${who.delegation}</span>${who.submittedBy
        ? html`<span class="submitted-by">${L === 'ar' ? '،' : ','} ${t('submittedBy', L)} ${who.submittedBy}</span> ` : nothing}
      ${p.state === 'withdrawn' ? html`<span class="state-withdrawn">${kindLabel('state-withdrawn', L)}</span>` : nothing}
      ${p.cosponsors.length > 0
        ? html`<span class="cosponsors">${t('cosponsoredBy', L)} ${p.cosponsors.join('، ')}</span>`
        : nothing}
      <span class="kind">${kindLabel(p.kind, L)}${p.itu ? ` (${L === 'ar' ? p.itu.ar : p.itu.code})` : ''}</span>
      ${p.anchor ? html`<q class="quote" dir="auto">${p.anchor.exact}</q>` : nothing}
      ${this.editing === p.id ? this.renderEdit(p) : html`
        ${p.text ? html`<p class="text" dir=${textDirection(p.text)}>${p.text}</p>` : nothing}
        ${redline ? html`<p class="redline" dir=${textDirection(redline.current || redline.proposed)}><span
            class="visually-hidden">${t('redline', L)}: </span>${redline.ops.map((o) => o.type === 'insert'
            ? html`<ins>${o.text}</ins>` : o.type === 'delete' ? html`<del>${o.text}</del>` : o.text)}</p>` : nothing}
        ${p.rationale ? html`<p class="rationale" dir=${textDirection(p.rationale)}>${p.rationale}</p>` : nothing}`}
      ${supporters.length > 0 ? html`<span class="meta supporters">${t('supportedBy', L)} ${supporters.join('، ')}</span>` : nothing}
      ${objectors.length > 0 ? html`<span class="meta objectors">${t('objectedBy', L)} ${objectors.join('، ')}</span>` : nothing}
      ${this.renderReasons(p, responses)}
      ${this.canPropose && !this.mine(p) && p.state === 'submitted'
        ? html`<button class="link support" type="button" aria-pressed=${stance?.kind === 'support' ? 'true' : 'false'}
              aria-label=${`${t('supportOf', L)} ${p.delegation} ${t('onParagraph', L)} ${this.label}`}
              title=${stance?.kind === 'support' ? t('youSupport', L) : ''}
              @click=${() => this.respond(p, 'support')}>${t('support', L)}</button>
            <button class="link object" type="button" aria-pressed=${stance?.kind === 'object' ? 'true' : 'false'}
              aria-label=${`${t('objectTo', L)} ${p.delegation} ${t('onParagraph', L)} ${this.label}`}
              title=${stance?.kind === 'object' ? t('youObject', L) : ''}
              @click=${() => this.respond(p, 'object')}>${t('object', L)}</button>
            ${stance ? html`<button class="link stance-reason" type="button" aria-expanded=${this.reasoning === stance.id ? 'true' : 'false'}
              aria-label=${`${t('stanceReasonOf', L)} ${p.delegation} ${t('onParagraph', L)} ${this.label}`}
              @click=${() => { this.reasoning = this.reasoning === stance.id ? null : stance.id; }}>${t('stanceReason', L)}</button>` : nothing}
            ${stance && this.reasoning === stance.id ? this.renderReasonForm(stance) : nothing}`
        : nothing}
      ${this.renderOwn(p)}
      <button class="link discussion" type="button" @click=${() => this.toggleThread(p)}>${this.threads.has(p.id)
        ? t('hide', L) : t('discussion', L)}</button>
      ${this.threads.has(p.id) ? this.renderThread(p) : nothing}
    </li>`;
  }

  /** The reasons delegations gave for their supports and objections (a stance's text; the compilation prints it). */
  private renderReasons(p: Proposal, responses: Proposal[]) {
    const L = this.lang;
    const reasons = responses.filter((r) => (r.kind === 'support' || r.kind === 'object') && r.text);
    if (reasons.length === 0) return nothing;
    return html`<ul class="stance-reasons" aria-label=${`${t('stanceReasons', L)}: ${p.delegation}`}>
      ${reasons.map((r) => html`<li data-id=${r.id}><span class="stance-by">${r.delegation}</span>
        <span class="kind">${kindLabel(r.kind, L)}</span>: <span dir=${textDirection(r.text ?? '')}>${r.text}</span></li>`)}
    </ul>`;
  }

  private renderReasonForm(stance: Proposal) {
    const L = this.lang;
    return html`<form class="stance-reason-form" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const text = String(new FormData(e.target as HTMLFormElement).get('text') ?? '').trim();
      if (text === (stance.text ?? '')) {
        this.reasoning = null;
        return;
      }
      this.dispatchEvent(new EditEvent(stance, { text }, (error) => {
        this.error = error ?? '';
        if (!error) this.reasoning = null;
      }));
    }} @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') this.reasoning = null; }}>
      <label>${t('stanceReasonField', L)} <textarea name="text" rows="2" maxlength="20000" dir="auto"
        .value=${stance.text ?? ''}></textarea></label>
      <span class="actions"><button type="submit">${t('save', L)}</button>
        <button type="button" @click=${() => { this.reasoning = null; }}>${t('cancel', L)}</button></span>
    </form>`;
  }

  private renderEdit(p: Proposal) {
    const L = this.lang;
    return html`<form class="edit" @submit=${(e: SubmitEvent) => this.saveEdit(e, p)}>
      ${p.text !== null
        ? html`<label>${t('text', L)} <textarea name="text" rows="3" maxlength="20000" dir="auto" .value=${p.text}></textarea></label>`
        : nothing}
      <label>${t('rationale', L)} <textarea name="rationale" rows="2" maxlength="5000" dir="auto"
        .value=${p.rationale ?? ''}></textarea></label>
      <span class="actions">
        <button type="submit">${t('save', L)}</button>
        <button class="link" type="button" @click=${() => { this.editing = null; }}>${t('cancel', L)}</button>
      </span>
    </form>`;
  }

  /** What the proposing side may do with its proposal, and what an invited delegation may answer. */
  private renderOwn(p: Proposal) {
    const L = this.lang;
    const mine = this.mine(p);
    const invited = this.delegation !== null
      && (p.invitations ?? []).some((i) => i.delegation === this.delegation && i.state === 'invited');
    return html`
      ${this.canPropose && mine && p.state === 'submitted'
        ? (this.confirming === p.id
          ? html`<span class="confirm">${t('confirmWithdraw', L)}
              <button class="link withdraw-yes" type="button" @click=${() => this.withdraw(p)}>${t('yes', L)}</button>
              <button class="link" type="button" @click=${() => { this.confirming = null; }}>${t('no', L)}</button></span>`
          : html`<button class="link edit" type="button" @click=${() => { this.editing = p.id; }}>${t('edit', L)}</button>
              <button class="link invite" type="button" @click=${() => { this.inviting = p.id; }}>${t('invite', L)}</button>
              <button class="link withdraw" type="button" @click=${() => { this.confirming = p.id; }}>${t('withdraw', L)}</button>`)
        : nothing}
      ${mine && (p.invitations ?? []).length > 0
        ? html`<p class="meta invitations">${t('invitations', L)}: ${(p.invitations ?? []).map((i) => html`<span
            class="invitation-state ${i.state}">${i.delegation} (${t(`${i.state}State` as 'invitedState', L)})</span> `)}</p>`
        : nothing}
      ${this.inviting === p.id
        ? html`<form class="invite-form" @submit=${(e: SubmitEvent) => this.sendInvite(e, p)}>
            <input name="delegations" dir="ltr" autocomplete="off" placeholder="IRQ, SAU">
            <button type="submit">${t('invite', L)}</button>
            <button class="link" type="button" @click=${() => { this.inviting = null; }}>${t('cancel', L)}</button></form>`
        : nothing}
      ${this.canPropose && invited
        ? html`<p class="invitation">${t('invitedToCosponsor', L)}
            <button class="link accept" type="button" @click=${() => this.answer(p, true)}>${t('accept', L)}</button>
            <button class="link decline" type="button" @click=${() => this.answer(p, false)}>${t('decline', L)}</button></p>`
        : nothing}`;
  }

  private renderForm() {
    const L = this.lang;
    return html`<form class="propose" aria-label=${`${t('proposeOn', L)} ${this.label}`} @submit=${this.submit}
      @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') { e.preventDefault(); this.error = ''; this.close(); } }}>
      ${this.anchor ? html`<p class="span">${t('onSpan', L)} <q class="quote" dir="auto">${this.anchor.exact}</q>
        <button class="link whole" type="button" @click=${() => { this.anchor = null; }}>${t('wholeParagraph', L)}</button></p>`
        : nothing}
      <label>${t('kind', L)}
        <select name="kind">${PARAGRAPH_KINDS.map((k) => html`<option value=${k}>${kindLabel(k, L)}</option>`)}</select>
      </label>
      ${this.anchor ? nothing : html`<label>${t('onWords', L)} <input name="words" dir="auto" autocomplete="off"
          .value=${this.words.typed} @input=${(e: Event) => this.typedWords(e)} aria-describedby=${`words-${this.paragraph}`}>
          <span class="hint" id=${`words-${this.paragraph}`} aria-live="polite">${this.words.typed
            ? (this.words.anchor ? t('wordsFound', L) : t('wordsNotFound', L)) : ''}</span></label>`}
      <label>${t('text', L)} <textarea name="text" rows="3" maxlength="20000" dir="auto"></textarea></label>
      <label>${t('rationale', L)} <textarea name="rationale" rows="2" maxlength="5000" dir="auto"></textarea></label>
      ${this.groups.length > 0
        ? html`<label>${t('onBehalfOf', L)} <select name="onBehalfOf">
            <option value=${this.delegation ?? ''}>${this.delegation}</option>
            ${this.groups.map((g) => html`<option value=${g.code}>${g.name} (${g.code})</option>`)}
          </select></label>`
        : nothing}
      <label>${t('cosponsors', L)} <input name="cosponsors" dir="ltr" autocomplete="off"></label>
      <span class="actions">
        <button type="submit" ?disabled=${this.busy}>${t('submit', L)}</button>
        <button class="link" type="button" @click=${() => { this.error = ''; this.close(); }}>${t('cancel', L)}</button>
      </span>
    </form>`;
  }
}

customElements.define('plenary-paragraph-proposals', ParagraphProposals);
