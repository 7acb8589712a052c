import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, type NegotiationDelegation, type Participant } from './api';
import { NegotiationModel, Session } from './model';
import { invitationLink, RosterModel } from './roster';
import './views/participants-view';
import './views/delegations-view';
import './views/invitation-view';
import type { ParticipantsView } from './views/participants-view';
import type { DelegationsView } from './views/delegations-view';
import type { InvitationView } from './views/invitation-view';

const participants: Participant[] = [
  { accountId: 1, email: 'admin@plenary.test', displayName: 'Admin', role: 'secretariat', delegation: null },
  { accountId: 7, email: 'egy@delegation.test', displayName: 'أمل', role: 'delegate', delegation: 'EGY' },
  { accountId: 9, email: 'shared@delegation.test', displayName: 'Shared', role: 'delegate', delegation: 'SAU' },
];
const delegations: NegotiationDelegation[] = [
  { code: 'EGY', kind: 'state', nameEn: 'Egypt', nameAr: 'مصر', coordinator: null, custom: false },
  { code: 'SAU', kind: 'state', nameEn: 'Saudi Arabia', nameAr: 'المملكة العربية السعودية', coordinator: null, custom: false },
  { code: 'DEU', kind: 'state', nameEn: 'Germany', nameAr: 'ألمانيا', coordinator: null, custom: false },
  { code: 'ARAB', kind: 'group', nameEn: 'Arab Group', nameAr: 'المجموعة العربية', coordinator: null, custom: false },
];
const reference = [
  { code: 'EGY', kind: 'state' as const, nameEn: 'Egypt', nameAr: 'مصر', groups: ['ARAB'], members: [] },
  { code: 'KWT', kind: 'state' as const, nameEn: 'Kuwait', nameAr: 'الكويت', groups: ['ARAB'], members: [] },
  { code: 'ARAB', kind: 'group' as const, nameEn: 'Arab Group', nameAr: 'المجموعة العربية', groups: [], members: ['EGY', 'SAU', 'KWT'] },
];
const invitation = { token: 'tok-123', expiresAt: '2026-12-14T08:00:00Z', accept: 'POST /api/v1/invitations/accept' };

function setup(lang: 'en' | 'ar', role: 'secretariat' | 'facilitator' = 'secretariat') {
  const store = new Map<string, string>([['plenary.lang', lang]]);
  const session = new Session({ getItem: (k) => store.get(k) ?? null, setItem: (k, v) => { store.set(k, v); } });
  session.lang = lang;
  session.account = { id: 1, email: 'admin@plenary.test', displayName: 'Admin', admin: true };
  const model = new NegotiationModel(() => session.lang);
  vi.spyOn(api, 'negotiation').mockResolvedValue({ id: 3, title: 'القرار 88', languages: ['ar'], state: 'open', role,
    delegation: null, createdAt: '2026-12-01T08:00:00Z' });
  vi.spyOn(api, 'revisions').mockResolvedValue([]);
  vi.spyOn(api, 'participants').mockResolvedValue(participants);
  vi.spyOn(api, 'delegations').mockResolvedValue(delegations);
  vi.spyOn(api, 'referenceDelegations').mockResolvedValue(reference);
  return { session, model };
}

const settle = async (el: { updateComplete: Promise<boolean> }) => {
  for (let i = 0; i < 8; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
};

const forbidden = new ApiError({ type: 'urn:plenary:problem:forbidden', title: 'Forbidden', status: 403,
  detail: 'this account also takes part in another negotiation: only an administrator may reset the password of it' });

describe('the roster model', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps the invitation of someone added without a password, as a link into the web client', async () => {
    setup('en');
    vi.spyOn(api, 'addParticipant').mockResolvedValue({ accountId: 11, email: 'new@delegation.test', displayName: 'New',
      role: 'delegate', delegation: 'EGY', invitation });
    const roster = new RosterModel(3);
    await roster.addParticipant({ email: 'new@delegation.test', role: 'delegate', delegation: 'EGY' });
    expect(roster.outcome).toEqual({ kind: 'invited', email: 'new@delegation.test', invitation });
    expect(invitationLink(invitation, 'https://plenary.example')).toBe('https://plenary.example/#/invitation/tok-123');
    expect(roster.participants).toHaveLength(3);
  });

  it('says why an invitation was withheld, and remembers the accounts it disabled', async () => {
    setup('en');
    vi.spyOn(api, 'addParticipant').mockResolvedValue({ accountId: 9, email: 'shared@delegation.test', displayName: 'Shared',
      role: 'delegate', delegation: 'SAU', invitationWithheld: 'the account takes part in another negotiation' });
    vi.spyOn(api, 'setDisabled').mockResolvedValue({ accountId: 7, email: 'egy@delegation.test', disabled: true });
    const roster = new RosterModel(3);
    await roster.addParticipant({ email: 'shared@delegation.test', role: 'delegate', delegation: 'SAU' });
    expect(roster.outcome?.kind).toBe('withheld');
    await roster.setDisabled(participants[1], true);
    expect(api.setDisabled).toHaveBeenCalledWith(3, 7, true);
    expect(roster.disabled.get(7)).toBe(true);
    expect(roster.outcome).toEqual({ kind: 'disabled', email: 'egy@delegation.test' });
  });

  it('offers a group\'s members that take part as its coordinator, and the reference delegations not yet added', async () => {
    setup('en');
    const roster = new RosterModel(3);
    await roster.load();
    await roster.loadReference();
    expect(roster.coordinatorsFor('ARAB').map((d) => d.code)).toEqual(['EGY', 'SAU']);
    expect(roster.addable().map((d) => d.code)).toEqual(['KWT']);
  });
});

