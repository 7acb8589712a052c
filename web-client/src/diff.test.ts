import { describe, expect, it } from 'vitest';
import type { Paragraph } from './api';
import { citation, diffRows, runs, summaryCounts, type DiffJson } from './diff';

const para = (id: number, label: string | null, number: string | null = null): Paragraph => ({
  id, position: id, kind: 'operative', number, parent: null, text: '', direction: 'rtl', brackets: 0, status: 'open',
  change: 'unchanged', previousNumber: null, label, alt: null, previousPosition: null, splitFrom: null,
});

const diff: DiffJson = {
  negotiation: 1, from: { id: 1, seq: 1, label: 'Zero draft', bracketCount: 0 },
  to: { id: 2, seq: 2, label: 'Rev.1', bracketCount: 0 }, ignore: [],
  identical: false,
  summary: { unchanged: 1, modified: 1, inserted: 1, deleted: 1, moved: 1, moved_modified: 0, renumbered: 0, split: 0, merged: 0,
    wordsDeleted: 1, wordsInserted: 2 },
  paragraphs: [
    { change: 'unchanged', id: 1, kind: 'preambular', number: '(أ)', renumbered: false, direction: 'rtl', fromPosition: 0, toPosition: 0, text: 'إذ يضع' },
    { change: 'modified', id: 2, kind: 'operative', number: '1', renumbered: false, direction: 'rtl', fromPosition: 1, toPosition: 1,
      ops: [{ type: 'equal', text: 'لا يزال ' }, { type: 'delete', text: '2,9' }, { type: 'insert', text: '2,6' }, { type: 'equal', text: ' مليار' }] },
    { change: 'inserted', id: 9, kind: 'operative', number: '1 مكرراً', renumbered: false, direction: 'rtl', fromPosition: null, toPosition: 2, text: 'فقرة جديدة' },
    { change: 'moved', id: 3, kind: 'operative', number: '3', previousNumber: '2', renumbered: true, direction: 'rtl', fromPosition: 2, toPosition: 4, text: 'منقولة' },
    { change: 'deleted', id: 4, kind: 'operative', number: '3', renumbered: false, direction: 'rtl', fromPosition: 3, toPosition: null, text: 'محذوفة' },
  ],
};
const older = [para(1, 'PP1', '(أ)'), para(2, 'OP1', '1'), para(3, 'OP2', '2'), para(4, 'OP3', '3')];
const newer = [para(1, 'PP1', '(أ)'), para(2, 'OP1', '1'), para(9, 'OP1 bis', '1 مكرراً'), para(5, 'OP2', '2'), para(3, 'OP3', '3')];

describe('the diff between two revisions', () => {
  it('shows only the changes by default, each paragraph by its citation label rather than its bare number', () => {
    const rows = diffRows(diff, older, newer, false);
    expect(rows.map((r) => [r.label, r.change])).toEqual([
      ['OP1', 'modified'], ['OP1 bis', 'inserted'], ['OP3', 'moved'], ['OP3', 'deleted']]);
    expect(diffRows(diff, older, newer, true)).toHaveLength(5);
  });

  it('says where a moved paragraph came from', () => {
    const moved = diffRows(diff, older, newer, false).find((r) => r.change === 'moved')!;
    expect(moved.previousLabel).toBe('OP2');
  });

  it('splits word runs into inline, older and newer sides', () => {
    const modified = runs(diff.paragraphs[1]);
    expect(modified.inline.map((r) => r.mark)).toEqual(['none', 'del', 'ins', 'none']);
    expect(modified.older.map((r) => r.text).join('')).toBe('لا يزال 2,9 مليار');
    expect(modified.newer.map((r) => r.text).join('')).toBe('لا يزال 2,6 مليار');
    expect(runs(diff.paragraphs[2]).older).toEqual([]);
    expect(runs(diff.paragraphs[4]).newer).toEqual([]);
    expect(runs({ ...diff.paragraphs[0], change: 'modified', text: 'ب', previousText: 'أ' }).inline.map((r) => r.mark))
      .toEqual(['del', 'none', 'ins']);
  });

  it('cites by label, else number, else position; summarises the non-zero kinds', () => {
    expect(citation(para(1, 'OP3 bis'), 0)).toBe('OP3 bis');
    expect(citation(para(1, null, '(ب)'), 0)).toBe('(ب)');
    expect(citation(undefined, 3)).toBe('¶4');
    expect(summaryCounts(diff)).toEqual([['modified', 1], ['inserted', 1], ['deleted', 1], ['moved', 1]]);
  });
});
