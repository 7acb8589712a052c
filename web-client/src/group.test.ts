import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, type LiveEvent, type Proposal } from './api';
import { NegotiationModel } from './model';
import { ProposalBoard } from './proposals';
import { adoptPrefill, combinable, concernsStage, decisionOf, GroupStageModel, itemStance, notesOf, stanceOn,
  submissionSummary } from './group';
import { groupApi, notesDocumentUrl, type GroupPosition } from './group-api';
import { item, note, PARA, REVISION, stage } from './group-fixtures';
import { gcount, groupProblemMessage } from './group-i18n';
import { parseRoute, routeHash } from './route';

describe('the group stage helpers', () => {
  it('lists a paragraph\'s notes without the stances, and finds one\'s own stance as its note', () => {
    const notes = [note(1), note(2, { kind: 'support', target: 1, delegation: 'IRQ', paragraph: 15 }),
      note(3, { state: 'withdrawn' })];
    expect(notesOf(notes, 15).map((x) => x.id)).toEqual([1]);
    expect(notesOf(notes, 15, true).map((x) => x.id)).toEqual([1, 3]);
    expect(stanceOn(notes, 1, 'IRQ')?.id).toBe(2);
    expect(stanceOn(notes, 1, 'SAU')).toBeNull();
    expect(stanceOn(notes, 1, null)).toBeNull();
  });

  it('prefills "adopt with changes" with the whole paragraph for an amendment, else the note\'s text', () => {
    expect(adoptPrefill(note(1), PARA)).toBe(PARA.replace('2,9', '2,6'));
    expect(adoptPrefill(note(1, { kind: 'comment', text: 'ملاحظة', proposedParagraph: undefined }), PARA)).toBe('ملاحظة');
    expect(adoptPrefill(note(1, { kind: 'retain', text: null, proposedParagraph: undefined }), PARA)).toBe(PARA);
  });

  it('offers to combine only undecided standing amendments', () => {
    expect(combinable(note(1))).toBe(true);
    expect(combinable(note(1, { kind: 'comment' }))).toBe(false);
    expect(combinable(note(1, { state: 'withdrawn' }))).toBe(false);
    expect(combinable(note(1, { outcome: { ...note(1).outcome!, decision: 'adopt' } }))).toBe(false);
    expect(decisionOf(note(1, { outcome: undefined }))).toBe('undecided');
  });

  it('reads a member\'s stance on an item and sums up the submission', () => {
    const pos: GroupPosition = { group: 'ARAB', state: 'open', submittedBy: null, items: [
      item(1, { supports: ['IRQ'], cosponsors: ['SAU', 'IRQ'] }),
      item(2, { kind: 'comment', objections: ['JOR'], cosponsors: ['JOR'] }),
    ] };
    expect(itemStance(pos.items[0], 'IRQ')).toBe('support');
    expect(itemStance(pos.items[1], 'JOR')).toBe('object');
    expect(itemStance(pos.items[0], 'QAT')).toBeNull();
    expect(submissionSummary(pos)).toEqual({ items: 2, byKind: { amend: 1, comment: 1 }, cosponsors: ['IRQ', 'JOR', 'SAU'], objected: 1 });
  });

  it('follows only the events of its own group and revision', () => {
    const e = (type: string, payload: Record<string, unknown>): LiveEvent =>
      ({ id: 1, type, negotiation: 1, subject: null, delegation: 'SAU', at: '', payload });
    expect(concernsStage(e('group.note-created', { group: 'ARAB', revision: 1 }), 'ARAB', 1)).toBe(true);
    expect(concernsStage(e('group.note-created', { group: 'G77', revision: 1 }), 'ARAB', 1)).toBe(false);
    expect(concernsStage(e('group.submitted', { group: 'ARAB', revision: 2 }), 'ARAB', 1)).toBe(false);
    expect(concernsStage(e('proposal.created', { group: 'ARAB', revision: 1 }), 'ARAB', 1)).toBe(false);
  });

  it('routes to the group\'s workspace and links its notes document, Arabic first', () => {
    expect(parseRoute('#/n/1/r/2/groups/arab')).toEqual({ view: 'group', negotiation: 1, revision: 2, group: 'ARAB' });
    expect(routeHash({ view: 'group', negotiation: 1, revision: 2, group: 'ARAB' })).toBe('#/n/1/r/2/groups/ARAB');
    expect(parseRoute('#/n/1/r/2/groups/')).toEqual({ view: 'revision', negotiation: 1, revision: 2 });
    expect(notesDocumentUrl(1, 2, 'ARAB', 'docx', 'ar')).toBe('/api/v1/negotiations/1/revisions/2/groups/ARAB/notes?format=docx&lang=ar&part=all');
  });

  it('speaks Arabic plurals and the group\'s problems', () => {
    expect(gcount(1, 'note', 'ar')).toBe('١ ملاحظة');
    expect(gcount(2, 'note', 'ar')).toBe('٢ ملاحظتان');
    expect(gcount(3, 'note', 'ar')).toBe('٣ ملاحظات');
    expect(gcount(11, 'item', 'ar')).toBe('١١ بنداً');
    expect(gcount(1, 'item', 'en')).toBe('1 item');
    expect(groupProblemMessage({ type: 'urn:plenary:problem:group-deadline-passed', title: 'x' }, 'ar'))
      .toBe('انقضى الموعد النهائي الداخلي للمجموعة.');
    expect(groupProblemMessage({ type: 'urn:plenary:problem:validation', title: 'x',
      errors: [{ field: 'text', message: 'is required' }] }, 'en')).toBe('Some fields need attention. — Text: is required');
  });
});

