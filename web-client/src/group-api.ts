// A group's private stage (docs/groups.md): the calls and their shapes, through api.ts's one `call`. Every route is
// under …/revisions/{r}/groups/{g}; anyone who does not take part in the stage gets 404 on all of them.
import { call, type NewProposal } from './api';
import type { components } from './generated/api';

type Schemas = components['schemas'];

/** The stage as one participant sees it: deadline, coordinator, members, guests, your standing, counts. */
export type GroupStage = Schemas['GroupStageView'];
/** A member's note: a proposal's shape, private to the group, with supporters, the decision and its outcome. */
export type GroupNote = Schemas['GroupNote'];
export type GroupNoteOutcome = Schemas['GroupNoteOutcome'];
/** The group's draft position: the adopted items with their stances and co-sponsors. */
export type GroupPosition = Schemas['GroupPosition'];
export type PositionItem = GroupPosition['items'][number];
export type GroupSubmission = Schemas['GroupSubmission'];

/** The decisions a coordinator takes on a note; "open" takes a decision back. */
export const NOTE_DECISIONS = ['adopt', 'adopt-modified', 'not-retained', 'noted', 'open'] as const;
export type NoteDecision = (typeof NOTE_DECISIONS)[number];

/** The formats of the group's notes document. */
export type NotesFormat = 'docx' | 'html' | 'md' | 'json';

function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

const groupPath = (n: number, r: number, g: string) => `/negotiations/${n}/revisions/${r}/groups/${encodeURIComponent(g)}`;

/** Where the group's notes document is downloaded (the browser sends the session cookie). */
export function notesDocumentUrl(n: number, r: number, g: string, format: NotesFormat, lang: string,
  part: 'notes' | 'position' | 'all' = 'all'): string {
  return `/api/v1${groupPath(n, r, g)}/notes?format=${format}&lang=${lang}&part=${part}`;
}

export const groupApi = {
  /** The stages on this revision the user takes part in (empty for everyone else). */
  stages: (n: number, r: number) =>
    call<{ stages: GroupStage[] }>('GET', `/negotiations/${n}/revisions/${r}/groups`).then((x) => x.stages),
  stage: (n: number, r: number, g: string) => call<GroupStage>('GET', `${groupPath(n, r, g)}/stage`),
  /** Opens the stage (the coordinator), or changes its deadline and guests. */
  openStage: (n: number, r: number, g: string, deadline: string, guests: string[]) =>
    call<unknown>('PUT', `${groupPath(n, r, g)}/stage`, { deadline, guests }),
  notes: (n: number, r: number, g: string) =>
    call<{ group: string; notes: GroupNote[] }>('GET', `${groupPath(n, r, g)}/notes`).then((x) => x.notes),
  /** A note: the same body as a proposal (its visibility, if sent, names this group). */
  note: (n: number, r: number, g: string, body: NewProposal) =>
    call<GroupNote>('POST', `${groupPath(n, r, g)}/notes`, { ...body, visibility: `group:${g}` }, 'application/json',
      { 'Idempotency-Key': newIdempotencyKey() }),
  withdraw: (n: number, r: number, g: string, id: number) =>
    call<GroupNote>('POST', `${groupPath(n, r, g)}/notes/${id}/withdraw`, {}),
  decide: (n: number, r: number, g: string, id: number, decision: NoteDecision, text?: string, note?: string) =>
    call<GroupPosition>('PUT', `${groupPath(n, r, g)}/notes/${id}/decision`, {
      decision, ...(text !== undefined ? { text } : {}), ...(note ? { note } : {}),
    }),
  /** Combines amendments of one paragraph: with a text, that text; without, the server merges their words. */
  combine: (n: number, r: number, g: string, notes: number[], text?: string) =>
    call<GroupPosition>('POST', `${groupPath(n, r, g)}/combinations`, { notes, ...(text !== undefined ? { text } : {}) }),
  position: (n: number, r: number, g: string) => call<GroupPosition>('GET', `${groupPath(n, r, g)}/position`),
  /** A member's stance on an item (null: none) and whether it co-sponsors it. */
  stance: (n: number, r: number, g: string, item: number, body: { stance?: 'support' | 'object' | null; cosponsor?: boolean }) =>
    call<GroupPosition>('PUT', `${groupPath(n, r, g)}/position/${item}/stance`, body),
  submit: (n: number, r: number, g: string) => call<GroupSubmission>('POST', `${groupPath(n, r, g)}/submission`, {}),
};
