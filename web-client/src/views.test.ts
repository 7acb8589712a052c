import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, type Paragraph, type Proposal, type Revision } from './api';
import type { DiffJson } from './diff';
import { NegotiationModel, Session } from './model';
import { NO_FILTER } from './proposals';
import './views/diff-view';
import './views/revision-view';
import type { DiffView } from './views/diff-view';
import type { RevisionView } from './views/revision-view';

const para = (id: number, label: string | null, text: string): Paragraph => ({
  id, position: id, kind: 'operative', number: label, parent: null, text, direction: 'rtl', brackets: 0,
  status: 'open', change: 'unchanged', previousNumber: null, label, alt: null, previousPosition: null, splitFrom: null,
});
const revision = (id: number, label: string, paragraphs: Paragraph[]): Revision => ({
  id, seq: id, label, basedOn: null, state: 'published', sourceFormat: 'text', sourceName: null, bracketCount: 1, altCount: 0,
  paragraphCount: paragraphs.length, commentDeadline: null, createdAt: '2026-12-01T08:00:00Z', paragraphs, deleted: [],
});
const proposal = (id: number, over: Partial<Proposal> = {}): Proposal => ({
  id, negotiation: 1, revision: 2, paragraph: 11, kind: 'amend', itu: null, placement: null, target: null,
  text: 'لا يزال 2,6 مليار شخص', rationale: null, anchor: null, delegation: 'ARAB', submittedBy: 'EGY', cosponsors: [],
  state: 'submitted', version: 1, etag: `"p${id}v1"`, breaksSilence: false, createdAt: '2026-12-01T08:00:00Z',
  updatedAt: '2026-12-01T08:00:00Z', ...over,
});
const rev1 = revision(1, 'Zero draft', [para(10, 'PP1', 'إذ يضع في اعتباره'), para(11, 'OP1', 'لا يزال 2,9 مليار شخص')]);
const rev2 = revision(2, 'Rev.1', [para(10, 'PP1', 'إذ يضع في اعتباره'), para(11, 'OP1', 'لا يزال 2,6 مليار شخص'),
  para(12, 'OP1 bis', 'فقرة جديدة')]);
const diffJson: DiffJson = {
  negotiation: 1, from: { id: 1, seq: 1, label: 'Zero draft', bracketCount: 1 },
  to: { id: 2, seq: 2, label: 'Rev.1', bracketCount: 1 }, ignore: [],
  identical: false,
  summary: { unchanged: 1, modified: 1, inserted: 1, deleted: 0, moved: 0, moved_modified: 0, renumbered: 0, split: 0,
    merged: 0, wordsDeleted: 1, wordsInserted: 1 },
  paragraphs: [
    { change: 'unchanged', id: 10, kind: 'operative', number: 'PP1', renumbered: false, direction: 'rtl', fromPosition: 0, toPosition: 0, text: 'إذ يضع في اعتباره' },
    { change: 'modified', id: 11, kind: 'operative', number: 'OP1', renumbered: false, direction: 'rtl', fromPosition: 1, toPosition: 1,
      ops: [{ type: 'equal', text: 'لا يزال ' }, { type: 'delete', text: '2,9' }, { type: 'insert', text: '2,6' }, { type: 'equal', text: ' مليار شخص' }] },
    { change: 'inserted', id: 12, kind: 'operative', number: '(ب)', renumbered: false, direction: 'rtl', fromPosition: null, toPosition: 2, text: 'فقرة جديدة' },
  ],
};

