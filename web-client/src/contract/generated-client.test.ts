// @vitest-environment node
// Runs the generated client (delegate.ts) against a real server; skipped unless PLENARY_URL names one.
// GeneratedClientTest (server) starts a server and runs this file with PLENARY_URL, the admin's login and the
// Arabic sample draft's text (PLENARY_DRAFT).
import { describe, expect, it } from 'vitest';
import { delegateDay, logIn, prepare } from './delegate';

declare const process: { env: Record<string, string | undefined> }; // Node's, without @types/node
const base = process.env.PLENARY_URL;

describe.skipIf(!base)('a client generated from the OpenAPI document', () => {
  it('logs in, reads a revision, proposes and reads the compilation', async () => {
    const admin = await logIn(base!, process.env.PLENARY_EMAIL!, process.env.PLENARY_PASSWORD!);
    const draft = process.env.PLENARY_DRAFT!;
    const delegate = { email: 'egypt@example.org', password: 'a-long-password' };
    const { negotiation, revision } = await prepare(admin, 'القرار 88 (كيغالي، 2022)', draft, delegate);
    expect(revision.paragraphs.length).toBeGreaterThan(10);
    expect(revision.paragraphs.every((p) => p.direction === 'rtl')).toBe(true);

    const egypt = await logIn(base!, delegate.email, delegate.password);
    const day = await delegateDay(egypt, negotiation.id, revision.id, '2,9 مليار', '2,6 مليار');
    expect(day.paragraph.label).toBe('PP9');
    expect(day.proposal.delegation).toBe('EGY');
    expect(day.proposal.anchor?.exact).toBe('2,9 مليار');
    expect(day.location).toBe(`/api/v1/negotiations/${negotiation.id}/revisions/${revision.id}/proposals/${day.proposal.id}`);
    expect(day.etag).toBe(day.proposal.etag);
    const amended = day.compilation.paragraphs.find((p) => p.id === day.paragraph.id);
    expect(amended?.amendments[0]?.text).toContain('2,6 مليار');
  }, 60_000); // a dozen requests to a real server (logins hash passwords): 5 s is too short on a loaded machine
});
