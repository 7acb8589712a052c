import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from './api';
import { mergeApi } from './merge-api';
import { NegotiationModel, Session } from './model';
import './views/workspace-view';
import type { WorkspaceView } from './views/workspace-view';
import { BASE, overview, wsParagraph, wsProposal } from './workspace-fixtures';

function setup(lang: 'en' | 'ar') {
  const store = new Map<string, string>([['plenary.lang', lang]]);
  const session = new Session({ getItem: (k) => store.get(k) ?? null, setItem: (k, v) => { store.set(k, v); } });
  session.lang = lang;
  const model = new NegotiationModel(() => session.lang);
  vi.spyOn(api, 'negotiation').mockResolvedValue({ id: 1, title: 'القرار 88', languages: ['ar'], state: 'open', createdAt: '2026-11-20T09:00:00Z', role: 'facilitator', delegation: null });
  vi.spyOn(api, 'revisions').mockResolvedValue([{ id: 1, seq: 1, label: 'Zero draft', basedOn: null, state: 'published', sourceFormat: 'text', sourceName: null, bracketCount: 0, paragraphCount: 2, commentDeadline: null, createdAt: '2026-11-20T09:00:00Z', altCount: 0 }]);
  vi.spyOn(api, 'follow').mockReturnValue(() => undefined);
  const p1 = wsProposal(1, { decision: 'accept', cosponsors: ['IRQ', 'SAU'], replies: 2 });
  const p6 = wsProposal(6, { kind: 'support', target: 1, delegation: 'ARE', submittedBy: 'ARE' });
  const p12 = wsProposal(12, { delegation: 'QAT', submittedBy: 'QAT', text: BASE.replace('2022', '2024') });
  const p7 = wsProposal(7, { kind: 'comment', delegation: 'MAR', submittedBy: 'MAR', text: 'تعليق' });
  const para = wsParagraph(15, { text: BASE.replace('2,9', '2,6'), proposals: [p1, p6, p12, p7] });
  const other = wsParagraph(16, { label: 'PP10', number: '(ب)', text: 'فقرة أخرى', baseText: 'فقرة أخرى' });
  vi.spyOn(mergeApi, 'overview').mockResolvedValue({ ...overview([para, other]), progress: { decided: 1, open: 2 } });
  return { session, model, p12, p7 };
}