function setup(lang: 'en' | 'ar', delegation: string | null = 'SAU') {
  const store = new Map<string, string>([['plenary.lang', lang]]);
  const session = new Session({ getItem: (k) => store.get(k) ?? null, setItem: (k, v) => { store.set(k, v); } });
  session.lang = lang;
  const model = new NegotiationModel(() => session.lang);
  vi.spyOn(api, 'negotiation').mockResolvedValue({ id: 1, title: 'القرار 88', languages: ['ar'], state: 'open', role: 'delegate', delegation,
    createdAt: '2026-12-01T08:00:00Z' });
  vi.spyOn(api, 'revisions').mockResolvedValue([rev1, rev2]);
  vi.spyOn(api, 'revision').mockImplementation(async (_n, r) => (r === 1 ? rev1 : rev2));
  vi.spyOn(api, 'commentWindow').mockResolvedValue({ deadline: null, silence: false, open: true });
  vi.spyOn(api, 'delegations').mockResolvedValue([
    { code: 'ARAB', kind: 'group', nameEn: 'Arab Group', nameAr: 'المجموعة العربية', coordinator: 'EGY', custom: false },
    { code: 'SAU', kind: 'state', nameEn: 'Saudi Arabia', nameAr: null, coordinator: null, custom: false }]);
  vi.spyOn(api, 'proposals').mockImplementation(async (_n, _r, filter) => (filter?.group === 'ARAB'
    ? [proposal(5)] : [proposal(5), proposal(6, { delegation: 'SAU', submittedBy: 'SAU', kind: 'comment', text: 'تعليق' }),
      proposal(7, { delegation: 'IRQ', submittedBy: 'IRQ', kind: 'object', target: 5, text: 'لا' })]));
  vi.spyOn(api, 'follow').mockReturnValue(() => undefined);
  vi.spyOn(api, 'proposalDiff').mockResolvedValue({ proposal: 5, paragraph: 11, kind: 'amend', current: 'لا يزال 2,9 مليار شخص', proposed: 'لا يزال 2,6 مليار شخص',
    ops: [{ type: 'equal', text: 'لا يزال ' }, { type: 'delete', text: '2,9' }, { type: 'insert', text: '2,6' }, { type: 'equal', text: ' مليار شخص' }] });
  vi.spyOn(api, 'diff').mockResolvedValue(diffJson);
  return { session, model };
}

const settle = async (el: { updateComplete: Promise<boolean> }) => {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
};

describe('the diff view', () => {
  beforeEach(() => { document.body.innerHTML = ''; });
  afterEach(() => vi.restoreAllMocks());

  it('shows only the changes by default, labelled by citation, side by side with the older text first', async () => {
    const { session, model } = setup('ar');
    const el = document.createElement('plenary-diff-view') as DiffView;
    Object.assign(el, { session, model, negotiationId: 1, from: 1, to: 2 });
    document.body.append(el);
    await settle(el);
    expect(el.querySelector('h1')!.textContent).toContain('Rev.1');
    const rows = [...el.querySelectorAll('.diff-row')];
    expect(rows.map((r) => r.querySelector('.diff-label .cite')!.textContent)).toEqual(['OP1', 'OP1 bis']);
    expect(rows[0].querySelector('.change-kind')!.textContent).toBe('معدّلة');
    const sides = rows[0].querySelectorAll('.diff-sides > div');
    // first in the DOM is the older text: in the right-to-left page the grid puts it on the right
    expect(sides[0].className).toBe('older');
    expect(sides[0].querySelector('del')!.textContent).toBe('2,9');
    expect(sides[1].querySelector('ins')!.textContent).toBe('2,6');
    (el.querySelector('input[name=changesOnly]') as HTMLInputElement).click();
    await settle(el);
    expect(el.querySelectorAll('.diff-row')).toHaveLength(3);
    (el.querySelector('input[value=inline]') as HTMLInputElement).click();
    await settle(el);
    expect(el.querySelector('.diff-view.inline .diff-row p.diff-text del')!.textContent).toBe('2,9');
  });

  it('falls back to inline on a narrow screen', async () => {
    const { session, model } = setup('en');
    const el = document.createElement('plenary-diff-view') as DiffView;
    Object.assign(el, { session, model, negotiationId: 1, from: 1, to: 2 });
    document.body.append(el);
    await settle(el);
    el.narrow = true;
    await settle(el);
    expect(el.querySelector('.diff-view')!.classList.contains('inline')).toBe(true);
    expect((el.querySelector('input[value=side]') as HTMLInputElement).disabled).toBe(true);
  });
});