describe('the participants page', () => {
  beforeEach(() => { document.body.innerHTML = ''; });
  afterEach(() => vi.restoreAllMocks());

  async function page(lang: 'en' | 'ar', role: 'secretariat' | 'facilitator' = 'secretariat') {
    const { session, model } = setup(lang, role);
    const el = document.createElement('plenary-participants-view') as ParticipantsView;
    Object.assign(el, { session, model, negotiationId: 3 });
    document.body.append(el);
    await settle(el);
    return el;
  }

  it('lists who takes part with their role and delegation, and names each action after the account (Arabic)', async () => {
    const el = await page('ar');
    expect(el.querySelector('h1')?.textContent).toBe('المشاركون');
    const egy = el.querySelector('li.participant[data-account="7"]')!;
    expect(egy.textContent).toContain('مندوب');
    expect(egy.querySelector('.delegation')?.textContent).toBe('EGY');
    expect(egy.querySelector('button.reset')?.getAttribute('aria-label')).toBe('إعادة تعيين كلمة المرور: حساب أمل');
    expect(egy.querySelector('button.disable')?.getAttribute('aria-label')).toBe('تعطيل: حساب أمل');
    // no action on one's own account
    expect(el.querySelector('li.participant[data-account="1"] .roster-actions')).toBeNull();
  });

  it('resets a password on a second click and shows the link to hand over', async () => {
    const el = await page('en');
    vi.spyOn(api, 'resetPassword').mockResolvedValue({ accountId: 7, invitation });
    const reset = () => el.querySelector<HTMLButtonElement>('li[data-account="7"] button.reset')!;
    reset().click();
    await settle(el);
    expect(api.resetPassword).not.toHaveBeenCalled();
    expect(reset().textContent).toContain('Confirm reset');
    reset().click();
    await settle(el);
    expect(api.resetPassword).toHaveBeenCalledWith(3, 7);
    const link = el.querySelector<HTMLInputElement>('.outcome input.invitation-link')!;
    expect(link.value).toBe(`${location.origin}/#/invitation/tok-123`);
    expect(el.querySelector('.outcome')?.textContent).toContain('2026-12-14 08:00 UTC');
  });

  it('shows the server\'s refusal of a cross-negotiation account in the interface language', async () => {
    const el = await page('ar');
    vi.spyOn(api, 'setDisabled').mockRejectedValue(forbidden);
    el.querySelector<HTMLButtonElement>('li[data-account="9"] button.disable')!.click();
    await settle(el);
    expect(el.querySelector('.error')?.textContent).toBe('يشارك هذا الحساب في مفاوضة أخرى أيضاً: لا يملك ذلك إلا المدير.');
  });

  it('adds a participant without a password (an invitation), sending only what was filled in', async () => {
    const el = await page('en');
    const add = vi.spyOn(api, 'addParticipant').mockResolvedValue({ accountId: 12, email: 'kwt@delegation.test',
      displayName: 'kwt@delegation.test', role: 'delegate', delegation: 'KWT', invitation });
    const form = el.querySelector<HTMLFormElement>('form.add-participant')!;
    form.querySelector<HTMLInputElement>('input[name=email]')!.value = 'kwt@delegation.test';
    form.querySelector<HTMLInputElement>('input[name=delegation]')!.value = 'kwt';
    form.requestSubmit();
    await settle(el);
    expect(add).toHaveBeenCalledWith(3, { email: 'kwt@delegation.test', role: 'delegate', delegation: 'KWT' });
    expect(el.querySelector('.outcome')?.textContent).toContain('One-time invitation for');
  });

  it('is read-only for a facilitator', async () => {
    const el = await page('en', 'facilitator');
    expect(el.querySelector('form.add-participant')).toBeNull();
    expect(el.querySelector('.roster-actions')).toBeNull();
    expect(el.textContent).toContain('Only the secretariat changes this list.');
  });
});

