// Interface labels in English and Arabic; the UI direction follows the chosen language.

export type Lang = 'en' | 'ar';

const labels = {
  appName: { en: 'Plenary', ar: 'بلينري' },
  email: { en: 'Email', ar: 'البريد الإلكتروني' },
  password: { en: 'Password', ar: 'كلمة المرور' },
  logIn: { en: 'Log in', ar: 'تسجيل الدخول' },
  logOut: { en: 'Log out', ar: 'تسجيل الخروج' },
  negotiations: { en: 'Negotiations', ar: 'المفاوضات' },
  noNegotiations: { en: 'No negotiations yet.', ar: 'لا توجد مفاوضات بعد.' },
  newNegotiation: { en: 'New negotiation', ar: 'مفاوضة جديدة' },
  title: { en: 'Title', ar: 'العنوان' },
  create: { en: 'Create', ar: 'إنشاء' },
  revisions: { en: 'Revisions', ar: 'المراجعات' },
  noRevisions: { en: 'No revision uploaded yet.', ar: 'لم تُرفع أي مراجعة بعد.' },
  uploadRevision: { en: 'Upload a revision', ar: 'رفع مراجعة' },
  label: { en: 'Label', ar: 'التسمية' },
  upload: { en: 'Upload', ar: 'رفع' },
  paragraphs: { en: 'paragraphs', ar: 'فقرات' },
  brackets: { en: 'open brackets', ar: 'أقواس مفتوحة' },
  back: { en: 'Back', ar: 'رجوع' },
  role: { en: 'Role', ar: 'الدور' },
  language: { en: 'العربية', ar: 'English' },
  proposals: { en: 'proposals', ar: 'مقترحات' },
  propose: { en: 'Propose…', ar: 'اقتراح…' },
  withdraw: { en: 'Withdraw', ar: 'سحب' },
  invite: { en: 'Invite co-sponsors', ar: 'دعوة إلى المشاركة في التقديم' },
  invitations: { en: 'Invitations', ar: 'الدعوات' },
  invitedState: { en: 'awaiting an answer', ar: 'بانتظار الرد' },
  acceptedState: { en: 'accepted', ar: 'قبلت' },
  declinedState: { en: 'declined', ar: 'اعتذرت' },
  deadlineUtc: { en: 'Comment deadline (UTC)', ar: 'الموعد النهائي للتعليقات (بالتوقيت العالمي)' },
  silenceProcedure: { en: 'silence procedure', ar: 'إجراء الصمت' },
  setWindow: { en: 'Set', ar: 'تحديد' },
  compilation: { en: 'Compilation of proposals', ar: 'تجميع المقترحات' },
  changesSince: { en: 'Changes since', ar: 'التغييرات منذ' },
  discussion: { en: 'Discussion', ar: 'النقاش' },
  answerThis: { en: 'Answer', ar: 'الرد على هذا' },
  answering: { en: 'Answering', ar: 'رداً على' },
  hide: { en: 'Hide', ar: 'إخفاء' },
  replyPlaceholder: { en: 'Reply…', ar: 'رد…' },
  send: { en: 'Send', ar: 'إرسال' },
  noReplies: { en: 'No replies yet.', ar: 'لا توجد ردود بعد.' },
  commentsUntil: { en: 'Comments until', ar: 'تُقبل التعليقات حتى' },
  commentsClosed: { en: 'The comment window closed on', ar: 'أُغلق باب التعليقات في' },
  silenceUntil: { en: 'Silence procedure until', ar: 'إجراء الصمت حتى' },
  silenceHint: { en: 'only objections to named paragraphs break it', ar: 'لا يكسره إلا اعتراض على فقرة محددة' },
  edit: { en: 'Edit', ar: 'تعديل المقترح' },
  save: { en: 'Save', ar: 'حفظ' },
  rationale: { en: 'Rationale', ar: 'المبررات' },
  onBehalfOf: { en: 'On behalf of', ar: 'باسم' },
  cosponsors: { en: 'Invite co-sponsors (codes, e.g. IRQ, SAU)', ar: 'دعوة وفود للمشاركة في التقديم (رموز، مثل IRQ, SAU)' },
  confirmWithdraw: { en: 'Withdraw it for good?', ar: 'سحبه نهائياً؟' },
  yes: { en: 'Yes', ar: 'نعم' },
  no: { en: 'No', ar: 'لا' },
  invitedToCosponsor: { en: 'Your delegation is invited to co-sponsor this.', ar: 'وفدكم مدعو إلى المشاركة في تقديم هذا المقترح.' },
  accept: { en: 'Co-sponsor', ar: 'المشاركة في التقديم' },
  decline: { en: 'Decline', ar: 'اعتذار' },
  proposeOnSelection: { en: 'Propose on the selected text…', ar: 'اقتراح على النص المحدد…' },
  onSpan: { en: 'On', ar: 'على' },
  wholeParagraph: { en: 'the whole paragraph instead', ar: 'الفقرة كلها بدلاً من ذلك' },
  kind: { en: 'Kind', ar: 'النوع' },
  text: { en: 'Text', ar: 'النص' },
  submit: { en: 'Submit', ar: 'إرسال' },
  cancel: { en: 'Cancel', ar: 'إلغاء' },
  support: { en: 'Support', ar: 'تأييد' },
  object: { en: 'Object', ar: 'اعتراض' },
  supportedBy: { en: 'supported by', ar: 'يؤيده' },
  objectedBy: { en: 'objected to by', ar: 'يعترض عليه' },
  cosponsoredBy: { en: 'with', ar: 'مع' },
  live: { en: 'live', ar: 'مباشر' },
  offline: { en: 'reconnecting…', ar: 'جارٍ إعادة الاتصال…' },
  logInTitle: { en: 'Log in to Plenary', ar: 'تسجيل الدخول إلى بلينري' },
  proposeOn: { en: 'Propose on', ar: 'اقتراح على' },
  supportOf: { en: 'Support the proposal of', ar: 'تأييد مقترح' },
  objectTo: { en: 'Object to the proposal of', ar: 'الاعتراض على مقترح' },
  onParagraph: { en: 'on', ar: 'على' },
  youSupport: { en: 'Your delegation supports this (press to retract)', ar: 'وفدكم يؤيد هذا (اضغط للسحب)' },
  youObject: { en: 'Your delegation objects to this (press to retract)', ar: 'وفدكم يعترض على هذا (اضغط للسحب)' },
  submittedBy: { en: 'submitted by', ar: 'قدّمه' },
  newArrival: { en: 'New', ar: 'جديد' },
  diff: { en: 'Compare revisions', ar: 'مقارنة المراجعات' },
  diffTitle: { en: 'Changes between revisions', ar: 'التغييرات بين المراجعات' },
  from: { en: 'From', ar: 'من' },
  to: { en: 'To', ar: 'إلى' },
  compare: { en: 'Compare', ar: 'قارن' },
  inline: { en: 'Inline', ar: 'ضمن النص' },
  sideBySide: { en: 'Side by side', ar: 'جنباً إلى جنب' },
  changesOnly: { en: 'Changes only', ar: 'التغييرات فقط' },
  layout: { en: 'Layout', ar: 'العرض' },
  noChanges: { en: 'No changes between these revisions.', ar: 'لا تغييرات بين هاتين المراجعتين.' },
  older: { en: 'Older', ar: 'الأقدم' },
  newer: { en: 'Newer', ar: 'الأحدث' },
  movedFrom: { en: 'moved from', ar: 'نُقلت من' },
  wasNumbered: { en: 'was', ar: 'كانت' },
  pickTwo: { en: 'Pick two different revisions.', ar: 'اختر مراجعتين مختلفتين.' },
  redline: { en: 'Against the paragraph', ar: 'مقارنةً بالفقرة' },
  filters: { en: 'Filter proposals', ar: 'تصفية المقترحات' },
  delegation: { en: 'Delegation', ar: 'الوفد' },
  state: { en: 'State', ar: 'الحالة' },
  all: { en: 'All', ar: 'الكل' },
  mine: { en: 'Mine', ar: 'مقترحاتي' },
  myGroup: { en: 'My group', ar: 'مجموعتي' },
  group: { en: 'Group', ar: 'المجموعة' },
  clearFilters: { en: 'Clear filters', ar: 'إزالة التصفية' },
  overview: { en: 'Overview: how contested each paragraph is', ar: 'نظرة عامة: مدى الخلاف على كل فقرة' },
  shown: { en: 'shown', ar: 'معروضة' },
  onWords: { en: 'Only on these words (optional; type them as in the paragraph)', ar: 'على هذه الكلمات فقط (اختياري؛ اكتبها كما في الفقرة)' },
  wordsNotFound: { en: 'These words are not in the paragraph.', ar: 'هذه الكلمات غير موجودة في الفقرة.' },
  wordsFound: { en: 'Found in the paragraph.', ar: 'موجودة في الفقرة.' },
  uploadHint: { en: 'A text, Markdown or Word (DOCX) file', ar: 'ملف نصي أو Markdown أو Word (DOCX)' },
  file: { en: 'File', ar: 'الملف' },
  language2: { en: 'Language', ar: 'اللغة' },
  mainNav: { en: 'Main', ar: 'الرئيسية' },
  announcements: { en: 'Live updates', ar: 'التحديثات المباشرة' },
  skip: { en: 'Skip to content', ar: 'انتقل إلى المحتوى' },
  revision: { en: 'Revision', ar: 'المراجعة' },
  arrivedFrom: { en: 'new from', ar: 'جديد من' },
  supportArrived: { en: 'support from', ar: 'تأييد من' },
  objectionArrived: { en: 'objection from', ar: 'اعتراض من' },
  withdrawnNotice: { en: 'withdrawn by', ar: 'سحبه' },
  stances: { en: 'stances', ar: 'مواقف' },
  stanceReason: { en: 'Reason…', ar: 'السبب…' },
  stanceReasonOf: { en: 'Give the reason for your stance on the proposal of', ar: 'بيان سبب موقفكم من مقترح' },
  stanceReasonField: { en: 'Why your delegation takes this stance (it appears in the compilation)', ar: 'لماذا يتخذ وفدكم هذا الموقف (يظهر في التجميع)' },
  stanceReasons: { en: 'Reasons given', ar: 'الأسباب المقدَّمة' },
} as const;

