// Labels of a group's private stage (views/group-view.ts, views/group-stages.ts) in English and Arabic, the
// group's problems, and plurals by Intl.PluralRules. Apart from i18n.ts so the feature's words live together.
import { localDigits, problemMessage, type Lang, type ProblemLike } from './i18n';

const labels = {
  groupStages: { en: 'Group stages', ar: 'مراحل المجموعات' },
  groupStagesHint: { en: 'Private to each group until its coordinator submits the position.', ar: 'خاصة بكل مجموعة إلى أن يقدّم منسقها موقفها.' },
  stageOf: { en: 'Group stage of', ar: 'المرحلة الداخلية لمجموعة' },
  openWorkspace: { en: 'Open the workspace of', ar: 'فتح مساحة عمل' },
  openStage: { en: 'Open the group stage', ar: 'فتح المرحلة الداخلية للمجموعة' },
  openStageOf: { en: 'Open the group stage of', ar: 'فتح المرحلة الداخلية لمجموعة' },
  internalDeadline: { en: 'Internal deadline (UTC)', ar: 'الموعد النهائي الداخلي (بالتوقيت العالمي)' },
  guests: { en: 'Invited organisations (codes, e.g. ESCWA, LAS)', ar: 'المنظمات المدعوة (رموز، مثل ESCWA, LAS)' },
  changeStage: { en: 'Change deadline and guests', ar: 'تغيير الموعد النهائي والمدعوين' },
  save: { en: 'Save', ar: 'حفظ' },
  cancel: { en: 'Cancel', ar: 'إلغاء' },
  privateBanner: { en: 'Private to', ar: 'خاص بـ' },
  privateUntil: { en: 'until submitted: no other delegation, observer or facilitator sees these notes.', ar: 'حتى التقديم: لا يرى هذه الملاحظات أي وفد آخر أو مراقب أو ميسّر.' },
  submittedBanner: { en: 'Submitted: the group\'s position is now ordinary proposals on the revision.', ar: 'قُدّم: أصبح موقف المجموعة مقترحات عادية على المراجعة.' },
  deadlineLabel: { en: 'Internal deadline', ar: 'الموعد النهائي الداخلي' },
  closedStage: { en: 'Notes and stances are closed.', ar: 'أُغلق باب الملاحظات والمواقف.' },
  coordinator: { en: 'Coordinator', ar: 'المنسق' },
  members: { en: 'Members', ar: 'الأعضاء' },
  guestsShort: { en: 'Guests', ar: 'المدعوون' },
  youAre: { en: 'You take part as', ar: 'تشاركون بصفة' },
  standing_coordinator: { en: 'coordinator', ar: 'المنسق' },
  standing_member: { en: 'member', ar: 'عضو' },
  standing_guest: { en: 'guest (comments and questions)', ar: 'مدعو (تعليقات وأسئلة)' },
  notesDocument: { en: 'Notes document', ar: 'وثيقة الملاحظات' },
  arabic: { en: 'Arabic', ar: 'بالعربية' },
  english: { en: 'English', ar: 'بالإنكليزية' },
  writeNote: { en: 'Write a note…', ar: 'كتابة ملاحظة…' },
  writeNoteOn: { en: 'Write a note on', ar: 'كتابة ملاحظة على' },
  noteOnSelection: { en: 'Note on the selected text…', ar: 'ملاحظة على النص المحدد…' },
  sendNote: { en: 'Send to the group', ar: 'إرسال إلى المجموعة' },
  notesOn: { en: 'Notes on', ar: 'الملاحظات على' },
  supportNote: { en: 'Support the note of', ar: 'تأييد ملاحظة' },
  objectNote: { en: 'Object to the note of', ar: 'الاعتراض على ملاحظة' },
  withdrawNote: { en: 'Withdraw my note on', ar: 'سحب ملاحظتي على' },
  confirmWithdraw: { en: 'Withdraw it?', ar: 'سحبها؟' },
  decisionLabel: { en: 'Coordinator\'s decision', ar: 'قرار المنسق' },
  adopt: { en: 'Adopt', ar: 'اعتماد' },
  adoptModified: { en: 'Adopt with changes', ar: 'اعتماد مع تعديلات' },
  notRetained: { en: 'Not retained', ar: 'عدم الاعتماد' },
  noted: { en: 'Noted', ar: 'الإحاطة علماً' },
  undo: { en: 'Undo', ar: 'التراجع' },
  ofNote: { en: 'the note of', ar: 'ملاحظة' },
  onP: { en: 'on', ar: 'على' },
  groupText: { en: 'The group\'s text (for an amendment, the whole paragraph)', ar: 'نص المجموعة (للتعديل: الفقرة كاملة)' },
  select: { en: 'Select to combine', ar: 'تحديد للدمج' },
  combineSelected: { en: 'Combine selected', ar: 'دمج الملاحظات المحددة' },
  combineText: { en: 'The paragraph as the group proposes it', ar: 'الفقرة كما تقترحها المجموعة' },
  combineWithText: { en: 'Combine with this text', ar: 'الدمج بهذا النص' },
  conflictTitle: { en: 'These amendments change the same words differently', ar: 'هذه التعديلات تغيّر الكلمات نفسها بطرق مختلفة' },
  conflictHint: { en: 'Nothing was combined. Type the paragraph as the group proposes it, then combine.', ar: 'لم يُدمج شيء. اكتبوا الفقرة كما تقترحها المجموعة ثم ادمجوا.' },
  collidingWords: { en: 'Colliding words', ar: 'الكلمات المتعارضة' },
  draftWithNotes: { en: 'The draft with the group\'s notes', ar: 'المسودة مع ملاحظات المجموعة' },
  draftPosition: { en: 'Draft position of the group', ar: 'مشروع موقف المجموعة' },
  noItems: { en: 'Nothing adopted yet.', ar: 'لم يُعتمد شيء بعد.' },
  fromNotes: { en: 'from notes', ar: 'من الملاحظات' },
  supportItem: { en: 'Support item', ar: 'تأييد البند' },
  objectItem: { en: 'Object to item', ar: 'الاعتراض على البند' },
  cosponsorItem: { en: 'My delegation co-sponsors item', ar: 'يشارك وفدي في تقديم البند' },
  cosponsorsLabel: { en: 'Co-sponsors on submission', ar: 'المشاركون في التقديم عند التقديم' },
  optedOut: { en: 'opted out', ar: 'انسحب من المشاركة في التقديم' },
  supportedBy: { en: 'supported by', ar: 'يؤيدها' },
  objectedBy: { en: 'objected to by', ar: 'يعترض عليها' },
  reviewSubmit: { en: 'Review and submit the position…', ar: 'مراجعة الموقف وتقديمه…' },
  submitSummary: { en: 'Submitting creates these proposals on the revision, on behalf of', ar: 'يُنشئ التقديم هذه المقترحات على المراجعة باسم' },
  withCosponsors: { en: 'Co-sponsors', ar: 'المشاركون في التقديم' },
  objectedItems: { en: 'items with an objection inside the group', ar: 'بنود عليها اعتراض داخل المجموعة' },
  submitIrreversible: { en: 'After submission the stage takes no more notes; the proposals are public.', ar: 'بعد التقديم لا تُقبل ملاحظات أخرى؛ وتصبح المقترحات علنية.' },
  confirmSubmit: { en: 'Submit to the negotiation', ar: 'التقديم إلى المفاوضة' },
  submittedAs: { en: 'Submitted as proposals', ar: 'قُدّم في شكل مقترحات' },
  proposalFate: { en: 'In the negotiation', ar: 'في المفاوضة' },
  proposalOpen: { en: 'proposed, awaiting the facilitators', ar: 'مقدَّم، بانتظار الميسّرين' },
  liveHeard: { en: 'In the group', ar: 'في المجموعة' },
  origin_adopt: { en: 'adopted', ar: 'معتمد' },
  'origin_adopt-modified': { en: 'adopted with changes', ar: 'معتمد مع تعديلات' },
  origin_combined: { en: 'combined', ar: 'مدمج' },
  noStage: { en: 'This group stage is not open, or your delegation does not take part in it.', ar: 'هذه المرحلة الداخلية غير مفتوحة، أو لا يشارك وفدكم فيها.' },
  paragraphRedline: { en: 'The paragraph as the note has it', ar: 'الفقرة كما تقترحها الملاحظة' },
  item: { en: 'Item', ar: 'البند' },
  backToRevision: { en: 'Back to', ar: 'العودة إلى' },
} as const;