describe('the delegations page', () => {
  beforeEach(() => { document.body.innerHTML = ''; });
  afterEach(() => vi.restoreAllMocks());

  async function page(lang: 'en' | 'ar') {
    const { session, model } = setup(lang);
    const el = document.createElement('plenary-delegations-view') as DelegationsView;
    Object.assign(el, { session, model, negotiationId: 3 });
    document.body.append(el);
    await settle(el);
    return el;
  }

  it('designates a group\'s coordinator among its members (Arabic)', async () => {
    const el = await page('ar');
    const set = vi.spyOn(api, 'setCoordinator').mockResolvedValue({ ...delegations[3], coordinator: 'EGY' });
    const form = el.querySelector<HTMLFormElement>('li[data-code="ARAB"] form.coordinator-form')!;
    const options = [...form.querySelectorAll('option')].map((o) => o.value);
    expect(options).toEqual(['', 'EGY', 'SAU']);
    expect(form.querySelector('button')?.getAttribute('aria-label')).toBe('تعيين: منسق ARAB');
    form.querySelector('select')!.value = 'EGY';
    form.requestSubmit();
    await settle(el);
    expect(set).toHaveBeenCalledWith(3, 'ARAB', 'EGY');
    expect(el.querySelector('li[data-code="ARAB"] .coordinator')?.textContent).toBe('EGY');
    expect(el.querySelector('.outcome')?.textContent).toContain('حُفظ المنسق');
  });

  it('adds a reference delegation by its code alone, and a custom one with its kind and names', async () => {
    const el = await page('en');
    const add = vi.spyOn(api, 'addDelegation').mockImplementation(async (_n, d) => ({ code: d.code, kind: 'organisation',
      nameEn: d.nameEn ?? '', nameAr: null, coordinator: null, custom: true }));
    const form = el.querySelector<HTMLFormElement>('form.add-delegation')!;
    expect([...el.querySelectorAll('#reference-delegations option')].map((o) => (o as HTMLOptionElement).value)).toEqual(['KWT']);
    form.querySelector<HTMLInputElement>('input[name=code]')!.value = 'kwt';
    form.requestSubmit();
    await settle(el);
    expect(add).toHaveBeenLastCalledWith(3, { code: 'KWT' });
    form.querySelector<HTMLInputElement>('input[name=code]')!.value = 'ITU-BDT';
    form.querySelector<HTMLInputElement>('input[name=nameEn]')!.value = 'ITU Telecommunication Development Bureau';
    form.querySelector<HTMLInputElement>('input[name=nameAr]')!.value = 'مكتب تنمية الاتصالات';
    form.requestSubmit();
    await settle(el);
    expect(add).toHaveBeenLastCalledWith(3, { code: 'ITU-BDT', kind: 'organisation',
      nameEn: 'ITU Telecommunication Development Bureau', nameAr: 'مكتب تنمية الاتصالات' });
  });
});

describe('the invitation page', () => {
  beforeEach(() => { document.body.innerHTML = ''; });
  afterEach(() => vi.restoreAllMocks());

  it('sets the password with the token, after checking both fields agree; the server\'s refusal is localized', async () => {
    const { session, model } = setup('ar');
    session.account = null;
    const el = document.createElement('plenary-invitation-view') as InvitationView;
    Object.assign(el, { session, model, token: 'tok-123' });
    document.body.append(el);
    await settle(el);
    const accept = vi.spyOn(api, 'acceptInvitation').mockRejectedValueOnce(new ApiError({ type: 'urn:plenary:problem:validation',
      title: 'Bad Request', status: 400, errors: [{ field: 'token', message: 'unknown, expired or already used: ask the secretariat for a new invitation' }] }))
      .mockResolvedValueOnce({ id: 7, email: 'egy@delegation.test', displayName: 'أمل' });
    const form = el.querySelector<HTMLFormElement>('form.invitation')!;
    const fill = (a: string, b: string) => {
      form.querySelector<HTMLInputElement>('input[name=password]')!.value = a;
      form.querySelector<HTMLInputElement>('input[name=repeat]')!.value = b;
    };
    fill('a-long-password', 'another-password');
    form.requestSubmit();
    await settle(el);
    expect(el.querySelector('.error')?.textContent).toBe('كلمتا المرور مختلفتان.');
    expect(accept).not.toHaveBeenCalled();
    fill('a-long-password', 'a-long-password');
    form.requestSubmit();
    await settle(el);
    expect(el.querySelector('.error')?.textContent).toContain('الدعوة: غير معروفة');
    el.querySelector<HTMLFormElement>('form.invitation')!.requestSubmit();
    await settle(el);
    expect(accept).toHaveBeenLastCalledWith('tok-123', 'a-long-password');
    expect(el.querySelector('.invitation-done')?.textContent).toContain('عُيّنت كلمة المرور');
  });
});