const plurals = {
  proposal: { en: { one: 'proposal', other: 'proposals' }, ar: { zero: 'مقترحات', one: 'مقترح', two: 'مقترحان', few: 'مقترحات', many: 'مقترحاً', other: 'مقترح' } },
  paragraph: { en: { one: 'paragraph', other: 'paragraphs' }, ar: { zero: 'فقرات', one: 'فقرة', two: 'فقرتان', few: 'فقرات', many: 'فقرة', other: 'فقرة' } },
  bracket: { en: { one: 'open bracket', other: 'open brackets' }, ar: { zero: 'أقواس مفتوحة', one: 'قوس مفتوح', two: 'قوسان مفتوحان', few: 'أقواس مفتوحة', many: 'قوساً مفتوحاً', other: 'قوس مفتوح' } },
  change: { en: { one: 'change', other: 'changes' }, ar: { zero: 'تغييرات', one: 'تغيير', two: 'تغييران', few: 'تغييرات', many: 'تغييراً', other: 'تغيير' } },
  stance: { en: { one: 'support or objection', other: 'supports and objections' }, ar: { zero: 'مواقف', one: 'موقف', two: 'موقفان', few: 'مواقف', many: 'موقفاً', other: 'موقف' } },
  reply: { en: { one: 'reply', other: 'replies' }, ar: { zero: 'ردود', one: 'رد', two: 'ردّان', few: 'ردود', many: 'رداً', other: 'رد' } },
} as const;

