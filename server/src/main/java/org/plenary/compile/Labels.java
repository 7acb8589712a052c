package org.plenary.compile;

/** The compilation's own words, in Arabic or English. */
public record Labels(Language language, String title, String revision, String date, String paragraph,
    String amendments, String reactions, String remarks, String delegations, String delegation,
    String cosponsored, String paragraphs, String summaryByParagraph, String summaryByDelegation,
    String onBehalfOf, String cosponsoredBy, String rationale, String proposal, String generalRemarks,
    String amend, String insert, String delete, String retain, String support, String object, String reservation,
    String comment, String question, String insertAfter, String insertBefore, String noInput, String concerns, String contested) {

  public static Labels of(Language language) {
    return language == Language.AR ? ARABIC : ENGLISH;
  }

  static final Labels ENGLISH = new Labels(Language.EN, "Compilation of proposals", "Revision", "Date",
      "Paragraph", "Amendments", "Supports, objections, reservations", "Comments and questions", "Delegations",
      "Delegation", "Co-sponsored", "Paragraphs", "Proposals per paragraph", "Proposals per delegation",
      "on behalf of", "co-sponsored by", "Rationale", "Proposal", "General remarks", "Amendment", "Insertion",
      "Deletion", "Retain", "Support", "Objection", "Reservation", "Comment", "Question",
      "new paragraph after", "new paragraph before", "No input", "on proposal", "Contested paragraphs");

  static final Labels ARABIC = new Labels(Language.AR, "تجميع المقترحات", "المراجعة", "التاريخ", "الفقرة",
      "التعديلات", "التأييد والاعتراض والتحفظات", "التعليقات والأسئلة", "الوفود", "الوفد", "مشاركة في التقديم",
      "الفقرات", "المقترحات حسب الفقرة", "المقترحات حسب الوفد", "باسم", "وشارك في تقديمه", "المبررات",
      "المقترح", "ملاحظات عامة", "تعديل", "إضافة", "حذف", "إبقاء", "تأييد", "اعتراض", "تحفظ", "تعليق", "سؤال",
      "فقرة جديدة بعد", "فقرة جديدة قبل", "لا توجد مداخلات", "على المقترح", "الفقرات موضع النقاش");

  public String kind(ProposalKind kind) {
    return switch (kind) {
      case AMEND -> amend;
      case INSERT -> insert;
      case DELETE -> delete;
      case RETAIN -> retain;
      case SUPPORT -> support;
      case OBJECT -> object;
      case RESERVATION -> reservation;
      case COMMENT -> comment;
      case QUESTION -> question;
    };
  }

  /** ITU's ADD / MOD / SUP / NOC in this language (إضافة / تعديل / إلغاء / بلا تغيير). */
  public String itu(ProposalKind kind) {
    String l = kind.ituLabel();
    if (l == null || language == Language.EN) {
      return l;
    }
    return switch (l) {
      case "ADD" -> "إضافة";
      case "MOD" -> "تعديل";
      case "SUP" -> "إلغاء";
      default -> "بلا تغيير";
    };
  }
}
