// The secretariat's side of a negotiation: who takes part (participants, their accounts) and which delegations,
// with the coordinator each group acts through. A plain EventTarget like the other models; the views render it.
import { api, type Invitation, type NegotiationDelegation, type NewDelegation, type NewParticipant, type Participant,
  type ReferenceDelegation } from './api';
import { ModelChangeEvent } from './model';

/** A one-time link handed to someone: it opens the web client's page that sets the account's password. */
export function invitationLink(invitation: Invitation, origin: string): string {
  return `${origin}/#/invitation/${encodeURIComponent(invitation.token)}`;
}

/** What the secretariat did last, shown until the next action: the invitation to hand over, or the new state. */
export type RosterOutcome =
  | { kind: 'invited'; email: string; invitation: Invitation }
  | { kind: 'withheld'; email: string; reason: string }
  | { kind: 'reset'; email: string; invitation: Invitation }
  | { kind: 'disabled' | 'enabled'; email: string }
  | { kind: 'added-delegation' | 'coordinator'; code: string };

/**
 * The participants and delegations of one negotiation as the secretariat manages them. The server decides who
 * may do what (a secretariat manages the participation; an account that takes part elsewhere, or an
 * administrator's, only administrators manage): a refusal is thrown as the server's problem, for the view to say.
 */
export class RosterModel extends EventTarget {
  participants: Participant[] = [];
  delegations: NegotiationDelegation[] = [];
  /** The reference list (for adding a delegation by code, and a group's members). */
  reference: ReferenceDelegation[] = [];
  /** Whether each account is disabled, by account id: from the list (the secretariat sees it), then from this page's changes. */
  readonly disabled = new Map<number, boolean>();
  outcome: RosterOutcome | null = null;
  loaded = false;

  constructor(readonly negotiation: number) {
    super();
  }

  async load(): Promise<void> {
    const [participants, delegations] = await Promise.all([api.participants(this.negotiation),
      api.delegations(this.negotiation)]);
    this.participants = participants;
    for (const p of participants) {
      if (p.disabled !== undefined) this.disabled.set(p.accountId, p.disabled);
    }
    this.delegations = delegations;
    this.loaded = true;
    this.changed();
  }

  /** The reference list, read once (the delegations page needs it; the participants page does not). */
  async loadReference(): Promise<void> {
    if (this.reference.length > 0) return;
    this.reference = await api.referenceDelegations();
    this.changed();
  }

  /** Adds someone; without a password the server issues a one-time invitation (or says why it withholds it). */
  async addParticipant(p: NewParticipant): Promise<void> {
    const added = await api.addParticipant(this.negotiation, p);
    this.outcome = added.invitation ? { kind: 'invited', email: added.email, invitation: added.invitation }
      : added.invitationWithheld ? { kind: 'withheld', email: added.email, reason: added.invitationWithheld } : null;
    await this.load();
  }

  async resetPassword(p: Participant): Promise<void> {
    const reset = await api.resetPassword(this.negotiation, p.accountId);
    this.outcome = { kind: 'reset', email: p.email ?? p.displayName, invitation: reset.invitation };
    this.changed();
  }

  async setDisabled(p: Participant, disabled: boolean): Promise<void> {
    const state = await api.setDisabled(this.negotiation, p.accountId, disabled);
    this.disabled.set(state.accountId, state.disabled);
    this.outcome = { kind: state.disabled ? 'disabled' : 'enabled', email: state.email };
    this.changed();
  }

  async addDelegation(d: NewDelegation): Promise<void> {
    const added = await api.addDelegation(this.negotiation, d);
    this.outcome = { kind: 'added-delegation', code: added.code };
    await this.load();
  }

  async setCoordinator(group: string, coordinator: string | null): Promise<void> {
    const g = await api.setCoordinator(this.negotiation, group, coordinator);
    this.delegations = this.delegations.map((d) => (d.code === g.code ? g : d));
    this.outcome = { kind: 'coordinator', code: g.code };
    this.changed();
  }

  /**
   * The delegations that may coordinate {@code group}: those taking part that are not groups and, when the
   * reference list names the group's members, its members.
   */
  coordinatorsFor(group: string): NegotiationDelegation[] {
    const members = this.reference.find((r) => r.code === group)?.members ?? [];
    return this.delegations.filter((d) => d.kind !== 'group' && (members.length === 0 || members.includes(d.code)));
  }

  /** Reference delegations not yet taking part, to offer when adding one. */
  addable(): ReferenceDelegation[] {
    const taken = new Set(this.delegations.map((d) => d.code));
    return this.reference.filter((r) => !taken.has(r.code));
  }

  clearOutcome(): void {
    this.outcome = null;
    this.changed();
  }

  private changed() {
    this.dispatchEvent(new ModelChangeEvent());
  }
}