export type PluralKey = keyof typeof plurals;

/**
 * "3 proposals" / "٣ مقترحات", "1 proposal" / "مقترح واحد"-style forms chosen by {@code Intl.PluralRules} of the
 * interface language (Arabic has six categories); digits localised.
 */
export function count(n: number, key: PluralKey, lang: Lang): string {
  const forms = plurals[key][lang] as Record<string, string>;
  const category = new Intl.PluralRules(lang).select(n);
  return `${localDigits(n, lang)} ${forms[category] ?? forms.other}`;
}

/**
 * Between two facts of a line ("3 paragraphs — 1 open bracket"): not "·", which next to Arabic-Indic digits reads
 * as a zero (٠). An en dash with spaces cannot be taken for a digit in either script.
 */
export const SEP = ' – ';

/** "Back" arrow pointing to where one came from: left in English, right in Arabic. */
export function backArrow(lang: Lang): string {
  return lang === 'ar' ? '→' : '←';
}

/** An arrow in reading order, from something older to something newer. */
export function forwardArrow(lang: Lang): string {
  return lang === 'ar' ? '←' : '→';
}

const roles: Record<string, { en: string; ar: string }> = {
  delegate: { en: 'delegate', ar: 'مندوب' },
  facilitator: { en: 'facilitator', ar: 'ميسّر' },
  secretariat: { en: 'secretariat', ar: 'الأمانة' },
  observer: { en: 'observer', ar: 'مراقب' },
  admin: { en: 'administrator', ar: 'مدير' },
};

export function roleLabel(role: string, lang: Lang): string {
  return roles[role]?.[lang] ?? role;
}

/** A language code in the interface language ("ar" → "Arabic" / "العربية"), by Intl.DisplayNames. */
export function languageLabel(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const changes: Record<string, { en: string; ar: string }> = {
  unchanged: { en: 'unchanged', ar: 'دون تغيير' },
  modified: { en: 'modified', ar: 'معدّلة' },
  inserted: { en: 'inserted', ar: 'مُضافة' },
  deleted: { en: 'deleted', ar: 'محذوفة' },
  moved: { en: 'moved', ar: 'منقولة' },
  moved_modified: { en: 'moved and modified', ar: 'منقولة ومعدّلة' },
  renumbered: { en: 'renumbered', ar: 'أعيد ترقيمها' },
  split: { en: 'split', ar: 'مقسّمة' },
  merged: { en: 'merged', ar: 'مدمجة' },
};

/** A diff change kind in the interface language. */
export function changeLabel(change: string, lang: Lang): string {
  return changes[change]?.[lang] ?? change;
}

const problems: Record<string, { en: string; ar: string }> = {
  validation: { en: 'Some fields need attention.', ar: 'بعض الحقول تحتاج إلى تصحيح.' },
  forbidden: { en: 'You are not allowed to do this.', ar: 'غير مسموح لكم بذلك.' },
  'not-found': { en: 'Not found.', ar: 'غير موجود.' },
  unauthorized: { en: 'Please log in again.', ar: 'يرجى تسجيل الدخول مجدداً.' },
  'invalid-credentials': { en: 'Wrong email or password.', ar: 'البريد الإلكتروني أو كلمة المرور غير صحيحة.' },
  'own-proposal': { en: 'A delegation does not support or object to its own proposal.', ar: 'لا يؤيد الوفد مقترحه ولا يعترض عليه.' },
  'stance-exists': { en: 'Your delegation has already taken this stance; press it again to retract it.', ar: 'سبق أن اتخذ وفدكم هذا الموقف؛ اضغط عليه مجدداً لسحبه.' },
  'comment-window-closed': { en: 'The comment window is closed.', ar: 'باب التعليقات مغلق.' },
  'silence-procedure': { en: 'The silence procedure runs: only objections to a paragraph are accepted.', ar: 'إجراء الصمت جارٍ: لا يُقبل إلا الاعتراض على فقرة.' },
  'precondition-failed': { en: 'Someone changed it meanwhile; the current version is shown.', ar: 'غيّره شخص آخر في الأثناء؛ تُعرض النسخة الحالية.' },
  'not-submitted': { en: 'It is no longer open.', ar: 'لم يعد مفتوحاً.' },
  'payload-too-large': { en: 'The file is too large.', ar: 'الملف كبير جداً.' },
  'unsupported-media-type': { en: 'This kind of file is not accepted (text, Markdown or DOCX).', ar: 'هذا النوع من الملفات غير مقبول (نص أو Markdown أو DOCX).' },
  'rate-limited': { en: 'Too many attempts; wait a moment.', ar: 'محاولات كثيرة؛ انتظر قليلاً.' },
  busy: { en: 'The server is busy; send it again in a moment.', ar: 'الخادم مشغول؛ أعد الإرسال بعد قليل.' },
  'no-proposed-text': { en: 'This proposal has no text to compare.', ar: 'لا نص في هذا المقترح للمقارنة.' },
  'merge-conflict': { en: 'This change and the workspace change the same words; nothing was changed.', ar: 'هذا التغيير ومساحة العمل يغيّران الكلمات نفسها؛ لم يُغيَّر شيء.' },
  'needs-rebase': { en: 'The words this proposal changes are no longer in the paragraph.', ar: 'لم تعد الكلمات التي يغيّرها هذا المقترح موجودة في الفقرة.' },
  'workspace-open': { en: 'A workspace is already open for the next revision.', ar: 'توجد مساحة عمل مفتوحة للمراجعة التالية.' },
  'no-workspace': { en: 'No workspace is open on this revision.', ar: 'لا توجد مساحة عمل مفتوحة على هذه المراجعة.' },
  'paragraph-deleted': { en: 'The paragraph is deleted in the workspace.', ar: 'الفقرة محذوفة في مساحة العمل.' },
  published: { en: 'This revision is published and no longer changes.', ar: 'هذه المراجعة منشورة ولم تعد تتغيّر.' },
  superseded: { en: 'A newer revision is published.', ar: 'نُشرت مراجعة أحدث.' },
  'own-account': { en: 'You cannot disable or enable your own account.', ar: 'لا يمكنكم تعطيل حسابكم أو تفعيله بأنفسكم.' },
  'already-added': { en: 'This delegation already takes part in the negotiation.', ar: 'هذا الوفد مشارك في المفاوضة بالفعل.' },
  'code-taken': { en: 'Another negotiation uses this code for its own delegation; choose another.', ar: 'تستخدم مفاوضة أخرى هذا الرمز لوفد خاص بها؛ اختاروا رمزاً آخر.' },
  'negotiation-closed': { en: 'The negotiation is closed: nothing in it changes any more.', ar: 'المفاوضة مغلقة: لم يعد شيء فيها يتغيّر.' },
  'negotiation-archived': { en: 'The negotiation is archived.', ar: 'المفاوضة مؤرشفة.' },
};

/**
 * Refusals whose reason matters more than their type (a 403 on someone else's account): matched on the server's
 * detail, in the interface language.
 */
const problemDetails: [RegExp, { en: string; ar: string }][] = [
  [/takes part in another negotiation/, { en: 'This account also takes part in another negotiation: only an administrator may do this.', ar: 'يشارك هذا الحساب في مفاوضة أخرى أيضاً: لا يملك ذلك إلا المدير.' }],
  [/an administrator's account/, { en: 'This is an administrator\'s account: only an administrator may do this.', ar: 'هذا حساب مدير: لا يملك ذلك إلا مدير.' }],
];

