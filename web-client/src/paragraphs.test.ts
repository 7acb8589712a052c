import { describe, expect, it } from 'vitest';
import { anchorOf, bracketSegments, depths, utcFromLocalInput, utcMinute } from './paragraphs';
import type { Paragraph } from './api';
import { localDigits } from './i18n';

const p = (id: number, parent: number | null): Paragraph => ({
  id, parent, position: id, kind: 'text', number: null, text: '', direction: 'rtl', brackets: 0,
  status: 'open', change: 'inserted', previousNumber: null, label: null, alt: null, previousPosition: null, splitFrom: null,
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

describe('span anchors', () => {
  const text = 'لا يزال 2,9 مليار شخص غير متصلين بالإنترنت (ITU)، ولا سيما في أقل البلدان نمواً.';
  it('quotes the selected span with its context, trimmed of blanks', () => {
    const from = text.indexOf('2,9') - 1;
    const a = anchorOf(text, from, from + ' 2,9 مليار '.length)!;
    expect(a.exact).toBe('2,9 مليار');
    expect(a.prefix.endsWith('لا يزال ')).toBe(true);
    expect(a.suffix.startsWith(' شخص')).toBe(true);
    expect([...text].slice(a.start, a.end).join('')).toBe('2,9 مليار');
  });
  it('counts code points as the server does, not UTF-16 units', () => {
    const t = '𝐀 WSIS+20 review';
    const from = t.indexOf('WSIS');
    const a = anchorOf(t, from, from + 'WSIS+20'.length)!;
    expect(a.exact).toBe('WSIS+20');
    expect(a.start).toBe(2); // '𝐀' is one code point, two UTF-16 units
    expect(a.end).toBe(9);
  });
  it('has no anchor for an empty or blank selection, and accepts a backwards one', () => {
    expect(anchorOf(text, 5, 5)).toBeNull();
    expect(anchorOf('a   b', 1, 4)).toBeNull();
    expect(anchorOf(text, 11, 8)?.exact).toBe(text.slice(8, 11).trim());
  });
});

describe('deadlines', () => {
  it('reads as a UTC minute, in Arabic-Indic digits for Arabic', () => {
    expect(utcMinute('2026-12-03T17:00:00Z')).toBe('2026-12-03 17:00 UTC');
    expect(utcMinute('2026-12-03T19:30:00+02:00')).toBe('2026-12-03 17:30 UTC');
    expect(localDigits(utcMinute('2026-12-03T17:00:00Z'), 'ar')).toBe('٢٠٢٦-١٢-٠٣ ١٧:٠٠ UTC');
    expect(utcMinute('not a date')).toBe('not a date');
    expect(utcFromLocalInput('2026-12-03T17:00')).toBe('2026-12-03T17:00:00Z');
    expect(utcFromLocalInput('  ')).toBeNull();
  });
});
