import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route';

describe('hash routes', () => {
  it('reads a revision route and writes it back', () => {
    const r = parseRoute('#/n/12/r/3');
    expect(r).toEqual({ view: 'revision', negotiation: 12, revision: 3 });
    expect(routeHash(r)).toBe('#/n/12/r/3');
  });
  it('reads the merge workspace and the fates routes', () => {
    expect(parseRoute('#/n/12/r/3/merge')).toEqual({ view: 'workspace', negotiation: 12, revision: 3 });
    expect(routeHash({ view: 'workspace', negotiation: 12, revision: 3 })).toBe('#/n/12/r/3/merge');
    expect(parseRoute('#/n/12/fates')).toEqual({ view: 'fates', negotiation: 12 });
    expect(routeHash({ view: 'fates', negotiation: 12 })).toBe('#/n/12/fates');
  });
  it('falls back to the negotiation list on anything unknown', () => {
    expect(parseRoute('#/n/abc')).toEqual({ view: 'negotiations' });
    expect(parseRoute('')).toEqual({ view: 'negotiations' });
  });
});
