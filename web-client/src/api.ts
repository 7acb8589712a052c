// The only module that talks to the server.
import type { DiffJson, ProposalDiff } from './diff';
import type { components } from './generated/api';

/** The content type a revision file is sent with, by its name: DOCX, Markdown, else plain text. */
export function uploadType(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'text/markdown; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

/** The types of the API, generated from the server's OpenAPI document (npm run generate:api). */
type Schemas = components['schemas'];

/** A problem (RFC 9457) as every error of the API is answered. */
export type Problem = Schemas['Problem'];

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export type Negotiation = Schemas['Negotiation'];
/** A delegation taking part in a negotiation; a group names the delegation it acts through. */
export type NegotiationDelegation = Schemas['Delegation'];
/** One reply in a proposal's discussion thread. */
export type Reply = Schemas['Reply'];
/** A revision's comment window: the UTC deadline, and whether the silence procedure runs. */
export type CommentWindow = Schemas['CommentWindow'];
export type RevisionSummary = Schemas['RevisionSummary'];
export type Paragraph = Schemas['Paragraph'];
export type Revision = Schemas['Revision'];
export type Account = Schemas['Account'];
/** Someone taking part in a negotiation (the e-mail only for the secretariat, and for one's own account). */
export type Participant = Schemas['Participant'];
/** A participant just added, with the one-time invitation when the account has no password yet. */
export type AddedParticipant = Schemas['AddedParticipant'];
/** A one-time token that sets an account's password (an invitation, or a reset). */
export type Invitation = Schemas['Invitation'];
export type AccountState = Schemas['AccountState'];
/** A delegation of the reference list (member states, observers, groups with their members). */
export type ReferenceDelegation = Schemas['ReferenceDelegation'];
/** What the secretariat sends to add a participant (no password: a one-time invitation is issued). */
export interface NewParticipant {
  email: string;
  role: Participant['role'];
  displayName?: string;
  delegation?: string;
  password?: string;
}
/** A reference delegation is added by its code alone; a custom one with its kind and names. */
export interface NewDelegation {
  code: string;
  kind?: 'organisation' | 'observer';
  nameEn?: string;
  nameAr?: string;
}

function csrfToken(): string | null {
  const match = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('plenary_csrf='));
  return match ? decodeURIComponent(match.substring('plenary_csrf='.length)) : null;
}

/** One call to the server (also used by merge-api.ts): JSON in and out, CSRF token, problems as {@link ApiError}. */
export async function call<T>(method: string, path: string, body?: unknown, contentType = 'application/json',
  extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = contentType;
  const csrf = csrfToken();
  if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new ApiError(parsed ?? { type: 'about:blank', title: response.statusText, status: response.status });
  }
  return parsed as T;
}

export type Proposal = Schemas['Proposal'];
/** What a delegate submits; the delegation comes from the session on the server. */
export type NewProposal = Schemas['ProposalInput'];

/** One Server-Sent Event of a negotiation (the audit log entry, filtered for this user). */
export interface LiveEvent {
  id: number;
  type: string;
  negotiation: number;
  subject: string | null;
  delegation: string | null;
  at: string;
  payload: Record<string, unknown>;
}

/** The event types the web client follows; EventSource only delivers named events one listens to. */
export const LIVE_TYPES = [
  'proposal.created', 'proposal.updated', 'proposal.withdrawn', 'proposal.replied',
  'proposal.cosponsors-invited', 'proposal.cosponsor-accepted', 'proposal.cosponsor-declined',
  'revision.created', 'participant.added', 'revision.comment-window',
  // the merge workspace (facilitators and secretariat only) and publication (everyone): see merge-api.ts
  'revision.published', 'workspace.decision', 'workspace.combination', 'workspace.paragraph-edited',
  'workspace.paragraph-inserted', 'workspace.paragraph-deleted', 'workspace.paragraph-moved',
  // a group's private stage (its participants only) and its submission (everyone): see group-api.ts
  'group.stage-opened', 'group.stage-changed', 'group.note-created', 'group.note-withdrawn', 'group.note-decided',
  'group.notes-combined', 'group.position-stance', 'group.submitted',
] as const;

function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Follows a negotiation's live events. EventSource reconnects by itself and resumes with Last-Event-ID,
 * so nothing is lost across a network hiccup or a server restart. Returns the function that stops.
 */
function follow(n: number, onEvent: (e: LiveEvent) => void, onState?: (live: boolean) => void): () => void {
  const source = new EventSource(`/api/v1/negotiations/${n}/events`, { withCredentials: true });
  const handle = (m: MessageEvent<string>) => {
    try {
      onEvent(JSON.parse(m.data) as LiveEvent);
    } catch {
      // a frame that is not JSON is not ours
    }
  };
  for (const type of LIVE_TYPES) source.addEventListener(type, handle as EventListener);
  source.onopen = () => onState?.(true);
  source.onerror = () => onState?.(source.readyState === EventSource.OPEN);
  return () => source.close();
}