const fields: Record<string, { en: string; ar: string }> = {
  text: { en: 'Text', ar: 'النص' },
  rationale: { en: 'Rationale', ar: 'المبررات' },
  kind: { en: 'Kind', ar: 'النوع' },
  paragraph: { en: 'Paragraph', ar: 'الفقرة' },
  anchor: { en: 'Selected words', ar: 'الكلمات المحددة' },
  target: { en: 'Proposal', ar: 'المقترح' },
  placement: { en: 'Placement', ar: 'الموضع' },
  onBehalfOf: { en: 'On behalf of', ar: 'باسم' },
  cosponsors: { en: 'Co-sponsors', ar: 'المشاركون في التقديم' },
  deadline: { en: 'Deadline', ar: 'الموعد النهائي' },
  label: { en: 'Label', ar: 'التسمية' },
  title: { en: 'Title', ar: 'العنوان' },
  email: { en: 'Email', ar: 'البريد الإلكتروني' },
  password: { en: 'Password', ar: 'كلمة المرور' },
  displayName: { en: 'Name', ar: 'الاسم' },
  role: { en: 'Role', ar: 'الدور' },
  delegation: { en: 'Delegation', ar: 'الوفد' },
  code: { en: 'Code', ar: 'الرمز' },
  nameEn: { en: 'English name', ar: 'الاسم بالإنكليزية' },
  nameAr: { en: 'Arabic name', ar: 'الاسم بالعربية' },
  coordinator: { en: 'Coordinator', ar: 'المنسق' },
  token: { en: 'Invitation', ar: 'الدعوة' },
};

const fieldMessages: [RegExp, { en: string; ar: string }][] = [
  [/^is required/, { en: 'is required', ar: 'مطلوب' }],
  [/characters long; at most/, { en: 'is too long', ar: 'طويل جداً' }],
  [/listed twice/, { en: 'is listed twice', ar: 'مذكور مرتين' }],
  [/must be at least \d+ characters/, { en: 'is too short (at least 10 characters)', ar: 'قصيرة جداً (١٠ أحرف على الأقل)' }],
  [/must be an email address/, { en: 'is not an email address', ar: 'ليس عنوان بريد إلكتروني' }],
  [/unknown, expired or already used/, { en: 'is unknown, expired or already used: ask the secretariat for a new one', ar: 'غير معروفة أو منتهية الصلاحية أو مستخدمة: اطلبوا دعوة جديدة من الأمانة' }],
  [/acts for a delegation/, { en: 'is required for a delegate', ar: 'مطلوب للمندوب' }],
  [/acts for no delegation/, { en: 'must be empty for this role', ar: 'يجب أن يبقى فارغاً لهذا الدور' }],
  [/is a group/, { en: 'is a group: add the person to a member delegation and make it coordinator', ar: 'مجموعة: أضيفوا الشخص إلى وفد عضو فيها واجعلوه منسقاً' }],
  [/is not a member of/, { en: 'is not a member of this group', ar: 'ليس عضواً في هذه المجموعة' }],
  [/needs an English name/, { en: 'is required for a delegation not in the reference list', ar: 'مطلوب لوفد غير مدرج في القائمة المرجعية' }],
  [/capital letters, digits/, { en: 'must be 2 to 32 capital letters, digits or "-" (e.g. ITU-BDT)', ar: 'يجب أن يتكون من ٢ إلى ٣٢ حرفاً لاتينياً كبيراً أو رقماً أو "-" (مثل ITU-BDT)' }],
  [/is not a delegation|unknown delegation|not a delegation code|must be a delegation code/, { en: 'is not a known delegation code', ar: 'ليس رمز وفد معروفاً' }],
];

