import { html, nothing } from 'lit';
import type { NegotiationDelegation } from '../api';
import { tr, SEP, type Lang } from '../i18n';
import { RosterView } from './participants-view';

function kindName(kind: string, L: Lang): string {
  return kind === 'group' ? tr('kindGroup', L) : kind === 'observer' ? tr('kindObserver', L)
    : kind === 'organisation' ? tr('kindOrganisation', L) : tr('kindState', L);
}

/**
 * The secretariat's delegations page: the delegations taking part, each group with the delegation it acts through
 * (designated or cleared here, among the group's members that take part), and adding one: a reference delegation
 * by its code, or an organisation or observer that is not in the reference list with its names.
 */
export class DelegationsView extends RosterView {
  protected async loadAll(): Promise<void> {
    await super.loadAll();
    await this.act(() => this.roster!.loadReference());
  }

  private name(d: { nameEn: string; nameAr: string | null }): string {
    return this.lang === 'ar' && d.nameAr ? d.nameAr : d.nameEn;
  }

  private async add(e: SubmitEvent) {
    e.preventDefault();
    const formEl = e.target as HTMLFormElement;
    const form = new FormData(formEl);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const code = text('code').toUpperCase();
    const reference = this.roster!.reference.some((r) => r.code === code);
    const ok = await this.act(() => this.roster!.addDelegation(reference ? { code } : {
      code, kind: text('kind') === 'observer' ? 'observer' : 'organisation',
      ...(text('nameEn') ? { nameEn: text('nameEn') } : {}),
      ...(text('nameAr') ? { nameAr: text('nameAr') } : {}),
    }));
    if (ok) formEl.reset();
  }

  private async designate(e: SubmitEvent, group: string) {
    e.preventDefault();
    const value = String(new FormData(e.target as HTMLFormElement).get('coordinator') ?? '');
    await this.act(() => this.roster!.setCoordinator(group, value || null));
  }

  render() {
    const L = this.lang;
    const roster = this.roster;
    const manages = this.manages;
    return html`${this.header(tr('delegationsTitle', L))}
      ${roster?.loaded ? html`<ul class="list roster">
        ${roster.delegations.map((d) => this.renderDelegation(d, manages))}
      </ul>` : nothing}
      ${manages ? html`<form class="card add-delegation" @submit=${(e: SubmitEvent) => void this.add(e)}>
          <h2>${tr('addDelegation', L)}</h2>
          <label>${tr('referenceCode', L)} <input name="code" required maxlength="32" dir="ltr" list="reference-delegations"
            autocomplete="off" /></label>
          <datalist id="reference-delegations">${(roster?.addable() ?? []).map((r) =>
            html`<option value=${r.code}>${this.name(r)}</option>`)}</datalist>
          <fieldset class="custom">
            <legend>${tr('customDelegation', L)}</legend>
            <label>${tr('delegationKind', L)} <select name="kind">
              <option value="organisation">${tr('kindOrganisation', L)}</option>
              <option value="observer">${tr('kindObserver', L)}</option></select></label>
            <label>${tr('nameEn', L)} <input name="nameEn" maxlength="200" dir="ltr" lang="en" autocomplete="off" /></label>
            <label>${tr('nameAr', L)} <input name="nameAr" maxlength="200" dir="rtl" lang="ar" autocomplete="off" /></label>
          </fieldset>
          <button type="submit" ?disabled=${this.busy}>${tr('add', L)}</button>
        </form>` : nothing}`;
  }

  private renderDelegation(d: NegotiationDelegation, manages: boolean) {
    const L = this.lang;
    const id = `coordinator-${d.code}`;
    return html`<li class="delegation-item kind-${d.kind}" data-code=${d.code}>
      <bdi class="code">${d.code}</bdi> <span dir="auto">${this.name(d)}</span>
      <span class="meta">${kindName(d.kind, L)}${d.kind === 'group' ? html`${SEP}${tr('coordinator', L)}: <bdi
        class="coordinator">${d.coordinator ?? tr('none', L)}</bdi>` : nothing}</span>
      ${d.kind === 'group' && manages ? html`<form class="coordinator-form" @submit=${(e: SubmitEvent) => void this.designate(e, d.code)}>
          <label for=${id}>${tr('coordinatorOf', L)} <bdi>${d.code}</bdi></label>
          <select id=${id} name="coordinator">
            <option value="" ?selected=${d.coordinator === null}>${tr('noCoordinator', L)}</option>
            ${this.roster!.coordinatorsFor(d.code).map((c) => html`<option value=${c.code} ?selected=${c.code === d.coordinator}
              >${c.code} – ${this.name(c)}</option>`)}
          </select>
          <button type="submit" ?disabled=${this.busy} aria-label=${`${tr('setCoordinator', L)}: ${tr('coordinatorOf', L)} ${d.code}`}
            >${tr('setCoordinator', L)}</button>
        </form>` : nothing}
    </li>`;
  }
}

customElements.define('plenary-delegations-view', DelegationsView);
