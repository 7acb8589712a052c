import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type LiveEvent } from './api';
import { mergeApi } from './merge-api';
import { BASE, overview, wsParagraph, wsProposal } from './workspace-fixtures';
import { concernsWorkspace, mayNeedRebase, mergedText, nextLabel, NO_WS_FILTER, paragraphProgress, proposedText, publishSummary,
  WorkspaceModel } from './workspace';

describe('the merge workspace model', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads what a proposal asks for: a pasted number dropped, a span replaced, a deletion', () => {
    const para = wsParagraph(15);
    expect(proposedText(wsProposal(1), para)).toBe(BASE.replace('2,9', '2,6'));
    expect(proposedText(wsProposal(2, { anchor: { exact: '2022', start: BASE.indexOf('2022'), end: BASE.indexOf('2022') + 4 }, text: '2025' }), para))
      .toBe(BASE.replace('2022', '2025'));
    expect(proposedText(wsProposal(3, { kind: 'delete', anchor: { exact: ' تماماً' } }), para)).toBe(BASE.replace(' تماماً', ''));
    expect(proposedText(wsProposal(4, { kind: 'comment', text: 'تعليق' }), para)).toBeNull();
    expect(proposedText(wsProposal(5, { anchor: { exact: 'غير موجود' } }), para)).toBeNull();
  });

  it('counts decided and open proposals per paragraph, and filters: undecided, colliding, by delegation, by kind', () => {
    const accepted = wsProposal(1, { decision: 'accept' });
    const support = wsProposal(6, { kind: 'support', target: 1, delegation: 'ARE', submittedBy: 'ARE' });
    const clash = wsProposal(12, { delegation: 'QAT', submittedBy: 'QAT', text: BASE.replace('2,9', '3,1') });
    const comment = wsProposal(7, { kind: 'comment', delegation: 'MAR', submittedBy: 'MAR', text: 'تعليق' });
    const deferred = wsProposal(8, { decision: 'defer', delegation: 'IRN', submittedBy: 'IRN', text: BASE.replace('2022', '2023') });
    const para = wsParagraph(15, { text: BASE.replace('2,9', '2,6'), proposals: [accepted, support, clash, comment, deferred] });
    const quiet = wsParagraph(16, { label: 'PP10', text: 'فقرة', baseText: 'فقرة' });
    expect(paragraphProgress(para)).toEqual({ decided: 2, open: 2 });
    const ws = new WorkspaceModel(1, 1);
    ws.overview = overview([para, quiet]);
    expect(ws.visibleParagraphs()).toHaveLength(2);
    const shown = () => para.proposals.filter((p) => ws.passes(p, para)).map((p) => p.id);
    ws.setFilter({ ...NO_WS_FILTER, undecided: true });
    expect(shown()).toEqual([12, 7]);
    expect(ws.visibleParagraphs().map((p) => p.id)).toEqual([15]);
    // Qatar's 3,1 collides with the accepted 2,6; Iran's 2023 does not
    ws.setFilter({ ...NO_WS_FILTER, conflicts: true });
    expect(shown()).toEqual([12]);
    ws.setFilter({ ...NO_WS_FILTER, delegation: 'EGY' });
    expect(shown()).toEqual([1]);
    ws.setFilter({ ...NO_WS_FILTER, kind: 'comment' });
    expect(shown()).toEqual([7]);
    ws.setFilter({ ...NO_WS_FILTER, delegation: 'CHN' });
    expect(ws.visibleParagraphs()).toEqual([]);
  });

  it('starts "accept with changes" from the proposal merged into the workspace text', () => {
    const para = wsParagraph(15, { text: BASE.replace('تماماً', 'كلياً') });
    expect(mergedText(wsProposal(1), para)).toBe(BASE.replace('تماماً', 'كلياً').replace('2,9', '2,6'));
  });

  it('sums up what publishing will do as the server does: fates, carried forward with stances, rebase risk', () => {
    const accepted = wsProposal(1, { decision: 'accept' });
    const support = wsProposal(6, { kind: 'support', target: 1, delegation: 'ARE', text: 'نؤيد' });
    const clash = wsProposal(12, { text: BASE.replace('2022', '2024') });
    const objection = wsProposal(13, { kind: 'object', target: 12, delegation: 'IRQ' });
    const comment = wsProposal(7, { kind: 'comment', decision: 'noted' });
    const withdrawn = wsProposal(8, { state: 'withdrawn' });
    const deferred = wsProposal(9, { decision: 'defer', anchor: { exact: '2,9' }, text: '3' });
    const para = wsParagraph(15, { text: BASE.replace('2,9', '2,6').replace('2022', '2025'),
      proposals: [accepted, support, clash, objection, comment, withdrawn, deferred] });
    const gone = { id: 20, text: 'محذوفة', etag: '"w20v2"', proposals: [wsProposal(30, { kind: 'comment' })] };
    const s = publishSummary(overview([para], [gone]));
    expect(s.fates).toEqual({ accepted: 2, 'carried-forward': 3, noted: 1, withdrawn: 1, 'paragraph-deleted': 1 });
    expect(s.carried).toBe(3);
    expect(s.needsRebase).toBe(2); // p12 collides with 2025, the deferred span "2,9" is gone
    expect(s.undecided).toBe(2);
    expect(mayNeedRebase(clash, para)).toBe(true);
  });

  it('names the next revision', () => {
    expect(nextLabel('Zero draft')).toBe('Rev.1');
    expect(nextLabel('Rev.2')).toBe('Rev.3');
    expect(nextLabel('Rev. 9')).toBe('Rev. 10');
  });

  it('follows only the events of its workspace', () => {
    const e = (type: string, payload: Record<string, unknown>): LiveEvent => ({ id: 1, type, negotiation: 1, subject: null,
      delegation: null, at: '', payload });
    expect(concernsWorkspace(e('workspace.decision', { revision: 2, base: 1 }), 1, 2)).toBe(true);
    expect(concernsWorkspace(e('workspace.paragraph-edited', { revision: 2 }), 1, 2)).toBe(true);
    expect(concernsWorkspace(e('workspace.decision', { revision: 7, base: 5 }), 1, 2)).toBe(false);
    expect(concernsWorkspace(e('proposal.created', { revision: 1 }), 1, 2)).toBe(false);
  });

  it('keeps a merge conflict to show, and reads the overview again after a stale decision', async () => {
    const p12 = wsProposal(12);
    const para = wsParagraph(15, { proposals: [p12] });
    const load = vi.spyOn(mergeApi, 'overview').mockResolvedValue(overview([para]));
    const m = new WorkspaceModel(1, 1);
    await m.load();
    vi.spyOn(mergeApi, 'decide').mockRejectedValueOnce(new ApiError({
      type: 'urn:plenary:problem:merge-conflict', title: 'Conflict', status: 409, detail: 'same words',
      base: BASE, workspace: BASE.replace('2022', '2025'), proposed: BASE.replace('2022', '2024'),
      workspaceOps: [{ start: 30, end: 31, removed: '2022', inserted: '2025' }],
      proposalOps: [{ start: 30, end: 31, removed: '2022', inserted: '2024' }], paragraph: 15,
    } as never));
    await m.decide(p12, 'accept');
    expect(m.conflicts.get(12)?.proposalOps[0].inserted).toBe('2024');
    vi.spyOn(mergeApi, 'decide').mockRejectedValueOnce(new ApiError({ type: 'urn:plenary:problem:precondition-failed',
      title: 'Stale', status: 412 }));
    await expect(m.decide(p12, 'noted')).rejects.toThrow();
    expect(m.staleDecisions.has(12)).toBe(true);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps a stale paragraph edit with the newer text, and saves over it only when asked', async () => {
    const para = wsParagraph(15);
    vi.spyOn(mergeApi, 'overview').mockResolvedValue(overview([para]));
    const m = new WorkspaceModel(1, 1);
    await m.load();
    const edit = vi.spyOn(mergeApi, 'edit').mockRejectedValueOnce(new ApiError({ type: 'urn:plenary:problem:precondition-failed',
      title: 'Precondition failed', status: 412, paragraphStatus: 'bracketed', text: 'نص أحدث', etag: '"w15v3"' } as never)).mockResolvedValueOnce({} as never);
    await m.edit(para, { text: 'نصي' });
    expect(m.stale.get(15)).toMatchObject({ text: 'نص أحدث', status: 'bracketed', etag: '"w15v3"', mine: { text: 'نصي' } });
    await m.keepMine(15);
    expect(edit).toHaveBeenLastCalledWith(1, 2, { id: 15, etag: '"w15v3"' }, { text: 'نصي' });
    expect(m.stale.has(15)).toBe(false);
  });
});