/** The problem shape the server sends (RFC 9457), as far as the message needs it. */
export interface ProblemLike {
  type: string;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/**
 * A server problem in the interface language: its type and field errors mapped to localized messages; the
 * server's own {@code detail} (English) is the fallback for what the client does not know.
 */
export function problemMessage(problem: ProblemLike, lang: Lang): string {
  const type = problem.type.replace(/^urn:plenary:problem:/, '');
  const known = problems[type]?.[lang];
  const fieldLines = (problem.errors ?? []).map((f) => {
    const base = f.field.replace(/\[\d+\]$/, '');
    const name = fields[base]?.[lang] ?? f.field;
    const message = fieldMessages.find(([re]) => re.test(f.message))?.[1][lang] ?? f.message;
    return `${name}: ${message}`;
  });
  const byDetail = problemDetails.find(([re]) => re.test(problem.detail ?? ''))?.[1][lang];
  const head = byDetail ?? known ?? problem.detail ?? problem.title;
  return [head, ...fieldLines].join(' — ');
}

const kinds: Record<string, { en: string; ar: string }> = {
  amend: { en: 'Amendment', ar: 'تعديل' },
  insert: { en: 'New paragraph', ar: 'إضافة فقرة' },
  insert_before: { en: 'New paragraph before this one', ar: 'فقرة جديدة قبل هذه الفقرة' },
  insert_after: { en: 'New paragraph after this one', ar: 'فقرة جديدة بعد هذه الفقرة' },
  'state-submitted': { en: 'Open', ar: 'قائمة' },
  'state-withdrawn': { en: 'Withdrawn', ar: 'مسحوبة' },
  delete: { en: 'Deletion', ar: 'حذف' },
  retain: { en: 'Retain', ar: 'إبقاء' },
  comment: { en: 'Comment', ar: 'تعليق' },
  question: { en: 'Question', ar: 'سؤال' },
  reservation: { en: 'Reservation', ar: 'تحفظ' },
  support: { en: 'Support', ar: 'تأييد' },
  object: { en: 'Objection', ar: 'اعتراض' },
};

/** A proposal kind's name in the interface language (the code itself when unknown). */
export function kindLabel(kind: string, lang: Lang): string {
  return kinds[kind]?.[lang] ?? kind;
}

export type LabelKey = keyof typeof labels;

export function t(key: LabelKey, lang: Lang): string {
  return labels[key][lang];
}

export function dirOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** Western digits → Arabic-Indic digits, for numbers shown in the Arabic interface. */
export function localDigits(value: number | string, lang: Lang): string {
  const s = String(value);
  return lang === 'ar' ? s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d))) : s;
}

// --- the facilitators' merge workspace and the fates of proposals (views/workspace-view.ts, views/fates-view.ts) ---

