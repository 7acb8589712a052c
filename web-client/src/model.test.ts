import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, type Proposal } from './api';
import { errorMessage, ModelChangeEvent, NegotiationModel, Session } from './model';
import { ArrivalEvent, ProposalBoard } from './proposals';

const proposal = (id: number, over: Partial<Proposal> = {}): Proposal => ({
  id, negotiation: 1, revision: 2, paragraph: 11, kind: 'amend', itu: null, placement: null, target: null,
  text: 'نص', rationale: null, anchor: null, delegation: 'SAU', submittedBy: 'SAU', cosponsors: [],
  state: 'submitted', version: 1, etag: `"p${id}v1"`, breaksSilence: false, createdAt: '2026-12-01T08:00:00Z',
  updatedAt: '2026-12-01T08:00:00Z', ...over,
});

describe('the session', () => {
  it('remembers the language and turns the page right-to-left for Arabic', () => {
    const store = new Map<string, string>();
    const session = new Session({ getItem: (k) => store.get(k) ?? null, setItem: (k, v) => { store.set(k, v); } });
    let changes = 0;
    session.addEventListener(ModelChangeEvent.type, () => changes++);
    expect(session.lang).toBe('en');
    session.setLang('ar');
    expect(store.get('plenary.lang')).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(changes).toBe(1);
  });

  it('words a server problem in the interface language', () => {
    const err = new ApiError({ type: 'urn:plenary:problem:stance-exists', title: 'Conflict', status: 409, detail: 'SAU already supports' });
    expect(errorMessage(err, 'ar')).toContain('سبق أن اتخذ وفدكم هذا الموقف');
    expect(errorMessage(new Error('offline'), 'en')).toBe('Error: offline');
  });
});

describe('the negotiation model', () => {
  afterEach(() => vi.restoreAllMocks());

  it('announces what others file after the first load, not the viewer\'s own proposals', async () => {
    const model = new NegotiationModel(() => 'en');
    model.negotiation = { id: 1, title: 't', languages: ['ar'], state: 'open', role: 'delegate', delegation: 'EGY',
      createdAt: '2026-12-01T08:00:00Z' };
    model.revision = { id: 2, seq: 2, label: 'Rev.1', basedOn: 1, state: 'published', sourceFormat: 'text', sourceName: null,
      bracketCount: 0, altCount: 0, paragraphCount: 0, commentDeadline: null, createdAt: '', paragraphs: [], deleted: [] };
    const board = new ProposalBoard(2);
    model.board = board;
    board.addEventListener(ArrivalEvent.type, (e) => model.dispatchEvent(new ArrivalEvent((e as ArrivalEvent).proposal, null)));
    const heard: number[] = [];
    model.addEventListener(ArrivalEvent.type, (e) => heard.push((e as ArrivalEvent).proposal.id));
    board.load([proposal(1)]);
    vi.spyOn(api, 'proposal').mockImplementation(async (_n, _r, id) => proposal(id));
    model.onLive({ id: 9, type: 'proposal.created', negotiation: 1, subject: 'proposal:3', delegation: 'SAU', at: '',
      payload: { proposal: 3, revision: 2 } });
    model.onLive({ id: 10, type: 'proposal.created', negotiation: 1, subject: 'proposal:4', delegation: 'SAU', at: '',
      payload: { proposal: 4, revision: 5 } });
    await new Promise((r) => setTimeout(r, 0));
    expect(heard).toEqual([3]);
    expect(board.get(3)?.delegation).toBe('SAU');
    expect(board.get(4)).toBeUndefined();
  });

  it('words what it announces in the interface language, with the paragraph\'s label', () => {
    const model = new NegotiationModel(() => 'ar');
    model.revision = { id: 2, seq: 2, label: 'Rev.1', basedOn: 1, state: 'published', sourceFormat: 'text', sourceName: null,
      bracketCount: 0, altCount: 0, paragraphCount: 1, commentDeadline: null, createdAt: '', deleted: [], paragraphs: [{
        id: 11, position: 0, kind: 'operative', number: '1', parent: null, text: 'نص', direction: 'rtl', brackets: 0,
        status: 'open', change: 'unchanged', previousNumber: null, label: 'OP1', alt: null, previousPosition: null, splitFrom: null }] };
    expect(model.arrivalMessage(proposal(3))).toBe('جديد من SAU: تعديل على OP1');
    expect(model.arrivalMessage(proposal(4, { kind: 'support', target: 3 }))).toBe('تأييد من SAU على OP1');
    const heard: string[] = [];
    model.addEventListener('announce', (e) => heard.push((e as unknown as { message: string }).message));
    model.announce('x');
    expect(model.announcement).toBe('x');
    expect(heard).toEqual(['x']);
  });

  it('a new stance replaces the delegation\'s other one; the same stance again retracts it', async () => {
    const model = new NegotiationModel(() => 'en');
    model.negotiation = { id: 1, title: 't', languages: ['ar'], state: 'open', role: 'delegate', delegation: 'IRQ',
      createdAt: '2026-12-01T08:00:00Z' };
    model.revision = { id: 2, seq: 2, label: 'Rev.1', basedOn: 1, state: 'published', sourceFormat: 'text', sourceName: null,
      bracketCount: 0, altCount: 0, paragraphCount: 0, commentDeadline: null, createdAt: '', paragraphs: [], deleted: [] };
    model.board = new ProposalBoard(2);
    model.board.load([proposal(5), proposal(6, { delegation: 'IRQ', submittedBy: 'IRQ', kind: 'support', target: 5 })]);
    const propose = vi.spyOn(api, 'propose').mockResolvedValue(proposal(7, { delegation: 'IRQ', kind: 'object', target: 5 }));
    vi.spyOn(api, 'proposal').mockResolvedValue(proposal(6, { delegation: 'IRQ', kind: 'support', target: 5, state: 'withdrawn', version: 2 }));
    await model.stance(model.board.get(5)!, 'object');
    expect(propose).toHaveBeenCalledWith(1, 2, { kind: 'object', paragraph: 11, target: 5 });
    expect(model.board.stanceOf(5, 'IRQ')?.id).toBe(7);
    const withdraw = vi.spyOn(api, 'withdraw').mockResolvedValue(proposal(7, { delegation: 'IRQ', kind: 'object', target: 5,
      state: 'withdrawn', version: 2 }));
    await model.stance(model.board.get(5)!, 'object');
    expect(withdraw).toHaveBeenCalledOnce();
    expect(model.board.stanceOf(5, 'IRQ')).toBeNull();
  });
});
