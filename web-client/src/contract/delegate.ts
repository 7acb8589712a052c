// A client generated from the server's OpenAPI document, as an integrator would build one: the types come from
// openapi-typescript (src/generated/api.ts, `npm run generate:api`), the calls from openapi-fetch. `tsc` checks
// every path, parameter and body below against the contract; generated-client.test.ts runs them against a real
// server (GeneratedClientTest starts one). Not part of the web client's bundle.
import createClient from 'openapi-fetch';
import type { components, paths } from '../generated/api';

export type Client = ReturnType<typeof createClient<paths>>;
type Schemas = components['schemas'];

/** A client of the API under {@code base} (e.g. http://localhost:8080), with a bearer token once logged in. */
export function client(base: string, token?: string): Client {
  return createClient<paths>({
    baseUrl: `${base}/api/v1`,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

/** Fails with the problem the server answered, or returns the data. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(`${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

export async function logIn(base: string, email: string, password: string): Promise<Client> {
  const session = ok(await client(base).POST('/session', { body: { email, password } }));
  return client(base, session.token);
}

/** The secretariat's part: a negotiation, a delegate of Egypt, the zero draft. */
export async function prepare(admin: Client, title: string, draft: string, delegate: { email: string; password: string })
  : Promise<{ negotiation: Schemas['Negotiation']; revision: Schemas['UploadedRevision'] }> {
  const negotiation = ok(await admin.POST('/negotiations', { body: { title, languages: ['ar'] } }));
  ok(await admin.POST('/negotiations/{n}/participants', {
    params: { path: { n: negotiation.id } },
    body: { email: delegate.email, password: delegate.password, delegation: 'EGY', role: 'delegate' },
  }));
  const revision = ok(await admin.POST('/negotiations/{n}/revisions', {
    params: { path: { n: negotiation.id }, query: { label: 'Zero draft' } },
    body: draft,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    bodySerializer: (text: string) => text,
  }));
  return { negotiation, revision };
}

/** A delegate's main calls: read the revision, propose on the paragraph that quotes {@code exact}, read it back
 * with its ETag, read the compilation. */
export async function delegateDay(delegate: Client, n: number, r: number, exact: string, replacement: string) {
  const revision = ok(await delegate.GET('/negotiations/{n}/revisions/{r}', { params: { path: { n, r } } }));
  const paragraph = revision.paragraphs.find((p) => p.text.includes(exact));
  if (!paragraph) throw new Error(`no paragraph quotes ${exact}`);
  const created = await delegate.POST('/negotiations/{n}/revisions/{r}/proposals', {
    params: { path: { n, r }, header: { 'Idempotency-Key': `generated-client-${n}-${r}` } },
    body: { kind: 'amend', paragraph: paragraph.id, anchor: { exact }, text: replacement,
      rationale: 'تحديث الأرقام وفقاً لأحدث إحصاءات الاتحاد' },
  });
  // the operation answers a group's note for a body with "visibility"; without one it is the public proposal
  const proposal = ok(created) as Schemas['Proposal'];
  const read = await delegate.GET('/negotiations/{n}/revisions/{r}/proposals/{id}', { params: { path: { n, r, id: proposal.id } } });
  const compiled = ok(await delegate.GET('/negotiations/{n}/revisions/{r}/compilation', {
    params: { path: { n, r }, query: { format: 'json', lang: 'ar' } },
  }));
  // the operation answers several media types; format=json is the JSON model
  if (typeof compiled === 'string') throw new Error('the compilation came as text, not JSON');
  const compilation: Schemas['Compilation'] = compiled;
  return { revision, paragraph, proposal, location: created.response.headers.get('Location'),
    etag: read.response.headers.get('ETag'), compilation };
}