const mergeLabels = {
  prepareNext: { en: 'Prepare', ar: 'إعداد' },
  prepareHint: { en: 'Opens the workspace of the next revision: decide on each proposal, edit, then publish.', ar: 'يفتح مساحة عمل المراجعة التالية: البتّ في كل مقترح والتحرير ثم النشر.' },
  resumeWorkspace: { en: 'Continue preparing', ar: 'متابعة إعداد' },
  nextLabel: { en: 'Label of the new revision', ar: 'تسمية المراجعة الجديدة' },
  workspaceTitle: { en: 'Preparing', ar: 'إعداد' },
  fromRevision: { en: 'from', ar: 'انطلاقاً من' },
  noWorkspace: { en: 'No workspace is open on this revision.', ar: 'لا توجد مساحة عمل مفتوحة على هذه المراجعة.' },
  progressDecided: { en: 'decided', ar: 'بُتّ فيها' },
  progressOpen: { en: 'still open', ar: 'لا تزال مفتوحة' },
  decisionsOn: { en: 'Decisions on', ar: 'القرارات بشأن' },
  ofParagraph: { en: 'on', ar: 'على' },
  proposalOf: { en: 'the proposal of', ar: 'مقترح' },
  accept: { en: 'Accept', ar: 'قبول' },
  acceptModified: { en: 'Accept with changes', ar: 'قبول مع تعديلات' },
  notRetained: { en: 'Not retained', ar: 'عدم الاعتماد' },
  noted: { en: 'Noted', ar: 'الإحاطة علماً' },
  defer: { en: 'Defer', ar: 'إرجاء' },
  takeBack: { en: 'Take back', ar: 'التراجع عن القرار' },
  select: { en: 'Select', ar: 'تحديد' },
  combineSelected: { en: 'Combine selected', ar: 'دمج المقترحات المحددة' },
  combineHint: { en: 'The paragraph as it combines the selected proposals', ar: 'نص الفقرة الذي يجمع المقترحات المحددة' },
  combine: { en: 'Combine', ar: 'دمج' },
  noteComments: { en: 'Note all remaining comments', ar: 'الإحاطة علماً بجميع التعليقات المتبقية' },
  notedCount: { en: 'noted', ar: 'أُحيط بها علماً' },
  refusedCount: { en: 'refused', ar: 'رُفضت' },
  acceptedText: { en: 'The paragraph as you accept it', ar: 'نص الفقرة كما تقبلونه' },
  note: { en: 'Note (optional)', ar: 'ملاحظة (اختيارية)' },
  save: { en: 'Save', ar: 'حفظ' },
  cancel: { en: 'Cancel', ar: 'إلغاء' },
  conflictTitle: { en: 'This proposal and the workspace change the same words', ar: 'هذا المقترح ومساحة العمل يغيّران الكلمات نفسها' },
  conflictHint: { en: 'Nothing was changed. Resolve it: accept with changes (the editor starts from the proposal merged in; the paragraph takes your text), combine it with the accepted proposal, or defer.', ar: 'لم يُغيَّر شيء. عالجوا التعارض: القبول مع تعديلات (يبدأ المحرر من النص بعد دمج المقترح، وتأخذ الفقرة نصكم)، أو دمجه مع المقترح المقبول، أو الإرجاء.' },
  inWorkspace: { en: 'In the workspace now', ar: 'في مساحة العمل الآن' },
  asProposed: { en: 'As proposed', ar: 'كما هو مقترح' },
  inBase: { en: 'In the revision', ar: 'في المراجعة' },
  collidingWords: { en: 'colliding words', ar: 'كلمات متعارضة' },
  combineWith: { en: 'Combine with the accepted proposal of', ar: 'الدمج مع المقترح المقبول المقدَّم من' },
  resolveAcceptModified: { en: 'Resolve: accept with changes', ar: 'المعالجة: القبول مع تعديلات' },
  dismiss: { en: 'Close', ar: 'إغلاق' },
  needsRebaseDecision: { en: 'The words this proposal changes are no longer in the paragraph; accept it with changes, or defer it.', ar: 'لم تعد الكلمات التي يغيّرها هذا المقترح موجودة في الفقرة؛ اقبلوه مع تعديلات أو أرجئوه.' },
  staleDecision: { en: 'Someone decided this proposal meanwhile; its current decision is shown.', ar: 'بتّ شخص آخر في هذا المقترح في الأثناء؛ يُعرض قراره الحالي.' },
  staleTitle: { en: 'Someone changed this paragraph meanwhile. Your edit was not saved.', ar: 'غيّر شخص آخر هذه الفقرة في الأثناء. لم يُحفظ تعديلكم.' },
  theirVersion: { en: 'Their version (now in the workspace)', ar: 'نسختهم (الموجودة الآن في مساحة العمل)' },
  yourVersion: { en: 'Your version', ar: 'نسختكم' },
  keepMine: { en: 'Save mine over theirs', ar: 'حفظ نسختي بدلاً من نسختهم' },
  keepTheirs: { en: 'Keep theirs', ar: 'الإبقاء على نسختهم' },
  editParagraph: { en: 'Edit', ar: 'تحرير' },
  status: { en: 'Status', ar: 'الحالة' },
  insertAfter: { en: 'Insert a paragraph after', ar: 'إدراج فقرة بعد' },
  newParagraphText: { en: 'Text of the new paragraph', ar: 'نص الفقرة الجديدة' },
  insert: { en: 'Insert', ar: 'إدراج' },
  moveUp: { en: 'Move up', ar: 'نقل إلى الأعلى' },
  moveDown: { en: 'Move down', ar: 'نقل إلى الأسفل' },
  deleteParagraph: { en: 'Delete', ar: 'حذف' },
  confirmDelete: { en: 'Confirm deletion', ar: 'تأكيد الحذف' },
  redlineAgainst: { en: 'Changes against', ar: 'التغييرات مقارنة بـ' },
  unchangedText: { en: 'unchanged', ar: 'دون تغيير' },
  newInWorkspace: { en: 'new in this revision', ar: 'جديدة في هذه المراجعة' },
  deletedInWorkspace: { en: 'Deleted in the workspace', ar: 'محذوفة في مساحة العمل' },
  decision: { en: 'Decision', ar: 'القرار' },
  replaces: { en: 'replaces', ar: 'يستبدل' },
  publishTitle: { en: 'Publish', ar: 'النشر' },
  reviewPublish: { en: 'Review and publish…', ar: 'المراجعة والنشر…' },
  publishSummary: { en: 'Publishing will give every proposal its fate:', ar: 'سيمنح النشر كل مقترح مآله:' },
  carriedForwardSummary: { en: 'carried forward to the next revision (undecided or deferred)', ar: 'تُرحَّل إلى المراجعة التالية (لم يُبتّ فيها أو أُرجئت)' },
  needsRebaseSummary: { en: 'will probably need a rebase (the workspace changed their words)', ar: 'ستحتاج على الأرجح إلى إعادة الإسناد (غيّرت مساحة العمل كلماتها)' },
  undecidedWarning: { en: 'still undecided', ar: 'لم يُبتّ فيها بعد' },
  publishIrreversible: { en: 'A published revision never changes.', ar: 'لا تتغيّر المراجعة بعد نشرها.' },
  confirmPublish: { en: 'Publish', ar: 'نشر' },
  publishedAs: { en: 'Published', ar: 'نُشرت' },
  openIt: { en: 'open it', ar: 'افتحوها' },
  isPublished: { en: 'is published', ar: 'نُشرت' },
  whatHappened: { en: 'What happened to our proposals', ar: 'ماذا حدث لمقترحاتنا' },
  whatHappenedAll: { en: 'What happened to the proposals', ar: 'ماذا حدث للمقترحات' },
  noFates: { en: 'No proposals yet.', ar: 'لا توجد مقترحات بعد.' },
  resultingText: { en: 'Resulting text', ar: 'النص الناتج' },
  proposedOn: { en: 'proposed on', ar: 'قُدّم على' },
  inRevision: { en: 'in', ar: 'في' },
  needsRebase: { en: 'needs a rebase', ar: 'يحتاج إلى إعادة إسناد' },
  liveChange: { en: 'Another facilitator changed the workspace', ar: 'غيّر ميسّر آخر مساحة العمل' },
  decidedLive: { en: 'decided', ar: 'قرار' },
  selectedCount: { en: 'selected', ar: 'محددة' },
  delegationFilter: { en: 'Delegation', ar: 'الوفد' },
  wsFilters: { en: 'Show proposals', ar: 'عرض المقترحات' },
  filterUndecided: { en: 'Undecided only', ar: 'غير المبتوت فيها فقط' },
  filterConflicts: { en: 'Colliding with the workspace', ar: 'المتعارضة مع مساحة العمل' },
  kindFilter: { en: 'Kind', ar: 'النوع' },
  allDelegations: { en: 'All delegations', ar: 'جميع الوفود' },
  allKinds: { en: 'All kinds', ar: 'جميع الأنواع' },
  clearWsFilters: { en: 'Show all', ar: 'عرض الكل' },
  progressOverall: { en: 'Decided overall', ar: 'ما بُتّ فيه إجمالاً' },
  progressOf: { en: 'Decided on', ar: 'ما بُتّ فيه في' },
  paragraphsShown: { en: 'shown', ar: 'معروضة' },
  collides: { en: 'collides with the workspace', ar: 'يتعارض مع مساحة العمل' },
} as const;

