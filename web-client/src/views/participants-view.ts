import { html, nothing } from 'lit';
import type { Participant } from '../api';
import { backArrow, localDigits, roleLabel, SEP, t, tr, type Lang } from '../i18n';
import { errorMessage, ModelChangeEvent } from '../model';
import { invitationLink, RosterModel, type RosterOutcome } from '../roster';
import { routeHash } from '../route';
import { ModelView } from './base';

/** An expiry time as the interface shows times: UTC, digits localised. */
function utc(iso: string, lang: Lang): string {
  return localDigits(`${iso.slice(0, 16).replace('T', ' ')} UTC`, lang);
}

/**
 * The outcome of the secretariat's last action: the one-time link to hand over (an invitation or a reset), why no
 * invitation was issued, or an account's new state. A status region, so screen readers hear it.
 */
export function outcomeBox(o: RosterOutcome | null, lang: Lang, dismiss: () => void) {
  if (!o) return nothing;
  const L = lang;
  let body;
  switch (o.kind) {
    case 'invited':
    case 'reset': {
      const link = invitationLink(o.invitation, location.origin);
      body = html`<p>${o.kind === 'invited' ? tr('invitationFor', L) : tr('resetFor', L)} <bdi dir="ltr">${o.email}</bdi>.
          ${tr('invitationHint', L)} ${utc(o.invitation.expiresAt, L)}.</p>
        <label>${tr('invitationLink', L)} <input class="invitation-link" readonly dir="ltr" .value=${link}
          @focus=${(e: Event) => (e.target as HTMLInputElement).select()} /></label>`;
      break;
    }
    case 'withheld':
      body = html`<p>${tr('withheld', L)} (<bdi dir="ltr">${o.email}</bdi>): ${tr('withheldReason', L)}</p>`;
      break;
    case 'disabled':
    case 'enabled':
      body = html`<p><bdi dir="ltr">${o.email}</bdi> ${o.kind === 'disabled' ? tr('accountDisabled', L) : tr('accountEnabled', L)}</p>`;
      break;
    case 'added-delegation':
      body = html`<p><bdi>${o.code}</bdi> ${tr('delegationAdded', L)}</p>`;
      break;
    case 'coordinator':
      body = html`<p>${tr('coordinatorSet', L)} <bdi>${o.code}</bdi>.</p>`;
      break;
  }
  return html`<div class="card outcome" role="status">${body}
    <button type="button" class="link" @click=${dismiss}>${t('hide', L)}</button></div>`;
}

/** Pages over a negotiation's roster (participants, delegations): the roster model, loaded per negotiation. */
export class RosterView extends ModelView {
  static properties = { ...ModelView.properties, negotiationId: { type: Number }, error: { state: true }, busy: { state: true } };
  negotiationId = 0;
  error = '';
  busy = false;
  roster: RosterModel | null = null;
  private readonly rosterChanged = () => this.requestUpdate();

