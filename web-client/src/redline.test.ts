import { describe, expect, it } from 'vitest';
import { markWords, merge3, redline, tokens } from './redline';

const base = 'لا يزال 2,9 مليار شخص غير متصلين بالإنترنت تماماً في 2022، في حين';

describe('words in the browser', () => {
  it('tokenizes Arabic words with their marks, spaces and punctuation, and gives the text back', () => {
    const t = tokens('بضمانِ استمرار (ITU)، 2,9');
    expect(t.join('')).toBe('بضمانِ استمرار (ITU)، 2,9');
    expect(t).toContain('بضمانِ');
    expect(t).toContain('ITU');
  });

  it('redlines a changed figure as one deleted and one inserted word', () => {
    const runs = redline(base, base.replace('2022', '2025'));
    expect(runs.filter((r) => r.type === 'delete').map((r) => r.text)).toEqual(['2022']);
    expect(runs.filter((r) => r.type === 'insert').map((r) => r.text)).toEqual(['2025']);
    expect(runs.map((r) => (r.type === 'insert' ? '' : r.text)).join('')).toBe(base);
  });

  it('merges changes of different words, and says when both sides changed the same ones', () => {
    const ours = base.replace('2,9', '2,6');
    const theirs = base.replace('تماماً', 'كلياً');
    expect(merge3(base, ours, theirs)).toEqual({ text: base.replace('2,9', '2,6').replace('تماماً', 'كلياً'), conflict: false });
    const clash = merge3(base, base.replace('2022', '2025'), base.replace('2022', '2024'));
    expect(clash.conflict).toBe(true);
    expect(clash.text).toBe(base.replace('2022', '2024'));
    expect(merge3(base, ours, ours)).toEqual({ text: ours, conflict: false });
  });

  it('marks the colliding words where they stand', () => {
    const runs = markWords(base, ['2022']);
    expect(runs.filter((r) => r.marked).map((r) => r.text)).toEqual(['2022']);
    expect(runs.map((r) => r.text).join('')).toBe(base);
  });
});