export type MergeLabelKey = keyof typeof mergeLabels;

/** A label of the merge workspace or the fates view in the interface language. */
export function tm(key: MergeLabelKey, lang: Lang): string {
  return mergeLabels[key][lang];
}

const decisionNames: Record<string, { en: string; ar: string }> = {
  open: { en: 'Undecided', ar: 'لم يُبتّ فيه' },
  accept: { en: 'Accepted', ar: 'مقبول' },
  'accept-modified': { en: 'Accepted with changes', ar: 'مقبول مع تعديلات' },
  combined: { en: 'Combined', ar: 'مدمج' },
  'not-retained': { en: 'Not retained', ar: 'غير معتمد' },
  noted: { en: 'Noted', ar: 'أُحيط به علماً' },
  defer: { en: 'Deferred', ar: 'مُرجأ' },
};

/** A decision as a state ("Accepted with changes" / "مقبول مع تعديلات"). */
export function decisionLabel(decision: string, lang: Lang): string {
  return decisionNames[decision]?.[lang] ?? decision;
}

const fateNames: Record<string, { en: string; ar: string }> = {
  open: { en: 'Open', ar: 'مفتوح' },
  accepted: { en: 'Accepted', ar: 'مقبول' },
  'accepted-modified': { en: 'Accepted with changes', ar: 'مقبول مع تعديلات' },
  combined: { en: 'Combined with others', ar: 'مدمج مع مقترحات أخرى' },
  'not-retained': { en: 'Not retained', ar: 'غير معتمد' },
  noted: { en: 'Noted', ar: 'أُحيط به علماً' },
  withdrawn: { en: 'Withdrawn', ar: 'مسحوب' },
  'carried-forward': { en: 'Carried forward', ar: 'مُرحَّل' },
  'paragraph-deleted': { en: 'Paragraph deleted', ar: 'حُذفت الفقرة' },
  reflected: { en: 'Reflected', ar: 'منعكس في النص' },
  'partly-reflected': { en: 'Partly reflected', ar: 'منعكس جزئياً' },
  'not-reflected': { en: 'Not reflected', ar: 'غير منعكس' },
};

/** A proposal's fate in the interface language. */
export function fateLabel(fate: string, lang: Lang): string {
  return fateNames[fate]?.[lang] ?? fate;
}

const statusNames: Record<string, { en: string; ar: string }> = {
  open: { en: 'open', ar: 'مفتوحة' },
  draft: { en: 'draft', ar: 'مسودة' },
  bracketed: { en: 'bracketed', ar: 'بين أقواس' },
  'suggested-for-closure': { en: 'suggested for closure', ar: 'مقترحة للإغلاق' },
  'agreed-ad-ref': { en: 'agreed ad ref', ar: 'متفق عليها بالاستناد إلى المرجع' },
  agreed: { en: 'agreed', ar: 'متفق عليها' },
  deleted: { en: 'deleted', ar: 'محذوفة' },
};

/** A paragraph status in the interface language. */
export function statusLabel(status: string, lang: Lang): string {
  return statusNames[status]?.[lang] ?? status;
}

// --- the secretariat's pages: participants and delegations (views/participants-view.ts, views/delegations-view.ts) ---

