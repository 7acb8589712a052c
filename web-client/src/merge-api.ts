// The facilitators' merge workspace and the fates of proposals (docs/merge.md): the calls and their shapes.
// Next to api.ts (which it uses for the one `call`), so the merge's routes live in one place.
import { call, type RevisionSummary } from './api';

/** The decisions a facilitator takes on one proposal; "open" takes a decision back. */
export const DECISIONS = ['accept', 'accept-modified', 'not-retained', 'noted', 'defer', 'open'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Paragraph statuses a facilitator sets in the workspace. */
export const STATUSES = ['open', 'bracketed', 'suggested-for-closure', 'agreed-ad-ref', 'agreed'] as const;

/** A revision as the list gives it, with its state ("published", "editing") and the revision it is built on. */
export type RevisionState = RevisionSummary;

export interface Workspace {
  id: number;
  seq: number;
  label: string;
  basedOn: number;
  state: string;
}

/** A proposal of Rev.N as the workspace shows it, with its decision. */
export interface WsProposal {
  id: number;
  kind: string;
  placement: string | null;
  target: number | null;
  delegation: string;
  submittedBy: string;
  cosponsors: string[];
  text: string | null;
  rationale: string | null;
  anchor: { exact: string; prefix?: string | null; suffix?: string | null; start?: number; end?: number } | null;
  state: string;
  etag: string;
  /** accept, accept-modified, combined, not-retained, noted, defer, or open (undecided). */
  decision: string;
  note: string | null;
  combination: number | null;
  /** How many replies its discussion has (servers before it sent none). */
  replies?: number;
}

/** One paragraph of the workspace: its text in Rev.N and now, its ETag, its proposals. */
export interface WsParagraph {
  id: number;
  label: string | null;
  kind: string;
  number: string | null;
  status: string;
  text: string;
  direction: 'rtl' | 'ltr';
  /** The paragraph in Rev.N; null for a paragraph inserted in the workspace. */
  baseText: string | null;
  ops: { start: number; end: number; removed: string; inserted: string }[];
  etag: string | null;
  proposals: WsProposal[];
}

export interface WorkspaceOverview {
  workspace: Workspace;
  progress: { decided: number; open: number };
  paragraphs: WsParagraph[];
  deleted: { id: number; text: string; etag: string; proposals: WsProposal[] }[];
}

/** A workspace paragraph as an edit returns it. */
export interface WsParagraphState {
  id: number;
  position: number | null;
  kind: string;
  number: string | null;
  text: string;
  direction: 'rtl' | 'ltr';
  status: string;
  deleted: boolean;
  version: number;
  etag: string;
}

export interface Decided {
  proposal: number;
  decision: string;
  etag: string;
  paragraph: WsParagraphState | null;
}

export interface BatchItem {
  proposal: number;
  etag: string;
  decision: Decision;
  text?: string;
  note?: string;
}

export interface BatchResult {
  decided: number;
  refused: number;
  results: ({ status: number; proposal: number } & Partial<Decided> & { problem?: { type: string; title: string; detail?: string } })[];
}

export interface Published {
  revision: number;
  label: string;
  fates: Record<string, number>;
  carried: number;
  needsRebase: number;
}

/** One proposal's step in its chain across revisions. */
export interface FateLink {
  proposal: number;
  revision: number;
  revisionLabel: string;
  paragraph: number;
  kind: string;
  delegation: string;
  submittedBy: string;
  text: string | null;
  state: string;
  fate: string | null;
  fateRevision: number | null;
  fateRevisionLabel: string | null;
  resultingText: string | null;
  similarity: number | null;
  carriedFrom: number | null;
  needsRebase: boolean | null;
}

export interface FateChain {
  proposal: number;
  delegation: string;
  kind: string;
  fate: string;
  resultingText: string | null;
  chain: FateLink[];
}

const rev = (n: number, r: number) => `/negotiations/${n}/revisions/${r}`;

export const mergeApi = {
  revisions: (n: number) =>
    call<{ revisions: RevisionState[] }>('GET', `/negotiations/${n}/revisions`).then((x) => x.revisions),
  /** Opens the workspace of Rev.N+1 on published revision {@code r} (409 workspace-open when one is). */
  openSuccessor: (n: number, r: number, label: string) => call<Workspace>('POST', `${rev(n, r)}/successor`, { label }),
  overview: (n: number, r: number) => call<WorkspaceOverview>('GET', `${rev(n, r)}/successor-workspace`),
  decide: (n: number, r: number, p: { id: number; etag: string }, decision: Decision, text?: string, note?: string) =>
    call<Decided>('PUT', `${rev(n, r)}/proposals/${p.id}/decision`, {
      decision, ...(text !== undefined ? { text } : {}), ...(note ? { note } : {}),
    }, 'application/json', { 'If-Match': p.etag }),
  decideAll: (n: number, r: number, decisions: BatchItem[], atomic = false) =>
    call<BatchResult>('POST', `${rev(n, r)}/decisions`, { decisions, atomic }),
  combine: (n: number, r: number, proposals: { id: number; etag: string }[], text: string) =>
    call<{ id: number; paragraph: number; result: string }>('POST', `${rev(n, r)}/successor-workspace/combinations`,
      { proposals: proposals.map((p) => p.id), text }, 'application/json',
      { 'If-Match': proposals.map((p) => p.etag).join(', ') }),
  edit: (n: number, ws: number, p: { id: number; etag: string }, changes: { text?: string; status?: string }) =>
    call<WsParagraphState>('PATCH', `${rev(n, ws)}/paragraphs/${p.id}`, changes, 'application/json', { 'If-Match': p.etag }),
  insert: (n: number, ws: number, where: { after: number } | { before: number }, text: string) =>
    call<WsParagraphState>('POST', `${rev(n, ws)}/paragraphs`, { ...where, text }),
  remove: (n: number, ws: number, p: { id: number; etag: string }) =>
    call<void>('DELETE', `${rev(n, ws)}/paragraphs/${p.id}`, undefined, 'application/json', { 'If-Match': p.etag }),
  move: (n: number, ws: number, p: { id: number; etag: string }, where: { after: number } | { before: number }) =>
    call<WsParagraphState>('POST', `${rev(n, ws)}/paragraphs/${p.id}/move`, where, 'application/json', { 'If-Match': p.etag }),
  publish: (n: number, ws: number) => call<Published>('POST', `${rev(n, ws)}/publish`, {}),
  fates: (n: number, delegation?: string) =>
    call<{ fates: FateChain[] }>('GET', `/negotiations/${n}/fates${delegation ? `?delegation=${encodeURIComponent(delegation)}` : ''}`)
      .then((x) => x.fates),
};
