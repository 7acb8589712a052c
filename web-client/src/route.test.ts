import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route';

describe('hash routes', () => {
  it('reads a revision route and writes it back', () => {
    const r = parseRoute('#/n/12/r/3');
    expect(r).toEqual({ view: 'revision', negotiation: 12, revision: 3 });
    expect(routeHash(r)).toBe('#/n/12/r/3');
  });
  it('falls back to the negotiation list on anything unknown', () => {
    expect(parseRoute('#/n/abc')).toEqual({ view: 'negotiations' });
    expect(parseRoute('')).toEqual({ view: 'negotiations' });
  });
});