export type GroupLabelKey = keyof typeof labels;

export function tg(key: GroupLabelKey, lang: Lang): string {
  return labels[key][lang];
}

const decisions: Record<string, { en: string; ar: string }> = {
  undecided: { en: 'Undecided', ar: 'لم يُبتّ فيها' },
  adopt: { en: 'Adopted', ar: 'معتمدة' },
  'adopt-modified': { en: 'Adopted with changes', ar: 'اعتُمدت مع تعديل' },
  combined: { en: 'Combined', ar: 'مدمجة' },
  'not-retained': { en: 'Not retained', ar: 'غير معتمدة' },
  noted: { en: 'Noted', ar: 'أُحيط بها علماً' },
};

/** A note's decision as a state ("Adopted with changes" / "اعتُمدت مع تعديل"). */
export function noteDecisionLabel(decision: string, lang: Lang): string {
  return decisions[decision]?.[lang] ?? decision;
}

const events: Record<string, { en: string; ar: string }> = {
  'group.stage-opened': { en: 'stage opened', ar: 'فُتحت المرحلة' },
  'group.stage-changed': { en: 'deadline or guests changed', ar: 'تغيّر الموعد النهائي أو المدعوون' },
  'group.note-created': { en: 'new note', ar: 'ملاحظة جديدة' },
  'group.note-withdrawn': { en: 'note withdrawn', ar: 'سُحبت ملاحظة' },
  'group.note-decided': { en: 'the coordinator decided a note', ar: 'بتّ المنسق في ملاحظة' },
  'group.notes-combined': { en: 'the coordinator combined notes', ar: 'دمج المنسق ملاحظات' },
  'group.position-stance': { en: 'stance on the draft position', ar: 'موقف من مشروع الموقف' },
  'group.submitted': { en: 'the position is submitted', ar: 'قُدّم الموقف' },
};

