import { describe, expect, it } from 'vitest';
import { Navigation, parseRoute, routeHash } from './route';

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
  it('reads the secretariat\'s pages and the invitation', () => {
    expect(parseRoute('#/n/4/participants')).toEqual({ view: 'participants', negotiation: 4 });
    expect(routeHash({ view: 'delegations', negotiation: 4 })).toBe('#/n/4/delegations');
    expect(parseRoute('#/n/4/delegations')).toEqual({ view: 'delegations', negotiation: 4 });
    const r = parseRoute('#/invitation/abc-DEF_123');
    expect(r).toEqual({ view: 'invitation', token: 'abc-DEF_123' });
    expect(routeHash(r)).toBe('#/invitation/abc-DEF_123');
  });
  it('falls back to the negotiation list on anything unknown', () => {
    expect(parseRoute('#/n/abc')).toEqual({ view: 'negotiations' });
    expect(parseRoute('')).toEqual({ view: 'negotiations' });
  });
  it('follows the location as a model: the route, and an event when it changes', () => {
    const location = { hash: '#/n/2' };
    const nav = new Navigation(location);
    expect(nav.route).toEqual({ view: 'negotiation', negotiation: 2 });
    let changes = 0;
    nav.addEventListener(Navigation.changeType, () => changes++);
    location.hash = '#/n/2/participants';
    nav.update();
    expect(nav.route).toEqual({ view: 'participants', negotiation: 2 });
    expect(changes).toBe(1);
  });
});
