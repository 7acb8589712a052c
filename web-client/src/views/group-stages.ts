import { LitElement, html, nothing } from 'lit';
import { delegationCodes } from '../proposals';
import type { NegotiationDelegation } from '../api';
import { groupApi, type GroupStage } from '../group-api';
import { gcount, groupProblemMessage, tg } from '../group-i18n';
import { localDigits, SEP, type Lang } from '../i18n';
import { ApiError } from '../api';
import { utcFromLocalInput, utcMinute } from '../paragraphs';
import { routeHash } from '../route';

/**
 * On a revision, the group stages the user takes part in (GET …/groups), each a link to its workspace; for a group
 * the user's delegation coordinates and that has no stage yet, the form that opens one (deadline and guests).
 * Shows nothing to anyone else: the list is empty for them.
 */
export class GroupStages extends LitElement {
  static properties = {
    negotiation: { type: Number },
    revision: { type: Number },
    lang: { attribute: false },
    delegation: { attribute: false },
    delegations: { attribute: false },
    heard: { attribute: false },
    stages: { state: true },
    opening: { state: true },
    error: { state: true },
  };

  negotiation = 0;
  revision = 0;
  lang: Lang = 'en';
  /** The user's delegation (null: not a delegate). */
  delegation: string | null = null;
  delegations: NegotiationDelegation[] = [];
  /** Counts the group events heard live; a change reads the list again. */
  heard = 0;
  stages: GroupStage[] | null = null;
  /** The group whose "open the stage" form is open. */
  opening: string | null = null;
  error = '';

  createRenderRoot() {
    return this;
  }

  protected updated(changed: Map<string, unknown>) {
    if (changed.has('negotiation') || changed.has('revision') || (changed.has('heard') && changed.get('heard') !== undefined)) {
      void this.load();
    }
  }

  private async load() {
    if (!this.negotiation || !this.revision) return;
    try {
      this.stages = await groupApi.stages(this.negotiation, this.revision);
    } catch {
      this.stages = [];
    }
  }

  /** Groups this delegation coordinates here that have no stage on this revision yet. */
  private coordinated(): NegotiationDelegation[] {
    const own = this.delegation;
    if (own === null) return [];
    return this.delegations.filter((d) => d.coordinator === own && d.code !== own
      && !(this.stages ?? []).some((s) => s.group === d.code));
  }

  private async open(e: SubmitEvent, group: string) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const deadline = utcFromLocalInput(String(form.get('deadline') ?? ''));
    const guests = delegationCodes(String(form.get('guests') ?? ''));
    if (!deadline) {
      this.error = `${tg('internalDeadline', this.lang)}: ✱`;
      return;
    }
    try {
      await groupApi.openStage(this.negotiation, this.revision, group, deadline, guests);
      this.error = '';
      this.opening = null;
      location.hash = routeHash({ view: 'group', negotiation: this.negotiation, revision: this.revision, group });
    } catch (err) {
      this.error = err instanceof ApiError ? groupProblemMessage(err.problem, this.lang) : String(err);
    }
  }

  render() {
    const L = this.lang;
    const stages = this.stages ?? [];
    const openable = this.coordinated();
    if (stages.length === 0 && openable.length === 0) return nothing;
    const tomorrow = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 11) + '17:00';
    return html`<section class="group-stages" aria-labelledby="group-stages-h">
      <h2 id="group-stages-h">${tg('groupStages', L)}</h2>
      <p class="meta">${tg('groupStagesHint', L)}</p>
      ${stages.length > 0 ? html`<ul class="list">${stages.map((s) => html`<li class="group-stage" data-group=${s.group}>
        <a class="group-open" href=${routeHash({ view: 'group', negotiation: this.negotiation, revision: this.revision, group: s.group })}
          aria-label=${`${tg('openWorkspace', L)} ${s.group}`}>${tg('stageOf', L)} <bdi>${s.group}</bdi></a>
        <span class="meta">${tg(`standing_${s.you.standing}`, L)}${SEP}${gcount(s.counts.notes, 'note', L)}${SEP}${
          gcount(s.counts.items, 'item', L)}${SEP}${s.state === 'submitted' ? tg('submittedAs', L)
          : html`${tg('deadlineLabel', L)} <bdi dir="ltr">${localDigits(utcMinute(s.deadline), L)}</bdi>`}</span></li>`)}</ul>`
        : nothing}
      ${openable.map((d) => this.opening === d.code
        ? html`<form class="group-open-form" aria-label=${`${tg('openStageOf', L)} ${d.code}`}
            @submit=${(e: SubmitEvent) => void this.open(e, d.code)}>
            <label>${tg('internalDeadline', L)} <input type="datetime-local" name="deadline" dir="ltr" required
              .value=${tomorrow}></label>
            <label>${tg('guests', L)} <input name="guests" dir="ltr" autocomplete="off"></label>
            <span class="actions"><button type="submit">${tg('openStage', L)}</button>
              <button class="link" type="button" @click=${() => { this.opening = null; }}>${tg('cancel', L)}</button></span>
          </form>`
        : html`<p><button type="button" class="group-open-stage" data-group=${d.code}
            @click=${() => { this.opening = d.code; this.error = ''; }}>${tg('openStageOf', L)} <bdi>${d.code}</bdi></button></p>`)}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </section>`;
  }
}

customElements.define('plenary-group-stages', GroupStages);