/** What a live group event says happened ("new note"), for the aria-live region. */
export function groupEventLabel(type: string, lang: Lang): string {
  return events[type]?.[lang] ?? type;
}

const plurals = {
  note: { en: { one: 'note', other: 'notes' }, ar: { zero: 'ملاحظات', one: 'ملاحظة', two: 'ملاحظتان', few: 'ملاحظات', many: 'ملاحظة', other: 'ملاحظة' } },
  item: { en: { one: 'item', other: 'items' }, ar: { zero: 'بنود', one: 'بند', two: 'بندان', few: 'بنود', many: 'بنداً', other: 'بند' } },
  undecided: { en: { one: 'undecided', other: 'undecided' }, ar: { zero: 'لم يُبتّ فيها', one: 'لم يُبتّ فيها', two: 'لم يُبتّ فيهما', few: 'لم يُبتّ فيها', many: 'لم يُبتّ فيها', other: 'لم يُبتّ فيها' } },
  proposal: { en: { one: 'proposal', other: 'proposals' }, ar: { zero: 'مقترحات', one: 'مقترح', two: 'مقترحان', few: 'مقترحات', many: 'مقترحاً', other: 'مقترح' } },
} as const;

/** "3 notes" / "٣ ملاحظات", chosen by Intl.PluralRules of the interface language (six categories in Arabic). */
export function gcount(n: number, key: keyof typeof plurals, lang: Lang): string {
  const forms = plurals[key][lang] as Record<string, string>;
  return `${localDigits(n, lang)} ${forms[new Intl.PluralRules(lang).select(n)] ?? forms.other}`;
}

const problems: Record<string, { en: string; ar: string }> = {
  'group-deadline-passed': { en: 'The group\'s internal deadline has passed.', ar: 'انقضى الموعد النهائي الداخلي للمجموعة.' },
  'group-position-submitted': { en: 'The group\'s position is already submitted.', ar: 'سبق تقديم موقف المجموعة.' },
  'note-decided': { en: 'The coordinator has decided this note; ask for the decision to be undone first.', ar: 'بتّ المنسق في هذه الملاحظة؛ اطلبوا التراجع عن القرار أولاً.' },
  'note-withdrawn': { en: 'This note was withdrawn.', ar: 'سُحبت هذه الملاحظة.' },
  'note-combined': { en: 'This note is part of a combination; undo it first.', ar: 'هذه الملاحظة جزء من دمج؛ تراجعوا عنه أولاً.' },
  'merge-conflict': { en: 'These amendments change the same words differently; nothing was combined. Type the group\'s text.', ar: 'هذه التعديلات تغيّر الكلمات نفسها بطرق مختلفة؛ لم يُدمج شيء. اكتبوا نص المجموعة.' },
  'empty-position': { en: 'The position is empty: adopt or combine notes first.', ar: 'الموقف فارغ: اعتمدوا الملاحظات أو ادمجوها أولاً.' },
  'not-published': { en: 'The revision is not published.', ar: 'المراجعة غير منشورة.' },
  'not-found': { en: 'Not found (or not shared with your delegation).', ar: 'غير موجود (أو غير متاح لوفدكم).' },
};

/** A problem of the group's routes in the interface language; anything else as the rest of the client says it. */
export function groupProblemMessage(problem: ProblemLike, lang: Lang): string {
  const type = problem.type.replace(/^urn:plenary:problem:/, '');
  const own = problems[type]?.[lang];
  if (!own) return problemMessage(problem, lang);
  const rest = problemMessage({ ...problem, type: 'about:blank', detail: '', title: '' }, lang).replace(/^ — /, '');
  return rest ? `${own} — ${rest}` : own;
}
