import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from './api';
import { groupApi } from './group-api';
import { item, note, PARA, REVISION, stage } from './group-fixtures';
import { NegotiationModel, Session } from './model';
import './views/group-view';
import type { GroupView } from './views/group-view';

function setup(lang: 'en' | 'ar', standing: 'coordinator' | 'member' | 'guest', delegation: string) {
  const store = new Map<string, string>([['plenary.lang', lang]]);
  const session = new Session({ getItem: (k) => store.get(k) ?? null, setItem: (k, v) => { store.set(k, v); } });
  session.lang = lang;
  const model = new NegotiationModel(() => session.lang);
  vi.spyOn(api, 'negotiation').mockResolvedValue({ id: 1, title: 'القرار 88', languages: ['ar'], state: 'open',
    createdAt: '2026-11-20T09:00:00Z', role: 'delegate', delegation });
  vi.spyOn(api, 'revisions').mockResolvedValue([]);
  vi.spyOn(api, 'revision').mockResolvedValue(REVISION);
  vi.spyOn(api, 'follow').mockReturnValue(() => undefined);
  vi.spyOn(groupApi, 'stage').mockResolvedValue(stage({ you: { delegation, standing } }));
  vi.spyOn(groupApi, 'notes').mockResolvedValue([
    note(1, { supports: ['JOR'] }),
    note(2, { delegation: 'IRQ', text: '2,8 مليار', proposedParagraph: PARA.replace('2,9', '2,8') }),
    note(3, { kind: 'comment', delegation: 'ESCWA', text: 'سؤال الإسكوا', anchor: null, proposedParagraph: undefined }),
    note(4, { kind: 'support', target: 1, delegation: 'JOR' }),
  ]);
  vi.spyOn(groupApi, 'position').mockResolvedValue({ group: 'ARAB', state: 'open', submittedBy: null,
    items: [item(7, { notes: [9], supports: ['IRQ'], optedOut: ['QAT'], cosponsors: ['SAU', 'IRQ'] })] });
  return { session, model };
}

const settle = async (el: { updateComplete: Promise<boolean> }) => {
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
};

async function mount(lang: 'en' | 'ar', standing: 'coordinator' | 'member' | 'guest' = 'coordinator', delegation = 'EGY') {
  const ctx = setup(lang, standing, delegation);
  const el = document.createElement('plenary-group-view') as GroupView;
  Object.assign(el, { session: ctx.session, model: ctx.model, negotiationId: 1, revisionId: 1, group: 'ARAB' });
  document.body.append(el);
  await settle(el);
  return { el, ...ctx };
}

