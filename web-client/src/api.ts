// The only module that talks to the server.

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export interface Negotiation {
  id: number;
  title: string;
  languages: string[];
  state: string;
  role: string;
  delegation: string | null;
}

export interface RevisionSummary {
  id: number;
  seq: number;
  label: string;
  bracketCount: number;
  paragraphCount: number;
  createdAt: string;
}

export interface Paragraph {
  id: number;
  position: number;
  kind: string;
  number: string | null;
  parent: number | null;
  text: string;
  direction: 'rtl' | 'ltr';
  brackets: number;
  status: string;
  change: string;
  previousNumber: string | null;
}

export interface Revision extends RevisionSummary {
  paragraphs: Paragraph[];
  deleted: { id: number; number: string | null; kind: string; text: string }[];
}

export interface Account {
  id: number;
  email: string;
  displayName: string;
  admin: boolean;
}

function csrfToken(): string | null {
  const match = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('plenary_csrf='));
  return match ? decodeURIComponent(match.substring('plenary_csrf='.length)) : null;
}

async function call<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType;
  const csrf = csrfToken();
  if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new ApiError(parsed ?? { type: 'about:blank', title: response.statusText, status: response.status });
  }
  return parsed as T;
}

export const api = {
  me: () => call<Account>('GET', '/me'),
  login: (email: string, password: string) => call<{ account: Account }>('POST', '/session', { email, password }),
  logout: () => call<void>('DELETE', '/session'),
  negotiations: () => call<{ negotiations: Negotiation[] }>('GET', '/negotiations').then((r) => r.negotiations),
  createNegotiation: (title: string, languages: string[]) =>
    call<Negotiation>('POST', '/negotiations', { title, languages }),
  negotiation: (id: number) => call<Negotiation>('GET', `/negotiations/${id}`),
  revisions: (n: number) =>
    call<{ revisions: RevisionSummary[] }>('GET', `/negotiations/${n}/revisions`).then((r) => r.revisions),
  revision: (n: number, r: number) => call<Revision>('GET', `/negotiations/${n}/revisions/${r}`),
  uploadRevision: (n: number, label: string, text: string, markdown: boolean) =>
    call<Revision>('POST', `/negotiations/${n}/revisions?label=${encodeURIComponent(label)}`, text,
      markdown ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8'),
};
