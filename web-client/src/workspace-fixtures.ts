// Test data of the merge workspace (vitest), shared by workspace.test.ts and workspace-view.test.ts.
import type { WorkspaceOverview, WsParagraph, WsProposal } from './merge-api';

export const BASE = 'أنه في حين أن تكنولوجيا المعلومات، لا يزال 2,9 مليار شخص غير متصلين تماماً في 2022، في حين';
export const wsProposal = (id: number, over: Partial<WsProposal> = {}): WsProposal => ({
  id, kind: 'amend', placement: null, target: null, delegation: 'ARAB', submittedBy: 'EGY', cosponsors: [],
  text: `(أ) ${BASE.replace('2,9', '2,6')}`, rationale: null, anchor: null, state: 'submitted', etag: `"p${id}v1"`,
  decision: 'open', note: null, combination: null, replies: 0, ...over,
});
export const wsParagraph = (id: number, over: Partial<WsParagraph> = {}): WsParagraph => ({
  id, label: 'PP9', kind: 'preamble', number: '(أ)', status: 'open', text: BASE, direction: 'rtl', baseText: BASE,
  ops: [], etag: `"w${id}v1"`, proposals: [], ...over,
});
export const overview = (paragraphs: WsParagraph[], deleted: WorkspaceOverview['deleted'] = []): WorkspaceOverview => ({
  workspace: { id: 2, seq: 2, label: 'Rev.1', basedOn: 1, state: 'editing' }, progress: { decided: 0, open: 0 },
  paragraphs, deleted,
});