describe('the revision view', () => {
  beforeEach(() => { document.body.innerHTML = ''; });
  afterEach(() => vi.restoreAllMocks());

  async function mount(lang: 'en' | 'ar', delegation: string | null = 'SAU') {
    const { session, model } = setup(lang, delegation);
    const el = document.createElement('plenary-revision-view') as RevisionView;
    Object.assign(el, { session, model, negotiationId: 1, revisionId: 2 });
    document.body.append(el);
    await settle(el);
    return { el, model };
  }

  it('names the group and who submitted for it, shows the redline, and names the paragraph in button labels', async () => {
    const { el } = await mount('en');
    const group = el.querySelector('.proposal[data-id="5"]')!;
    expect(group.querySelector('.delegation')!.textContent).toBe('ARAB');
    expect(group.querySelector('.submitted-by')!.textContent).toContain('submitted by EGY');
    expect(group.querySelector('.redline del')!.textContent).toBe('2,9');
    expect(group.querySelector('.redline ins')!.textContent).toBe('2,6');
    expect(group.querySelector('button.support')!.getAttribute('aria-label')).toBe('Support the proposal of ARAB on OP1');
    expect(el.querySelector('.para-block:nth-child(2) .propose-open')!.getAttribute('aria-label')).toBe('Propose on OP1');
    // its own comment: no support or objection to it
    expect(el.querySelector('.proposal[data-id="6"] button.support')).toBeNull();
    expect(el.querySelector('h1')!.textContent).toBe('Rev.1');
    // a stance is not a proposal
    expect(el.querySelector('p.meta')!.textContent).toContain('2 proposals');
  });

  it('counts in Arabic with plural forms and a separator that is no digit; the overview counts per paragraph', async () => {
    const { el } = await mount('ar');
    const meta = el.querySelector('p.meta')!.textContent!.replace(/\s+/g, ' ');
    expect(meta).toContain('٣ فقرات – ١ قوس مفتوح – ٢ مقترحان');
    expect(meta).not.toContain('·');
    const cells = [...el.querySelectorAll('.heat-cell')];
    expect(cells.map((c) => c.getAttribute('aria-label'))).toEqual(['PP1: ٠ مقترحات', 'OP1: ٢ مقترحان، ١ موقف'.replace('، ', ', '), 'OP1 bis: ٠ مقترحات']);
    expect(cells[1].className).toContain('heat-4');
  });

  it('filters by delegation, kind, mine and group', async () => {
    const { el, model } = await mount('en');
    const ids = () => [...el.querySelectorAll('.proposal')].map((p) => p.getAttribute('data-id'));
    expect(ids()).toEqual(['5', '6']);
    model.setFilter({ ...NO_FILTER, mine: true });
    await settle(el);
    expect(ids()).toEqual(['6']);
    model.setFilter({ ...NO_FILTER, kind: 'amend' });
    await settle(el);
    expect(ids()).toEqual(['5']);
    model.setFilter({ ...NO_FILTER, delegation: 'EGY' });
    await settle(el);
    expect(ids()).toEqual(['5']);
    await model.filterGroup('ARAB');
    await settle(el);
    expect(ids()).toEqual(['5']);
    (el.querySelector('button.clear') as HTMLButtonElement).click();
    await settle(el);
    expect(ids()).toEqual(['5', '6']);
  });

  it('Enter on "Propose…" opens the form with the focus in it; Escape closes it and gives the focus back', async () => {
    const { el } = await mount('en');
    const block = el.querySelectorAll('.para-block')[1];
    (block.querySelector('.propose-open') as HTMLButtonElement).click();
    await settle(el);
    expect(document.activeElement?.getAttribute('name')).toBe('kind');
    expect([...block.querySelectorAll('select[name=kind] option')].map((o) => (o as HTMLOptionElement).value))
      .toContain('insert_before');
    block.querySelector('form.propose')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle(el);
    expect(block.querySelector('form.propose')).toBeNull();
    expect(document.activeElement?.classList.contains('propose-open')).toBe(true);
  });

  it('proposes on words typed with the keyboard, and a new paragraph after this one', async () => {
    const { el } = await mount('en');
    const propose = vi.spyOn(api, 'propose').mockImplementation(async (_n, _r, p) => proposal(9, {
      delegation: 'SAU', submittedBy: 'SAU', kind: p.kind, anchor: null }));
    const block = el.querySelectorAll('.para-block')[1];
    (block.querySelector('.propose-open') as HTMLButtonElement).click();
    await settle(el);
    const words = block.querySelector('input[name=words]') as HTMLInputElement;
    words.value = '2,6 مليار';
    words.dispatchEvent(new Event('input'));
    await settle(el);
    expect(block.querySelector('.hint')!.textContent).toBe('Found in the paragraph.');
    (block.querySelector('select[name=kind]') as HTMLSelectElement).value = 'amend';
    (block.querySelector('textarea[name=text]') as HTMLTextAreaElement).value = '2,5 مليار';
    (block.querySelector('form') as HTMLFormElement).requestSubmit();
    await settle(el);
    expect(propose.mock.calls[0][2]).toMatchObject({ kind: 'amend', paragraph: 11, text: '2,5 مليار',
      anchor: { exact: '2,6 مليار', start: 8, end: 17 } });
    (block.querySelector('.propose-open') as HTMLButtonElement).click();
    await settle(el);
    (block.querySelector('select[name=kind]') as HTMLSelectElement).value = 'insert_after';
    (block.querySelector('textarea[name=text]') as HTMLTextAreaElement).value = 'فقرة جديدة بعدها';
    (block.querySelector('form') as HTMLFormElement).requestSubmit();
    await settle(el);
    expect(propose.mock.calls[1][2]).toEqual({ kind: 'insert', placement: 'after', paragraph: 11, text: 'فقرة جديدة بعدها' });
  });

  it('shows the reasons given for stances, and lets the delegation give or change its own (sent as the stance\'s text)', async () => {
    const { el } = await mount('ar', 'IRQ');
    const reasons = el.querySelector('.proposal[data-id="5"] .stance-reasons')!;
    expect(reasons.textContent!.replace(/\s+/g, ' ')).toContain('IRQ اعتراض: لا');
    const button = el.querySelector('.proposal[data-id="5"] button.stance-reason') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).toBe('بيان سبب موقفكم من مقترح ARAB على OP1');
    button.click();
    await settle(el);
    const edit = vi.spyOn(api, 'edit').mockResolvedValue(proposal(7, { delegation: 'IRQ', submittedBy: 'IRQ', kind: 'object',
      target: 5, text: 'الرقم غير موثق', version: 2 }));
    const form = el.querySelector('.proposal[data-id="5"] form.stance-reason-form') as HTMLFormElement;
    expect((form.querySelector('textarea') as HTMLTextAreaElement).value).toBe('لا');
    (form.querySelector('textarea') as HTMLTextAreaElement).value = 'الرقم غير موثق';
    form.requestSubmit();
    await settle(el);
    expect(edit.mock.calls[0][3]).toEqual({ text: 'الرقم غير موثق' });
    expect(el.querySelector('.proposal[data-id="5"] form.stance-reason-form')).toBeNull();
    expect(el.querySelector('.proposal[data-id="5"] .stance-reasons')!.textContent).toContain('الرقم غير موثق');
  });

  it('a second press on the same stance retracts it; the other stance replaces it', async () => {
    const { el, model } = await mount('en', 'IRQ');
    const withdraw = vi.spyOn(api, 'withdraw').mockResolvedValue(proposal(7, { delegation: 'IRQ', submittedBy: 'IRQ',
      kind: 'object', target: 5, state: 'withdrawn', version: 2 }));
    const objectButton = () => el.querySelector('.proposal[data-id="5"] button.object') as HTMLButtonElement;
    expect(objectButton().getAttribute('aria-pressed')).toBe('true');
    objectButton().click();
    await settle(el);
    expect(withdraw).toHaveBeenCalledOnce();
    expect(objectButton().getAttribute('aria-pressed')).toBe('false');
    const propose = vi.spyOn(api, 'propose').mockResolvedValue(proposal(8, { delegation: 'IRQ', submittedBy: 'IRQ',
      kind: 'support', target: 5 }));
    (el.querySelector('.proposal[data-id="5"] button.support') as HTMLButtonElement).click();
    await settle(el);
    expect(propose.mock.calls[0][2]).toEqual({ kind: 'support', paragraph: 11, target: 5 });
    expect(model.board!.stanceOf(5, 'IRQ')?.kind).toBe('support');
    expect((el.querySelector('.proposal[data-id="5"] button.support') as HTMLButtonElement).getAttribute('aria-pressed')).toBe('true');
  });
});