  protected willUpdate(changed: Map<string, unknown>) {
    super.willUpdate(changed);
    if (changed.has('negotiationId')) {
      this.model.leaveRevision();
      this.roster?.removeEventListener(ModelChangeEvent.type, this.rosterChanged);
      this.roster = new RosterModel(this.negotiationId);
      this.roster.addEventListener(ModelChangeEvent.type, this.rosterChanged);
      this.error = '';
      void this.loadAll();
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.roster?.removeEventListener(ModelChangeEvent.type, this.rosterChanged);
  }

  protected async loadAll(): Promise<void> {
    await this.act(async () => {
      await this.model.open(this.negotiationId);
      await this.roster!.load();
    });
  }

  /** Runs a change, showing the server's refusal (its problem, in the interface language) instead of throwing. */
  protected async act(change: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = '';
    try {
      await change();
      return true;
    } catch (err) {
      this.error = errorMessage(err, this.lang);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Whether the viewer manages the roster (the secretariat; administrators act as secretariat everywhere). */
  protected get manages(): boolean {
    return this.model.negotiation?.role === 'secretariat';
  }

  protected header(title: string) {
    const L = this.lang;
    const n = this.model.negotiation;
    return html`${n && n.id === this.negotiationId ? html`<p><a href=${routeHash({ view: 'negotiation', negotiation: n.id })}
        ><span aria-hidden="true">${backArrow(L)}</span> <span dir="auto">${n.title}</span></a></p>` : nothing}
      <h1>${title}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${outcomeBox(this.roster?.outcome ?? null, L, () => this.roster?.clearOutcome())}
      ${n && !this.manages ? html`<p class="hint">${tr('readOnlyRoster', L)}</p>` : nothing}`;
  }
}

/**
 * The secretariat's participants page: who takes part (name, e-mail, role, delegation), adding someone (with a
 * password, or a one-time invitation link to hand over), and per account a password reset (a new link; every
 * session ends), disabling and enabling. What the server refuses (an account that also takes part elsewhere is
 * the administrators') is said in the interface language.
 */
export class ParticipantsView extends RosterView {
  static properties = { ...RosterView.properties, confirming: { state: true } };
  /** The account whose reset waits for a second click. */
  confirming: number | null = null;

  private async add(e: SubmitEvent) {
    e.preventDefault();
    const formEl = e.target as HTMLFormElement;
    const form = new FormData(formEl);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const role = text('role') as Participant['role'];
    const ok = await this.act(() => this.roster!.addParticipant({
      email: text('email'), role,
      ...(text('displayName') ? { displayName: text('displayName') } : {}),
      ...(text('delegation') ? { delegation: text('delegation').toUpperCase() } : {}),
      ...(String(form.get('password') ?? '') ? { password: String(form.get('password')) } : {}),
    }));
    if (ok) formEl.reset();
  }

  private async reset(p: Participant) {
    if (this.confirming !== p.accountId) {
      this.confirming = p.accountId;
      return;
    }
    this.confirming = null;
    await this.act(() => this.roster!.resetPassword(p));
  }

  render() {
    const L = this.lang;
    const roster = this.roster;
    const manages = this.manages;
    const delegations = (roster?.delegations ?? []).filter((d) => d.kind !== 'group');
    return html`${this.header(tr('participantsTitle', L))}
      ${manages ? html`<p class="hint">${tr('stateUnknownHint', L)}</p>` : nothing}
      ${roster?.loaded ? html`<ul class="list roster">
        ${roster.participants.map((p) => this.renderParticipant(p, manages))}
      </ul>` : nothing}
      ${manages ? html`<form class="card add-participant" @submit=${(e: SubmitEvent) => void this.add(e)}>
          <h2>${tr('addParticipant', L)}</h2>
          <label>${tr('email', L)} <input name="email" type="email" required maxlength="320" dir="ltr" autocomplete="off" /></label>
          <label>${tr('name', L)} <input name="displayName" maxlength="200" dir="auto" autocomplete="off" /></label>
          <label>${tr('role', L)} <select name="role">
            ${(['delegate', 'observer', 'facilitator', 'secretariat'] as const).map((r) =>
              html`<option value=${r}>${roleLabel(r, L)}</option>`)}</select></label>
          <label>${tr('delegation', L)} <span class="hint">${tr('delegationHint', L)}</span>
            <input name="delegation" list="roster-delegations" maxlength="32" dir="ltr" autocomplete="off" /></label>
          <datalist id="roster-delegations">${delegations.map((d) =>
            html`<option value=${d.code}>${L === 'ar' && d.nameAr ? d.nameAr : d.nameEn}</option>`)}</datalist>
          <label>${tr('passwordOptional', L)} <input name="password" type="password" minlength="10" maxlength="1024"
            autocomplete="new-password" /></label>
          <button type="submit" ?disabled=${this.busy}>${tr('invite', L)}</button>
        </form>` : nothing}`;
  }

  private renderParticipant(p: Participant, manages: boolean) {
    const L = this.lang;
    const who = `${tr('accountOf', L)} ${p.displayName}`;
    const state = this.roster?.disabled.get(p.accountId);
    const own = this.session.account?.id === p.accountId;
    return html`<li class="participant" data-account=${p.accountId}>
      <span class="name" dir="auto">${p.displayName}</span>
      ${p.email ? html`<bdi class="email" dir="ltr">${p.email}</bdi>` : nothing}
      <span class="meta">${roleLabel(p.role, L)}${p.delegation ? html`${SEP}<bdi class="delegation">${p.delegation}</bdi>` : nothing}${state === undefined
        ? nothing : html`${SEP}<span class="account-state ${state ? 'disabled' : 'enabled'}">${state ? tr('isDisabled', L) : tr('isEnabled', L)}</span>`}</span>
      ${manages && !own ? html`<span class="roster-actions">
        <button type="button" class="reset ${this.confirming === p.accountId ? 'confirm' : ''}" ?disabled=${this.busy}
          aria-label=${`${this.confirming === p.accountId ? tr('confirmReset', L) : tr('resetPassword', L)}: ${who}`}
          @click=${() => void this.reset(p)}>${this.confirming === p.accountId ? tr('confirmReset', L) : tr('resetPassword', L)}</button>
        <button type="button" class="disable" ?disabled=${this.busy || state === true} aria-label=${`${tr('disable', L)}: ${who}`}
          @click=${() => void this.act(() => this.roster!.setDisabled(p, true))}>${tr('disable', L)}</button>
        <button type="button" class="enable" ?disabled=${this.busy || state === false} aria-label=${`${tr('enable', L)}: ${who}`}
          @click=${() => void this.act(() => this.roster!.setDisabled(p, false))}>${tr('enable', L)}</button>
      </span>` : nothing}
    </li>`;
  }
}

customElements.define('plenary-participants-view', ParticipantsView);