describe('the group stage view', () => {
  beforeEach(() => { document.body.innerHTML = ''; });
  afterEach(() => vi.restoreAllMocks());

  it('says the stage is private to the group, and shows each note with its author, redline, supporters and decision', async () => {
    const { el } = await mount('en');
    expect(el.querySelector('.gs-banner.private')!.textContent).toContain('Private to');
    expect(el.querySelector('.gs-banner.private')!.textContent).toContain('ARAB');
    const n1 = el.querySelector('.gs-note[data-id="1"]')!;
    expect(n1.querySelector('.delegation')!.textContent).toBe('SAU');
    expect(n1.querySelector('.redline ins')!.textContent).toBe('2,6');
    expect(n1.querySelector('.supporters')!.textContent).toContain('JOR');
    expect(n1.querySelector('.gs-decision')!.textContent).toBe('Undecided');
    // a stance is shown on its note, not as a note of its own
    expect(el.querySelector('.gs-note[data-id="4"]')).toBeNull();
    expect(n1.querySelector('button.gs-adopt')!.getAttribute('aria-label')).toBe('Adopt: the note of SAU on PP9');
    expect(n1.querySelector('input.gs-select')!.getAttribute('aria-label')).toBe('Select to combine: the note of SAU on PP9');
    // a comment is not combined
    expect(el.querySelector('.gs-note[data-id="3"] input.gs-select')).toBeNull();
    expect(el.querySelector('a.gs-doc')!.getAttribute('href')).toContain('format=docx&lang=ar');
  });

  it('opens "adopt with changes" prefilled with the whole paragraph as the note has it, and sends it', async () => {
    const { el } = await mount('en');
    const decide = vi.spyOn(groupApi, 'decide').mockResolvedValue({ group: 'ARAB', state: 'open', submittedBy: null, items: [] });
    el.querySelector<HTMLButtonElement>('.gs-note[data-id="1"] button.gs-adopt-modified')!.click();
    await settle(el);
    const area = el.querySelector<HTMLTextAreaElement>('.gs-modify textarea')!;
    expect(area.value).toBe(PARA.replace('2,9', '2,6'));
    area.value = PARA.replace('2,9', '2,65');
    el.querySelector<HTMLFormElement>('form.gs-modify')!.requestSubmit();
    await settle(el);
    expect(decide).toHaveBeenCalledWith(1, 1, 'ARAB', 1, 'adopt-modified', PARA.replace('2,9', '2,65'));
  });

  it('combines selected amendments; a merge conflict is said in Arabic, the words marked, and the coordinator types the text', async () => {
    const { el } = await mount('ar');
    for (const id of [1, 2]) {
      const box = el.querySelector<HTMLInputElement>(`.gs-note[data-id="${id}"] input.gs-select`)!;
      box.checked = true;
      box.dispatchEvent(new Event('change'));
    }
    await settle(el);
    const combine = vi.spyOn(groupApi, 'combine').mockRejectedValueOnce(new ApiError({
      type: 'urn:plenary:problem:merge-conflict', title: 'Conflict', status: 409, detail: 'note 2 …',
      ours: [{ start: 0, end: 1, removed: '2,9 ', inserted: '2,6 ' }], theirs: [{ start: 0, end: 1, removed: '2,9 ', inserted: '2,8 ' }],
    } as never));
    el.querySelector<HTMLButtonElement>('button.gs-combine')!.click();
    await settle(el);
    const conflict = el.querySelector('.gs-conflict')!;
    expect(conflict.textContent).toContain('لم يُدمج شيء');
    expect([...conflict.querySelectorAll('mark.collide')].map((m) => m.textContent)).toContain('2,8');
    combine.mockResolvedValue({ group: 'ARAB', state: 'open', submittedBy: null, items: [] });
    el.querySelector<HTMLTextAreaElement>('.gs-combine-form textarea')!.value = PARA.replace('2,9', '2,7');
    el.querySelector<HTMLFormElement>('form.gs-combine-form')!.requestSubmit();
    await settle(el);
    expect(combine).toHaveBeenLastCalledWith(1, 1, 'ARAB', [1, 2], PARA.replace('2,9', '2,7'));
  });

  it('lets a member support a note, withdraw its own, take a stance on an item and opt out of co-sponsoring it', async () => {
    const { el } = await mount('en', 'member', 'IRQ');
    expect(el.querySelector('.gs-note[data-id="1"] button.gs-support')!.getAttribute('aria-label')).toBe('Support the note of SAU on PP9');
    expect(el.querySelector('.gs-note[data-id="2"] button.gs-support')).toBeNull();
    expect(el.querySelector('.gs-note[data-id="2"] button.gs-withdraw')).not.toBeNull();
    expect(el.querySelector('button.gs-adopt')).toBeNull();
    const it7 = el.querySelector('.gs-item[data-id="7"]')!;
    expect(it7.querySelector('button.gs-item-support')!.getAttribute('aria-pressed')).toBe('true');
    expect(it7.querySelector('.opted-out')!.textContent).toContain('QAT');
    const stance = vi.spyOn(groupApi, 'stance').mockResolvedValue({ group: 'ARAB', state: 'open', submittedBy: null, items: [] });
    it7.querySelector<HTMLButtonElement>('button.gs-item-support')!.click();
    await settle(el);
    expect(stance).toHaveBeenLastCalledWith(1, 1, 'ARAB', 7, { stance: null });
  });

  it('offers a guest comments and questions only, and no stances', async () => {
    const { el } = await mount('en', 'guest', 'ESCWA');
    el.querySelector<HTMLButtonElement>('button.gs-write-open')!.click();
    await settle(el);
    expect([...el.querySelectorAll('form.gs-write select[name=kind] option')].map((o) => o.getAttribute('value'))).toEqual(['comment', 'question']);
    expect(el.querySelector('button.gs-support')).toBeNull();
    expect(el.querySelector('button.gs-item-support')).toBeNull();
  });

  it('shows the coordinator what submitting creates, in Arabic, before it submits', async () => {
    const { el } = await mount('ar');
    el.querySelector<HTMLButtonElement>('button.gs-review')!.click();
    await settle(el);
    expect(el.querySelector('.gs-summary-total')!.textContent).toBe('١ مقترح');
    expect(el.querySelector('.gs-summary-cosponsors')!.textContent).toBe('IRQ، SAU');
    const submit = vi.spyOn(groupApi, 'submit').mockResolvedValue({ group: 'ARAB', state: 'submitted', submittedAt: '2026-12-07T10:00:00Z', proposals: [31] });
    el.querySelector<HTMLButtonElement>('button.gs-submit')!.click();
    await settle(el);
    expect(submit).toHaveBeenCalledWith(1, 1, 'ARAB');
  });

  it('lets the coordinator move the internal deadline and change the guests', async () => {
    const { el } = await mount('en');
    el.querySelector<HTMLButtonElement>('button.gs-change-stage')!.click();
    await settle(el);
    const form = el.querySelector<HTMLFormElement>('form.gs-stage-form')!;
    expect(form.querySelector<HTMLInputElement>('input[name=deadline]')!.value).toBe('2026-12-20T17:00');
    expect(form.querySelector<HTMLInputElement>('input[name=guests]')!.value).toBe('ESCWA');
    form.querySelector<HTMLInputElement>('input[name=deadline]')!.value = '2026-12-21T12:00';
    form.querySelector<HTMLInputElement>('input[name=guests]')!.value = 'escwa, LAS';
    const open = vi.spyOn(groupApi, 'openStage').mockResolvedValue({});
    form.requestSubmit();
    await settle(el);
    expect(open).toHaveBeenCalledWith(1, 1, 'ARAB', '2026-12-21T12:00:00Z', ['ESCWA', 'LAS']);
    expect(el.querySelector('form.gs-stage-form')).toBeNull();
  });

  it('tells a non-participant only that the stage is not there for it', async () => {
    const { el } = await mount('en');
    vi.spyOn(groupApi, 'stage').mockRejectedValue(new ApiError({ type: 'urn:plenary:problem:not-found', title: 'Not Found', status: 404 }));
    el.group = 'G77';
    await settle(el);
    expect(el.querySelector('p.notice')!.textContent).toContain('not open, or your delegation does not take part');
    expect(el.querySelector('.gs-note')).toBeNull();
  });
});
