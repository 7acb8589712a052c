// Fixtures of a group's stage for the tests: the Arab Group on PP9 of the Arabic zero draft.
import type { Revision } from './api';
import type { GroupNote, GroupPosition, GroupStage } from './group-api';

export const PARA = 'وإذ يساورها القلق لأنه لا يزال 2,9 مليار شخص غير موصولين بالإنترنت';

export function note(id: number, over: Partial<GroupNote> = {}): GroupNote {
  return {
    id, visibility: 'group:ARAB', paragraph: 15, kind: 'amend', placement: null, target: null, text: '2,6 مليار',
    rationale: null, anchor: { type: 'TextQuoteSelector', exact: '2,9 مليار', prefix: '', suffix: '', start: 0, end: 9 },
    proposedParagraph: PARA.replace('2,9', '2,6'), delegation: 'SAU', state: 'submitted',
    createdAt: '2026-12-07T09:00:00Z', supports: [], objections: [],
    outcome: { decision: 'undecided', note: null, item: null, proposal: null, proposalState: null, fate: null, fateRevision: null },
    ...over,
  };
}

export function stage(over: Partial<GroupStage> = {}): GroupStage {
  return {
    id: 1, group: 'ARAB', revision: 1, deadline: '2026-12-20T17:00:00Z', open: true, state: 'open', coordinator: 'EGY',
    members: ['EGY', 'SAU', 'IRQ'], guests: ['ESCWA'], submittedAt: null, you: { delegation: 'EGY', standing: 'coordinator' },
    counts: { notes: 2, undecided: 1, items: 1 }, version: 1, ...over,
  };
}

export type Item = GroupPosition['items'][number];

export function item(id: number, over: Partial<Item> = {}): Item {
  return {
    id, paragraph: 15, kind: 'amend', placement: null, text: '2,6 مليار', rationale: null, anchor: null, origin: 'adopt',
    notes: [1], supports: [], objections: [], optedOut: [], cosponsors: ['SAU'], proposal: null, fate: null, ...over,
  };
}

export const REVISION = {
  id: 1, negotiation: 1, seq: 1, label: 'Zero draft', basedOn: null, state: 'published', sourceFormat: 'text',
  sourceName: null, bracketCount: 0, createdAt: '2026-11-20T09:00:00Z',
  paragraphs: [{ id: 15, position: 9, label: 'PP9', number: null, kind: 'preambular', text: PARA, direction: 'rtl',
    parent: null, change: 'unchanged' }],
} as unknown as Revision;