const rosterLabels = {
  participantsTitle: { en: 'Participants', ar: 'المشاركون' },
  delegationsTitle: { en: 'Delegations', ar: 'الوفود' },
  manageParticipants: { en: 'Participants', ar: 'المشاركون' },
  manageDelegations: { en: 'Delegations and group coordinators', ar: 'الوفود ومنسقو المجموعات' },
  name: { en: 'Name', ar: 'الاسم' },
  email: { en: 'Email', ar: 'البريد الإلكتروني' },
  role: { en: 'Role', ar: 'الدور' },
  delegation: { en: 'Delegation', ar: 'الوفد' },
  account: { en: 'Account', ar: 'الحساب' },
  none: { en: 'none', ar: 'لا يوجد' },
  addParticipant: { en: 'Add a participant', ar: 'إضافة مشارك' },
  delegationHint: { en: 'For a delegate or observer: the code of the delegation (e.g. EGY)', ar: 'للمندوب أو المراقب: رمز الوفد (مثل EGY)' },
  passwordOptional: { en: 'Password (optional: without one, a one-time invitation is issued)', ar: 'كلمة المرور (اختيارية: من دونها تصدر دعوة لمرة واحدة)' },
  add: { en: 'Add', ar: 'إضافة' },
  invite: { en: 'Add and invite', ar: 'إضافة ودعوة' },
  resetPassword: { en: 'Reset password', ar: 'إعادة تعيين كلمة المرور' },
  confirmReset: { en: 'Confirm reset (signs them out everywhere)', ar: 'تأكيد إعادة التعيين (يُخرجه من كل الجلسات)' },
  disable: { en: 'Disable', ar: 'تعطيل' },
  enable: { en: 'Enable', ar: 'تفعيل' },
  accountOf: { en: 'the account of', ar: 'حساب' },
  isDisabled: { en: 'disabled', ar: 'معطّل' },
  isEnabled: { en: 'enabled', ar: 'مفعّل' },
  invitationFor: { en: 'One-time invitation for', ar: 'دعوة لمرة واحدة إلى' },
  resetFor: { en: 'Password reset for', ar: 'إعادة تعيين كلمة المرور لـ' },
  invitationHint: { en: 'Send this link to them; it sets their password once and expires on', ar: 'أرسلوا إليه هذا الرابط؛ يعيّن كلمة المرور مرة واحدة وتنتهي صلاحيته في' },
  invitationLink: { en: 'Invitation link', ar: 'رابط الدعوة' },
  withheld: { en: 'No invitation was issued', ar: 'لم تصدر دعوة' },
  withheldReason: { en: 'the account takes part in another negotiation: only an administrator can issue it an invitation.', ar: 'يشارك الحساب في مفاوضة أخرى: لا يصدر له دعوةً إلا المدير.' },
  accountDisabled: { en: 'is disabled: their sessions and tokens are revoked.', ar: 'معطّل: أُلغيت جلساته ورموزه.' },
  accountEnabled: { en: 'is enabled again.', ar: 'مفعّل من جديد.' },
  stateUnknownHint: { en: 'Disabling signs the person out at once; enabling lets them log in again.', ar: 'التعطيل يُخرج الشخص فوراً؛ والتفعيل يسمح له بالدخول مجدداً.' },
  addDelegation: { en: 'Add a delegation', ar: 'إضافة وفد' },
  referenceCode: { en: 'Code (from the reference list, e.g. KWT, ARAB)', ar: 'الرمز (من القائمة المرجعية، مثل KWT أو ARAB)' },
  customDelegation: { en: 'Not in the reference list (an organisation or observer)', ar: 'غير مدرج في القائمة المرجعية (منظمة أو مراقب)' },
  kindOrganisation: { en: 'organisation', ar: 'منظمة' },
  kindObserver: { en: 'observer', ar: 'مراقب' },
  kindState: { en: 'state', ar: 'دولة' },
  kindGroup: { en: 'group', ar: 'مجموعة' },
  delegationKind: { en: 'Kind', ar: 'النوع' },
  nameEn: { en: 'English name', ar: 'الاسم بالإنكليزية' },
  nameAr: { en: 'Arabic name', ar: 'الاسم بالعربية' },
  coordinator: { en: 'Coordinator', ar: 'المنسق' },
  coordinatorOf: { en: 'Coordinator of', ar: 'منسق' },
  noCoordinator: { en: 'none (the group cannot propose)', ar: 'لا أحد (لا تستطيع المجموعة الاقتراح)' },
  setCoordinator: { en: 'Designate', ar: 'تعيين' },
  delegationAdded: { en: 'takes part now.', ar: 'مشارك الآن.' },
  coordinatorSet: { en: 'Coordinator saved for', ar: 'حُفظ المنسق لـ' },
  readOnlyRoster: { en: 'Only the secretariat changes this list.', ar: 'لا يغيّر هذه القائمة إلا الأمانة.' },
  invitationTitle: { en: 'Set your password', ar: 'تعيين كلمة المرور' },
  invitationIntro: { en: 'You were invited to Plenary (or your password was reset). Choose a password of at least 10 characters.', ar: 'دُعيتم إلى بلينري (أو أُعيد تعيين كلمة مروركم). اختاروا كلمة مرور من ١٠ أحرف على الأقل.' },
  newPassword: { en: 'New password', ar: 'كلمة المرور الجديدة' },
  repeatPassword: { en: 'The same password again', ar: 'كلمة المرور نفسها مرة أخرى' },
  passwordsDiffer: { en: 'The two passwords differ.', ar: 'كلمتا المرور مختلفتان.' },
  setPassword: { en: 'Set the password', ar: 'تعيين كلمة المرور' },
  passwordSet: { en: 'Your password is set. Log in with it:', ar: 'عُيّنت كلمة المرور. سجّلوا الدخول بها:' },
  toLogin: { en: 'Log in', ar: 'تسجيل الدخول' },
} as const;

export type RosterLabelKey = keyof typeof rosterLabels;

/** A label of the secretariat's pages (participants, delegations, the invitation) in the interface language. */
export function tr(key: RosterLabelKey, lang: Lang): string {
  return rosterLabels[key][lang];
}