const settle = async (el: { updateComplete: Promise<boolean> }) => {
  for (let i = 0; i < 8; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
};

async function mount(lang: 'en' | 'ar') {
  const ctx = setup(lang);
  const el = document.createElement('plenary-workspace-view') as WorkspaceView;
  Object.assign(el, { session: ctx.session, model: ctx.model, negotiationId: 1, revisionId: 1 });
  document.body.append(el);
  await settle(el);
  return { el, ...ctx };
}

describe('the merge workspace view', () => {
  beforeEach(() => { document.body.innerHTML = ''; });
  afterEach(() => vi.restoreAllMocks());

  it('opens a proposal\'s discussion read from Rev.N, and shows the reasons of supports', async () => {
    const { el } = await mount('ar');
    const replies = vi.spyOn(api, 'replies').mockResolvedValue([{ id: 4, proposal: 1, delegation: 'SAU', text: 'ما مصدر الرقم؟',
      inReplyTo: null, createdAt: '2026-12-01T08:00:00Z' } as never]);
    const button = el.querySelector<HTMLButtonElement>('.ws-proposal[data-id="1"] button.ws-replies')!;
    expect(button.getAttribute('aria-label')).toBe('النقاش: مقترح ARAB على PP9: ٢ ردّان');
    button.click();
    await settle(el);
    expect(replies).toHaveBeenCalledWith(1, 1, 1);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(el.querySelector('.ws-proposal[data-id="1"] .ws-thread')!.textContent).toContain('ما مصدر الرقم؟');
  });

  it('combines several selected proposals of a paragraph, starting from each merged in turn', async () => {
    const { el } = await mount('en');
    const combine = vi.spyOn(mergeApi, 'combine').mockResolvedValue({ id: 3, paragraph: 15, result: 'x' });
    const tick = (id: number) => {
      const box = el.querySelector<HTMLInputElement>(`.ws-proposal[data-id="${id}"] .ws-select input`)!;
      box.checked = true;
      box.dispatchEvent(new Event('change'));
    };
    tick(1);
    await settle(el);
    expect(el.querySelector('#ws-para-15 button.ws-combine')).toBeNull();
    tick(12);
    await settle(el);
    const button = el.querySelector<HTMLButtonElement>('#ws-para-15 button.ws-combine')!;
    expect(button.getAttribute('aria-label')).toBe('Combine selected (2) on PP9');
    button.click();
    await settle(el);
    const textarea = el.querySelector<HTMLTextAreaElement>('.ws-combine-form textarea')!;
    expect(textarea.value).toBe(BASE.replace('2,9', '2,6').replace('2022', '2024'));
    el.querySelector<HTMLFormElement>('.ws-combine-form')!.requestSubmit();
    await settle(el);
    expect(combine).toHaveBeenCalledOnce();
    expect(combine.mock.calls[0][2].map((p) => p.id)).toEqual([1, 12]);
    expect(combine.mock.calls[0][3]).toBe(BASE.replace('2,9', '2,6').replace('2022', '2024'));
    expect(el.querySelector('.ws-combine-form')).toBeNull();
  });

  it('shows progress overall and per paragraph, and narrows to undecided or one delegation\'s proposals (Arabic)', async () => {
    const { el } = await mount('ar');
    const overall = el.querySelector<HTMLProgressElement>('.ws-progress progress')!;
    expect([overall.value, overall.max]).toEqual([1, 3]);
    expect(overall.getAttribute('aria-label')).toBe('ما بُتّ فيه إجمالاً');
    const para = el.querySelector('#ws-para-15')!;
    expect(para.querySelector('.ws-para-progress')!.textContent).toContain('مقترح');
    expect(para.querySelector<HTMLProgressElement>('.ws-para-progress progress')!.getAttribute('aria-label')).toBe('ما بُتّ فيه في PP9');
    expect(el.querySelector('#ws-para-16')).not.toBeNull();
    const undecided = el.querySelector<HTMLInputElement>('.ws-filters input[name=undecided]')!;
    undecided.checked = true;
    undecided.dispatchEvent(new Event('change'));
    await settle(el);
    expect([...el.querySelectorAll('#ws-para-15 .ws-proposal')].map((x) => x.getAttribute('data-id'))).toEqual(['12', '7']);
    expect(el.querySelector('#ws-para-16')).toBeNull();
    expect(el.querySelector('.ws-filters [role=status]')!.textContent).toContain('١ فقرة');
    el.querySelector<HTMLButtonElement>('.ws-filters button.clear')!.click();
    await settle(el);
    const delegation = el.querySelector<HTMLSelectElement>('.ws-filters select[name=delegation]')!;
    expect([...delegation.options].map((o) => o.value)).toEqual(['', 'ARAB', 'EGY', 'MAR', 'QAT']);
    delegation.value = 'MAR';
    delegation.dispatchEvent(new Event('change'));
    await settle(el);
    expect([...el.querySelectorAll('.ws-proposal')].map((x) => x.getAttribute('data-id'))).toEqual(['7']);
  });

  it('shows each paragraph as a redline with its proposals, supports, discussion and named decision buttons', async () => {
    const { el } = await mount('en');
    expect(el.querySelector('h1')!.textContent).toContain('Rev.1');
    const para = el.querySelector('#ws-para-15')!;
    expect(para.querySelector('.ws-text del')!.textContent).toBe('2,9');
    expect(para.querySelector('.ws-text ins')!.textContent).toBe('2,6');
    const p1 = para.querySelector('.ws-proposal[data-id="1"]')!;
    expect(p1.querySelector('.submitted-by')!.textContent).toContain('submitted by EGY');
    expect(p1.querySelector('.supporters')!.textContent).toContain('ARE');
    expect(p1.querySelector('.ws-replies')!.textContent).toContain('2 replies');
    expect(p1.querySelector('button.ws-accept')!.getAttribute('aria-pressed')).toBe('true');
    expect(p1.querySelector('button.ws-accept')!.getAttribute('aria-label')).toBe('Accept the proposal of ARAB on PP9');
    expect(p1.querySelector('button.ws-open')!.getAttribute('aria-label')).toBe('Take back the proposal of ARAB on PP9');
    // a comment is noted, not accepted; a stance is no proposal of its own
    expect(para.querySelector('.ws-proposal[data-id="7"] button.ws-accept')).toBeNull();
    expect(para.querySelector('.ws-proposal[data-id="6"]')).toBeNull();
    expect(para.querySelector('button.ws-note-all')!.textContent).toContain('Note all remaining comments (1)');
    expect(el.querySelector('#ws-para-16 .ws-down')!.hasAttribute('disabled')).toBe(true);
    expect(el.querySelector('#ws-para-15 .ws-up')!.hasAttribute('disabled')).toBe(true);
    expect(el.querySelector('#ws-para-15 .ws-down')!.getAttribute('aria-label')).toBe('Move down PP9');
  });

  it('in Arabic: a conflict side by side with the colliding words marked, resolved by accepting with changes', async () => {
    const { el, p12 } = await mount('ar');
    expect(el.querySelector('.ws-progress')!.textContent).toContain('١ مقترح');
    const decide = vi.spyOn(mergeApi, 'decide').mockRejectedValueOnce(new ApiError({
      type: 'urn:plenary:problem:merge-conflict', title: 'Conflict', status: 409,
      base: BASE, workspace: BASE.replace('2022', '2025'), proposed: BASE.replace('2022', '2024'),
      workspaceOps: [{ start: 30, end: 31, removed: '2022', inserted: '2025' }],
      proposalOps: [{ start: 30, end: 31, removed: '2022', inserted: '2024' }], paragraph: 15,
    } as never));
    const accept = el.querySelector<HTMLButtonElement>('.ws-proposal[data-id="12"] button.ws-accept')!;
    expect(accept.getAttribute('aria-label')).toBe('قبول مقترح QAT على PP9');
    accept.click();
    await settle(el);
    const conflict = el.querySelector('.ws-proposal[data-id="12"] .ws-conflict')!;
    expect(conflict.querySelector('.ws-conflict-ours mark.collide')!.textContent).toBe('2025');
    expect(conflict.querySelector('.ws-conflict-theirs mark.collide')!.textContent).toBe('2024');
    conflict.querySelector<HTMLButtonElement>('button.ws-resolve')!.click();
    await settle(el);
    const area = el.querySelector<HTMLTextAreaElement>('.ws-proposal[data-id="12"] .ws-modify textarea')!;
    expect(area.value).toBe(BASE.replace('2022', '2024'));
    area.value = BASE.replace('2022', '2024–2025');
    decide.mockResolvedValueOnce({ proposal: 12, decision: 'accept-modified', etag: '"p12v2"', paragraph: null });
    const edit = vi.spyOn(mergeApi, 'edit').mockResolvedValueOnce({} as never);
    el.querySelector<HTMLFormElement>('.ws-proposal[data-id="12"] .ws-modify')!.requestSubmit();
    await settle(el);
    // the paragraph takes the facilitator's text (with its ETag), then the decision is recorded on it
    expect(edit).toHaveBeenCalledWith(1, 2, { id: 15, etag: '"w15v1"' }, { text: BASE.replace('2022', '2024–2025') });
    expect(decide).toHaveBeenLastCalledWith(1, 1, p12, 'accept-modified', BASE.replace('2022', '2024–2025'), undefined);
    expect(el.querySelector('.ws-proposal[data-id="12"] .ws-conflict')).toBeNull();
  });

  it('notes all remaining comments of a paragraph in one batch, and sums up publication before it', async () => {
    const { el, p7 } = await mount('en');
    const batch = vi.spyOn(mergeApi, 'decideAll').mockResolvedValue({ decided: 1, refused: 0, results: [] });
    el.querySelector<HTMLButtonElement>('#ws-para-15 button.ws-note-all')!.click();
    await settle(el);
    expect(batch).toHaveBeenCalledWith(1, 1, [{ proposal: 7, etag: p7.etag, decision: 'noted' }]);
    el.querySelector<HTMLButtonElement>('button.ws-review')!.click();
    await settle(el);
    const summary = el.querySelector('.ws-publish')!;
    expect([...summary.querySelectorAll('.ws-fates li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim()).sort())
      .toEqual(['Accepted: 2', 'Carried forward: 2']);
    expect(summary.querySelector('.ws-carried')!.textContent).toContain('2 proposals');
    expect(summary.querySelector('button.ws-confirm-publish')).not.toBeNull();
  });
});
