import { describe, expect, it } from 'vitest';
import { backArrow, changeLabel, count, forwardArrow, languageLabel, problemMessage, roleLabel, SEP } from './i18n';

describe('Arabic and English done right', () => {
  it('chooses plural forms with Intl.PluralRules in both languages', () => {
    expect(count(1, 'proposal', 'en')).toBe('1 proposal');
    expect(count(8, 'proposal', 'en')).toBe('8 proposals');
    expect(count(1, 'proposal', 'ar')).toBe('١ مقترح');
    expect(count(2, 'proposal', 'ar')).toBe('٢ مقترحان');
    expect(count(8, 'proposal', 'ar')).toBe('٨ مقترحات');
    expect(count(11, 'proposal', 'ar')).toBe('١١ مقترحاً');
    expect(count(100, 'paragraph', 'ar')).toBe('١٠٠ فقرة');
    expect(count(1, 'bracket', 'en')).toBe('1 open bracket');
  });

  it('separates facts with a mark that cannot be read as an Arabic-Indic digit', () => {
    expect(SEP).not.toContain('·');
    expect(SEP).not.toMatch(/[\u0660-\u0669.\u00B7\u066B\u066C]/);
    expect(`${count(1, 'bracket', 'ar')}${SEP}${count(8, 'proposal', 'ar')}`).toBe('١ قوس مفتوح – ٨ مقترحات');
  });

  it('maps problem types and field errors to the interface language, the server detail as fallback', () => {
    const own = { type: 'urn:plenary:problem:own-proposal', title: 'Conflict', detail: 'EGY made proposal 4; …' };
    expect(problemMessage(own, 'ar')).toBe('لا يؤيد الوفد مقترحه ولا يعترض عليه.');
    expect(problemMessage(own, 'en')).toContain('its own proposal');
    const invalid = { type: 'urn:plenary:problem:validation', title: 'Invalid', detail: 'x',
      errors: [{ field: 'text', message: 'is required: the text of the new paragraph' },
        { field: 'cosponsors[0]', message: 'must be a delegation code such as "IRQ"' },
        { field: 'anchor.exact', message: 'does not occur in the paragraph' }] };
    expect(problemMessage(invalid, 'ar')).toBe(
      'بعض الحقول تحتاج إلى تصحيح. — النص: مطلوب — المشاركون في التقديم: ليس رمز وفد معروفاً — anchor.exact: does not occur in the paragraph');
    expect(problemMessage({ type: 'urn:plenary:problem:something-new', title: 'T', detail: 'the detail' }, 'ar'))
      .toBe('the detail');
  });

  it('localizes roles, language codes, change kinds, and points arrows the right way', () => {
    expect(roleLabel('facilitator', 'ar')).toBe('ميسّر');
    expect(roleLabel('delegate', 'en')).toBe('delegate');
    expect(languageLabel('ar', 'en')).toBe('Arabic');
    expect(languageLabel('en', 'ar')).toBe('الإنجليزية');
    expect(changeLabel('moved', 'ar')).toBe('منقولة');
    expect(backArrow('ar')).toBe('→');
    expect(backArrow('en')).toBe('←');
    expect(forwardArrow('ar')).toBe('←');
  });
});
