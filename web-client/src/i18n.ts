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
} as const;

const kinds: Record<string, { en: string; ar: string }> = {
  amend: { en: 'Amendment', ar: 'تعديل' },
  insert: { en: 'New paragraph', ar: 'إضافة فقرة' },
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