describe('the group stage model', () => {
  afterEach(() => vi.restoreAllMocks());

  function mocked() {
    vi.spyOn(api, 'revision').mockResolvedValue(REVISION);
    vi.spyOn(api, 'follow').mockReturnValue(() => undefined);
    vi.spyOn(groupApi, 'stage').mockResolvedValue(stage());
    const notes = vi.spyOn(groupApi, 'notes').mockResolvedValue([note(1), note(2, { delegation: 'IRQ', text: '2,8 مليار',
      proposedParagraph: PARA.replace('2,9', '2,8') })]);
    vi.spyOn(groupApi, 'position').mockResolvedValue({ group: 'ARAB', state: 'open', submittedBy: null, items: [] });
    return { notes };
  }

  it('loads the stage, its notes, its position and the revision', async () => {
    mocked();
    const m = new GroupStageModel(1, 1, 'ARAB');
    await m.load();
    expect(m.isCoordinator).toBe(true);
    expect(m.notes).toHaveLength(2);
    expect(m.paragraphText(15)).toBe(PARA);
  });

  it('says "missing" for a 404, as a non-member gets on every group route', async () => {
    vi.spyOn(api, 'revision').mockResolvedValue(REVISION);
    vi.spyOn(groupApi, 'stage').mockRejectedValue(new ApiError({ type: 'urn:plenary:problem:not-found', title: 'Not Found', status: 404 }));
    vi.spyOn(groupApi, 'notes').mockResolvedValue([]);
    vi.spyOn(groupApi, 'position').mockResolvedValue({ group: 'ARAB', state: 'open', submittedBy: null, items: [] });
    const m = new GroupStageModel(1, 1, 'ARAB');
    await m.load();
    expect(m.missing).toBe(true);
    expect(m.stage).toBeNull();
  });

  it('keeps a merge conflict of a combination with the colliding words, and nothing else changes', async () => {
    mocked();
    const m = new GroupStageModel(1, 1, 'ARAB');
    await m.load();
    vi.spyOn(groupApi, 'combine').mockRejectedValue(new ApiError({
      type: 'urn:plenary:problem:merge-conflict', title: 'Conflict', status: 409, detail: 'note 2 changes words …',
      notes: [1, 2], ours: [{ start: 5, end: 6, removed: '2,9 ', inserted: '2,6 ' }],
      theirs: [{ start: 5, end: 6, removed: '2,9 ', inserted: '2,8 ' }],
    } as never));
    expect(await m.combine(m.notes)).toBe(false);
    expect(m.conflict).toEqual({ notes: [1, 2], paragraph: 15, detail: 'note 2 changes words …', words: ['2,9', '2,6', '2,8'] });
    const combined = vi.spyOn(groupApi, 'combine').mockResolvedValue({ group: 'ARAB', state: 'open', submittedBy: null,
      items: [item(1, { origin: 'combined', notes: [1, 2] })] });
    expect(await m.combine(m.notes, PARA.replace('2,9', '2,7'))).toBe(true);
    expect(combined).toHaveBeenCalledWith(1, 1, 'ARAB', [1, 2], PARA.replace('2,9', '2,7'));
    expect(m.conflict).toBeNull();
  });

  it('replaces a support by an objection, and pressing the same stance again retracts it', async () => {
    mocked();
    vi.spyOn(groupApi, 'stage').mockResolvedValue(stage({ you: { delegation: 'IRQ', standing: 'member' } }));
    const m = new GroupStageModel(1, 1, 'ARAB');
    await m.load();
    m.notes = [note(1), note(5, { kind: 'support', target: 1, delegation: 'IRQ' })];
    const withdraw = vi.spyOn(groupApi, 'withdraw').mockResolvedValue(note(5, { state: 'withdrawn' }));
    const write = vi.spyOn(groupApi, 'note').mockResolvedValue(note(6, { kind: 'object', target: 1, delegation: 'IRQ' }));
    vi.spyOn(m, 'load').mockResolvedValue();
    await m.react(m.notes[0], 'object');
    expect(withdraw).toHaveBeenCalledWith(1, 1, 'ARAB', 5);
    expect(write).toHaveBeenCalledWith(1, 1, 'ARAB', { kind: 'object', paragraph: 15, target: 1 });
    write.mockClear();
    await m.react(m.notes[0], 'support');
    expect(write).not.toHaveBeenCalled();
  });

  it('reads everything again (once) when a live event of its stage arrives, and keeps the submitted proposals', async () => {
    vi.useFakeTimers();
    try {
      mocked();
      const m = new GroupStageModel(1, 1, 'ARAB');
      await m.load();
      const load = vi.spyOn(m, 'load').mockResolvedValue();
      const ev = (type: string, payload: Record<string, unknown>): LiveEvent =>
        ({ id: 9, type, negotiation: 1, subject: null, delegation: 'SAU', at: '', payload });
      m.onLive(ev('group.note-decided', { group: 'ARAB', revision: 1, note: 1 }));
      m.onLive(ev('group.submitted', { group: 'ARAB', revision: 1, proposals: [31, 32] }));
      m.onLive(ev('group.note-created', { group: 'G77', revision: 1 }));
      await vi.advanceTimersByTimeAsync(150);
      expect(load).toHaveBeenCalledTimes(1);
      expect(m.submitted).toEqual([31, 32]);
      expect(m.heard?.type).toBe('group.submitted');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the revision outside the group', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reloads the proposal board when a group submits on this revision, and hears other group events as a count', async () => {
    const model = new NegotiationModel(() => 'en');
    model.negotiation = { id: 1, title: 't', languages: ['ar'], state: 'open', role: 'delegate', delegation: 'USA',
      createdAt: '2026-12-01T08:00:00Z' };
    model.revision = { ...REVISION, id: 2 };
    const board = new ProposalBoard(2);
    model.board = board;
    board.load([]);
    const submitted = { id: 31, negotiation: 1, revision: 2, paragraph: 15, kind: 'amend', itu: null, placement: null,
      target: null, text: '2,6 مليار', rationale: null, anchor: null, delegation: 'ARAB', submittedBy: 'EGY',
      cosponsors: ['SAU'], state: 'submitted', version: 1, etag: '"p31v1"', breaksSilence: false,
      createdAt: '', updatedAt: '' } as Proposal;
    const list = vi.spyOn(api, 'proposals').mockResolvedValue([submitted]);
    const ev = (type: string, payload: Record<string, unknown>): LiveEvent =>
      ({ id: 9, type, negotiation: 1, subject: null, delegation: 'EGY', at: '', payload });
    model.onLive(ev('group.submitted', { group: 'ARAB', stage: 1, revision: 5, proposals: [40] }));
    expect(list).not.toHaveBeenCalled();
    model.onLive(ev('group.submitted', { group: 'ARAB', stage: 1, revision: 2, proposals: [31] }));
    await new Promise((r) => setTimeout(r, 0));
    expect(list).toHaveBeenCalledWith(1, 2);
    expect(board.get(31)?.delegation).toBe('ARAB');
    expect(model.groupsHeard).toBe(2);
  });
});
