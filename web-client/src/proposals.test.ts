import { describe, expect, it } from 'vitest';
import type { LiveEvent, Proposal } from './api';
import { ProposalBoard, needsText, proposalOf, textDirection } from './proposals';
import { kindLabel } from './i18n';
import './paragraph-proposals';
import type { ParagraphProposals } from './paragraph-proposals';
import { CosponsorAnswerEvent, EditEvent, InviteEvent, ProposeEvent, RepliesEvent, ReplyEvent, WithdrawEvent } from './events';

const proposal = (id: number, over: Partial<Proposal> = {}): Proposal => ({
  id, negotiation: 1, revision: 7, paragraph: 10, kind: 'amend', itu: { code: 'MOD', ar: 'تعديل' },
  placement: null, target: null, text: 'لا يزال 2,6 مليار شخص غير متصلين (ITU)', rationale: null, anchor: null,
  delegation: 'EGY', submittedBy: 'EGY', cosponsors: [], state: 'submitted', version: 1,
  etag: `"p${id}v1"`, breaksSilence: false, createdAt: '2026-12-01T08:00:00Z',
  updatedAt: '2026-12-01T08:00:00Z', ...over,
});

/** The component for paragraph 10, with these properties, rendered. */
async function mount(props: Partial<ParagraphProposals>): Promise<ParagraphProposals> {
  const el = document.createElement('plenary-paragraph-proposals') as ParagraphProposals;
  el.paragraph = 10;
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const event = (type: string, payload: Record<string, unknown>): LiveEvent => ({
  id: 42, type, negotiation: 1, subject: null, delegation: 'EGY', at: '2026-12-01T08:00:00Z', payload,
});

describe('the proposals of a revision', () => {
  it('groups proposals by paragraph and counts them per kind, stances apart, without withdrawn ones', () => {
    const board = new ProposalBoard(7);
    board.load([
      proposal(1), proposal(2, { kind: 'comment', delegation: 'SAU' }), proposal(3, { paragraph: 11 }),
      proposal(4, { kind: 'support', target: 1, delegation: 'IRQ' }), proposal(5, { state: 'withdrawn' }),
      proposal(6, { revision: 8 }),
    ]);
    expect(board.forParagraph(10).map((p) => p.id)).toEqual([1, 2]);
    expect(board.responsesTo(1).map((p) => p.delegation)).toEqual(['IRQ']);
    // a support is not a proposal: counted apart
    expect(board.counts(10)).toEqual({ total: 2, byKind: { amend: 1, comment: 1 }, supports: 1, objections: 0 });
    expect(board.counts(12)).toEqual({ total: 0, byKind: {}, supports: 0, objections: 0 });
    expect(board.size).toBe(3);
    expect(board.stanceOf(1, 'IRQ')?.id).toBe(4);
    expect(board.stanceOf(1, 'SAU')).toBeNull();
  });

  it('takes a live proposal once, and never lets an older version overwrite a newer one', () => {
    const board = new ProposalBoard(7);
    let changes = 0;
    board.addEventListener('change', () => changes++);
    expect(board.upsert(proposal(1, { version: 2, text: 'نص جديد' }))).toBe(true);
    expect(board.upsert(proposal(1, { version: 1 }))).toBe(false);
    expect(board.upsert(proposal(1, { version: 2, text: 'نص جديد' }))).toBe(true);
    expect(board.forParagraph(10)).toHaveLength(1);
    expect(board.forParagraph(10)[0].text).toBe('نص جديد');
    expect(board.upsert(proposal(9, { revision: 8 }))).toBe(false);
    expect(changes).toBe(2);
    board.upsert(proposal(1, { version: 3, state: 'withdrawn' }));
    expect(board.forParagraph(10)).toEqual([]);
  });

  it('knows which live events name a proposal of this revision', () => {
    expect(proposalOf(event('proposal.created', { proposal: 5, revision: 7 }), 7)).toBe(5);
    expect(proposalOf(event('proposal.cosponsor-accepted', { proposal: 5, revision: 7 }), 7)).toBe(5);
    expect(proposalOf(event('proposal.created', { proposal: 5, revision: 8 }), 7)).toBeNull();
    expect(proposalOf(event('participant.added', { delegation: 'MAR' }), 7)).toBeNull();
    expect(proposalOf(event('proposal.created', { proposal: '5' }), 7)).toBeNull();
  });

  it('sets the direction of user text from its first strong letter', () => {
    expect(textDirection('(ITU) الاتحاد الدولي للاتصالات')).toBe('ltr');
    expect(textDirection('«WSIS+20» القمة العالمية')).toBe('ltr');
    expect(textDirection('١٢٣ القمة العالمية WSIS+20')).toBe('rtl');
    expect(textDirection('Delete "in particular governments"')).toBe('ltr');
    expect(textDirection('')).toBe('ltr');
  });

  it('names kinds in both languages and asks text where a kind needs it', () => {
    expect(kindLabel('amend', 'ar')).toBe('تعديل');
    expect(kindLabel('comment', 'en')).toBe('Comment');
    expect(kindLabel('unknown', 'en')).toBe('unknown');
    expect(needsText('amend')).toBe(true);
    expect(needsText('retain')).toBe(false);
  });
});

describe('a paragraph\'s proposals on screen', () => {
  it('renders user text as text, never as HTML, each paragraph with its own direction', async () => {
    const el = await mount({
      proposals: [proposal(1, { text: 'نقترح <b>حذف</b> <img src=x onerror=alert(1)>' }),
      proposal(2, { text: 'We suggest (ITU) wording', delegation: 'USA', kind: 'comment', itu: null })],
      counts: { total: 2, byKind: { amend: 1, comment: 1 }, supports: 0, objections: 0 },
      lang: 'ar',
    });
    const texts = [...el.querySelectorAll('.proposal .text')] as HTMLElement[];
    expect(texts.map((t) => t.dir)).toEqual(['rtl', 'ltr']);
    expect(texts[0].textContent).toContain('<b>حذف</b>');
    expect(el.querySelector('b, img')).toBeNull();
    expect(el.querySelector('.counts')!.textContent).toContain('٢');
    expect(el.querySelector('form')).toBeNull();
    el.remove();
  });

  it('lets a delegate file a proposal through the small form', async () => {
    const el = await mount({
      canPropose: true,
    });
    (el.querySelector('.propose-open') as HTMLButtonElement).click();
    await el.updateComplete;
    const got: ProposeEvent[] = [];
    document.body.addEventListener(ProposeEvent.type, (e) => got.push(e));
    (el.querySelector('select[name=kind]') as HTMLSelectElement).value = 'comment';
    (el.querySelector('textarea[name=text]') as HTMLTextAreaElement).value = '  نؤيد هذه الفقرة  ';
    (el.querySelector('form') as HTMLFormElement).requestSubmit();
    expect(got).toHaveLength(1);
    expect([got[0].paragraph, got[0].kind, got[0].text, got[0].onProposal]).toEqual([10, 'comment', 'نؤيد هذه الفقرة', null]);
    got[0].done(null);
    await el.updateComplete;
    expect(el.querySelector('form')).toBeNull();
    el.remove();
  });

  it('proposes on a selected span: the form quotes it and the proposal carries its anchor', async () => {
    const el = await mount({
      canPropose: true,
      selection: { exact: '2,9 مليار', prefix: 'لا يزال ', suffix: ' شخص', start: 8, end: 17 },
    });
    (el.querySelector('.propose-span') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.querySelector('form .span q')!.textContent).toBe('2,9 مليار');
    const got: ProposeEvent[] = [];
    document.body.addEventListener(ProposeEvent.type, (e) => got.push(e));
    (el.querySelector('select[name=kind]') as HTMLSelectElement).value = 'amend';
    (el.querySelector('textarea[name=text]') as HTMLTextAreaElement).value = '2,6 مليار';
    (el.querySelector('form') as HTMLFormElement).requestSubmit();
    expect(got).toHaveLength(1);
    expect(got[0].anchor).toEqual({ exact: '2,9 مليار', prefix: 'لا يزال ', suffix: ' شخص', start: 8, end: 17 });
    expect(got[0].text).toBe('2,6 مليار');
    got[0].done(null);
    await el.updateComplete;
    // the whole paragraph again, unless asked otherwise
    (el.querySelector('.propose-open') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.querySelector('form .span')).toBeNull();
    el.remove();
  });

  it('shows the span a proposal is about', async () => {
    const el = await mount({
      proposals: [proposal(1, { text: '2,6 مليار',
      anchor: { type: 'TextQuoteSelector', exact: '2,9 مليار', prefix: 'لا يزال ', suffix: ' شخص', start: 8, end: 17 } })],
    });
    expect(el.querySelector('.proposal q.quote')!.textContent).toBe('2,9 مليار');
    el.remove();
  });

  it('lets the proposing delegation withdraw its own proposal, after a second click', async () => {
    const el = await mount({
      canPropose: true,
      delegation: 'EGY',
      proposals: [proposal(1), proposal(2, { delegation: 'USA', submittedBy: 'USA' }),
      proposal(3, { delegation: 'ARAB', submittedBy: 'EGY' })],
    });
    const withdrawable = [...el.querySelectorAll('.proposal')].filter((li) => li.querySelector('.withdraw'))
      .map((li) => (li as HTMLElement).dataset.id);
    expect(withdrawable).toEqual(['1', '3']); // its own, and the group's it submitted as coordinator
    const got: WithdrawEvent[] = [];
    document.body.addEventListener(WithdrawEvent.type, (e) => got.push(e));
    (el.querySelector('.proposal[data-id="1"] .withdraw') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(got).toHaveLength(0);
    (el.querySelector('.proposal[data-id="1"] .withdraw-yes') as HTMLButtonElement).click();
    expect(got.map((e) => e.proposal.etag)).toEqual(['"p1v1"']);
    el.remove();
  });

  it('asks an invited delegation to co-sponsor, and tells its answer', async () => {
    const el = await mount({
      canPropose: true,
      delegation: 'IRQ',
      proposals: [proposal(1, { invitations: [{ delegation: 'IRQ', state: 'invited' }] }),
      proposal(2, { invitations: [{ delegation: 'IRQ', state: 'accepted' }] })],
      lang: 'ar',
    });
    expect(el.querySelectorAll('.invitation')).toHaveLength(1);
    expect(el.querySelector('.proposal[data-id="1"] .invitation')!.textContent).toContain('مدعو');
    const got: CosponsorAnswerEvent[] = [];
    document.body.addEventListener(CosponsorAnswerEvent.type, (e) => got.push(e));
    (el.querySelector('.proposal[data-id="1"] .decline') as HTMLButtonElement).click();
    expect(got.map((e) => [e.proposal.id, e.accept])).toEqual([[1, false]]);
    el.remove();
  });

  it('proposes with a rationale, for a group the delegation coordinates, inviting co-sponsors', async () => {
    const el = await mount({
      canPropose: true,
      delegation: 'EGY',
      groups: [{ code: 'ARAB', name: 'المجموعة العربية' }],
    });
    (el.querySelector('.propose-open') as HTMLButtonElement).click();
    await el.updateComplete;
    const got: ProposeEvent[] = [];
    document.body.addEventListener(ProposeEvent.type, (e) => got.push(e));
    (el.querySelector('textarea[name=text]') as HTMLTextAreaElement).value = 'لا يزال 2,6 مليار شخص';
    (el.querySelector('textarea[name=rationale]') as HTMLTextAreaElement).value = 'تحديث الأرقام (ITU)';
    (el.querySelector('select[name=onBehalfOf]') as HTMLSelectElement).value = 'ARAB';
    (el.querySelector('input[name=cosponsors]') as HTMLInputElement).value = 'irq، SAU, irq';
    (el.querySelector('form') as HTMLFormElement).requestSubmit();
    expect(got[0].extra).toEqual({ rationale: 'تحديث الأرقام (ITU)', onBehalfOf: 'ARAB', cosponsors: ['IRQ', 'SAU'] });
    el.remove();
  });

  it('offers no group choice to a delegation that coordinates none, and sends nothing extra by default', async () => {
    const el = await mount({
      canPropose: true,
      delegation: 'QAT',
    });
    (el.querySelector('.propose-open') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.querySelector('select[name=onBehalfOf]')).toBeNull();
    const got: ProposeEvent[] = [];
    document.body.addEventListener(ProposeEvent.type, (e) => got.push(e));
    (el.querySelector('select[name=kind]') as HTMLSelectElement).value = 'retain';
    (el.querySelector('form') as HTMLFormElement).requestSubmit();
    expect(got[0].extra).toEqual({});
    el.remove();
  });

  it('edits its own proposal in place, sending only what changed', async () => {
    const el = await mount({
      canPropose: true,
      delegation: 'EGY',
      proposals: [proposal(1, { rationale: 'تحديث الأرقام' })],
    });
    (el.querySelector('.proposal .edit') as HTMLButtonElement).click();
    await el.updateComplete;
    const area = el.querySelector('form.edit textarea[name=rationale]') as HTMLTextAreaElement;
    expect(area.value).toBe('تحديث الأرقام');
    area.value = 'وفقاً لبيانات 2025 (ITU)';
    const got: EditEvent[] = [];
    document.body.addEventListener(EditEvent.type, (e) => got.push(e));
    (el.querySelector('form.edit') as HTMLFormElement).requestSubmit();
    expect(got.map((e) => [e.proposal.etag, e.changes])).toEqual([['"p1v1"', { rationale: 'وفقاً لبيانات 2025 (ITU)' }]]);
    got[0].done(null);
    await el.updateComplete;
    expect(el.querySelector('form.edit')).toBeNull();
    el.remove();
  });

  it('opens a proposal\'s discussion, shows its replies as text and sends a reply', async () => {
    const el = await mount({
      canReply: true,
      proposals: [proposal(1)],
    });
    const asked: RepliesEvent[] = [];
    const sent: ReplyEvent[] = [];
    document.body.addEventListener(RepliesEvent.type, (e) => asked.push(e));
    document.body.addEventListener(ReplyEvent.type, (e) => sent.push(e));
    (el.querySelector('.discussion') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(asked.map((e) => e.proposal)).toEqual([1]);
    asked[0].done([{ id: 5, proposalId: 1, inReplyTo: null, delegation: 'SAU', authorAccountId: 3, text: 'نؤيد <i>ذلك</i>',
      createdAt: '2026-12-01T08:00:00Z' }], null);
    await el.updateComplete;
    const reply = el.querySelector('.reply .text') as HTMLElement;
    expect(reply.textContent).toBe('نؤيد <i>ذلك</i>');
    expect(reply.dir).toBe('rtl');
    expect(el.querySelector('.reply i')).toBeNull();
    (el.querySelector('.reply-form textarea') as HTMLTextAreaElement).value = 'ما المصدر؟ (ITU)';
    (el.querySelector('.reply-form') as HTMLFormElement).requestSubmit();
    expect(sent.map((e) => [e.proposal, e.text])).toEqual([[1, 'ما المصدر؟ (ITU)']]);
    sent[0].done(null);
    expect(asked).toHaveLength(2); // the thread is read again after the reply
    el.repliesHeard = 1; // a reply heard live elsewhere reloads open threads too
    await el.updateComplete;
    expect(asked).toHaveLength(3);
    // answering a particular reply
    (el.querySelector('.reply[data-id="5"] .answer') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.querySelector('.answering')!.textContent).toContain('SAU');
    (el.querySelector('.reply-form textarea') as HTMLTextAreaElement).value = 'من تقرير الاتحاد لعام 2025';
    (el.querySelector('.reply-form') as HTMLFormElement).requestSubmit();
    expect(sent[1].inReplyTo).toBe(5);
    sent[1].done(null);
    await el.updateComplete;
    expect(el.querySelector('.answering')).toBeNull();
    asked[asked.length - 1].done([
      { id: 5, proposalId: 1, inReplyTo: null, delegation: 'SAU', authorAccountId: 3, text: 'ما المصدر؟', createdAt: '2026-12-01T08:00:00Z' },
      { id: 6, proposalId: 1, inReplyTo: 5, delegation: 'EGY', authorAccountId: 4, text: 'من تقرير الاتحاد', createdAt: '2026-12-01T08:01:00Z' },
    ], null);
    await el.updateComplete;
    expect(el.querySelector('.reply[data-id="6"] .in-reply-to')!.textContent).toContain('SAU');
    el.remove();
  });

  it('shows the proposing side its invitations with their answers, and invites more', async () => {
    const el = await mount({
      canPropose: true,
      delegation: 'EGY',
      lang: 'ar',
      proposals: [proposal(1, { invitations: [{ delegation: 'IRQ', state: 'declined' }, { delegation: 'SAU', state: 'invited' }] })],
    });
    const states = el.querySelector('.invitations')!.textContent!;
    expect(states).toContain('IRQ (اعتذرت)');
    expect(states).toContain('SAU (بانتظار الرد)');
    (el.querySelector('.invite') as HTMLButtonElement).click();
    await el.updateComplete;
    const got: InviteEvent[] = [];
    document.body.addEventListener(InviteEvent.type, (e) => got.push(e));
    (el.querySelector('.invite-form input') as HTMLInputElement).value = 'are، jor';
    (el.querySelector('.invite-form') as HTMLFormElement).requestSubmit();
    expect(got.map((e) => [e.proposal.id, e.delegations])).toEqual([[1, ['ARE', 'JOR']]]);
    got[0].done(null);
    await el.updateComplete;
    expect(el.querySelector('.invite-form')).toBeNull();
    el.remove();
  });
});
