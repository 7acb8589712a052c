import { describe, expect, it } from 'vitest';
import { bracketSegments, depths } from './paragraphs';
import type { Paragraph } from './api';
import { localDigits } from './i18n';

const p = (id: number, parent: number | null): Paragraph => ({
  id, parent, position: id, kind: 'text', number: null, text: '', direction: 'rtl', brackets: 0,
  status: 'open', change: 'inserted', previousNumber: null, label: null,
});

describe('paragraph layout', () => {
  it('indents a sub-paragraph under its parent', () => {
    const d = depths([p(1, null), p(2, 1), p(3, 2)]);
    expect([d.get(1), d.get(2), d.get(3)]).toEqual([0, 1, 2]);
  });
  it('marks bracketed Arabic text', () => {
    const s = bracketSegments('أهمية إشراك جميع أصحاب المصلحة، [ولا سيما الحكومات]، في تعبئة');
    expect(s.filter((x) => x.bracketed).map((x) => x.text)).toEqual(['[ولا سيما الحكومات]']);
    expect(s.map((x) => x.text).join('')).toBe('أهمية إشراك جميع أصحاب المصلحة، [ولا سيما الحكومات]، في تعبئة');
  });
  it('shows Arabic-Indic digits in the Arabic interface', () => {
    expect(localDigits(2025, 'ar')).toBe('٢٠٢٥');
    expect(localDigits(2025, 'en')).toBe('2025');
  });
});