export const api = {
  follow,
  proposals: (n: number, r: number, filter: Record<string, string> = {}) => {
    const q = new URLSearchParams(filter).toString();
    return call<{ proposals: Proposal[] }>('GET', `/negotiations/${n}/revisions/${r}/proposals${q ? `?${q}` : ''}`)
      .then((x) => x.proposals);
  },
  proposalDiff: (n: number, r: number, id: number) =>
    call<ProposalDiff>('GET', `/negotiations/${n}/revisions/${r}/proposals/${id}/diff`),
  diff: (n: number, from: number, to: number) =>
    call<DiffJson>('GET', `/negotiations/${n}/diff?from=${from}&to=${to}&format=json`),
  proposal: (n: number, r: number, id: number) =>
    call<Proposal>('GET', `/negotiations/${n}/revisions/${r}/proposals/${id}`),
  propose: (n: number, r: number, proposal: NewProposal) =>
    call<Proposal>('POST', `/negotiations/${n}/revisions/${r}/proposals`, proposal, 'application/json',
      { 'Idempotency-Key': newIdempotencyKey() }),
  edit: (n: number, r: number, p: Proposal, changes: { text?: string; rationale?: string }) =>
    call<Proposal>('PATCH', `/negotiations/${n}/revisions/${r}/proposals/${p.id}`, changes, 'application/json',
      { 'If-Match': p.etag }),
  withdraw: (n: number, r: number, p: Proposal) =>
    call<Proposal>('POST', `/negotiations/${n}/revisions/${r}/proposals/${p.id}/withdraw`, {}, 'application/json',
      { 'If-Match': p.etag }),
  inviteCosponsors: (n: number, r: number, p: Proposal, delegations: string[]) =>
    call<Proposal>('POST', `/negotiations/${n}/revisions/${r}/proposals/${p.id}/cosponsors`, { delegations }),
  answerCosponsorship: (n: number, r: number, p: Proposal, delegation: string, accept: boolean) =>
    call<Proposal>('PUT', `/negotiations/${n}/revisions/${r}/proposals/${p.id}/cosponsors/${delegation}`,
      { answer: accept ? 'accept' : 'decline' }),
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
  replies: (n: number, r: number, id: number) =>
    call<{ replies: Reply[] }>('GET', `/negotiations/${n}/revisions/${r}/proposals/${id}/replies`).then((x) => x.replies),
  reply: (n: number, r: number, id: number, text: string, inReplyTo: number | null = null) =>
    call<Reply>('POST', `/negotiations/${n}/revisions/${r}/proposals/${id}/replies`,
      inReplyTo === null ? { text } : { text, inReplyTo }, 'application/json', { 'Idempotency-Key': newIdempotencyKey() }),
  setCommentWindow: (n: number, r: number, deadline: string | null, silence: boolean) =>
    call<CommentWindow>('PUT', `/negotiations/${n}/revisions/${r}/comment-window`, { deadline, silence }),
  commentWindow: (n: number, r: number) => call<CommentWindow>('GET', `/negotiations/${n}/revisions/${r}/comment-window`),
  delegations: (n: number) =>
    call<{ delegations: NegotiationDelegation[] }>('GET', `/negotiations/${n}/delegations`).then((x) => x.delegations),
  participants: (n: number) =>
    call<{ participants: Participant[] }>('GET', `/negotiations/${n}/participants`).then((x) => x.participants),
  addParticipant: (n: number, p: NewParticipant) =>
    call<AddedParticipant>('POST', `/negotiations/${n}/participants`, p),
  resetPassword: (n: number, account: number) =>
    call<{ accountId: number; invitation: Invitation }>('POST', `/negotiations/${n}/participants/${account}/password-reset`),
  setDisabled: (n: number, account: number, disabled: boolean) =>
    call<AccountState>('POST', `/negotiations/${n}/participants/${account}/${disabled ? 'disable' : 'enable'}`),
  addDelegation: (n: number, d: NewDelegation) => call<NegotiationDelegation>('POST', `/negotiations/${n}/delegations`, d),
  setCoordinator: (n: number, group: string, coordinator: string | null) =>
    call<NegotiationDelegation>('PUT', `/negotiations/${n}/delegations/${encodeURIComponent(group)}/coordinator`, { coordinator }),
  referenceDelegations: () =>
    call<{ delegations: ReferenceDelegation[] }>('GET', '/delegations').then((x) => x.delegations),
  /** Sets the password of an invited (or reset) account with its one-time token; no login needed. */
  acceptInvitation: (token: string, password: string) =>
    call<Account>('POST', '/invitations/accept', { token, password }),
  /** Uploads a text, Markdown or DOCX file as the next revision (the server reads each by its content type). */
  uploadRevision: (n: number, label: string, file: File) =>
    call<Revision>('POST', `/negotiations/${n}/revisions?label=${encodeURIComponent(label)}&name=${encodeURIComponent(file.name)}`,
      file, uploadType(file.name)),
};
