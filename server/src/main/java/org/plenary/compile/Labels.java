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

  /** The heading of the disposition table. */
  public String statusOfProposals() {
    return language == Language.AR ? "حالة المقترحات" : "Status of proposals";
  }

  /** The column heads of the disposition table: paragraph, proposal, delegation, fate, in. */
  public java.util.List<String> fateColumns() {
    return language == Language.AR ? java.util.List.of("الفقرة", "المقترح", "الوفد", "المآل", "في")
        : java.util.List.of("Paragraph", "Proposal", "Delegation", "Fate", "In");
  }

  /** A proposal's fate in this language. */
  public String fate(String code) {
    boolean ar = language == Language.AR;
    return switch (code) {
      case "accepted" -> ar ? "مقبول" : "accepted";
      case "accepted-modified" -> ar ? "مقبول مع تعديل" : "accepted with changes";
      case "combined" -> ar ? "مدمج مع مقترحات أخرى" : "combined with others";
      case "not-retained" -> ar ? "غير مستبقى" : "not retained";
      case "noted" -> ar ? "أُحيط به علماً" : "noted";
      case "withdrawn" -> ar ? "مسحوب" : "withdrawn";
      case "carried-forward" -> ar ? "مُرحَّل إلى المراجعة التالية" : "carried forward";
      case "reflected" -> ar ? "منعكس في النص" : "reflected";
      case "partly-reflected" -> ar ? "منعكس جزئياً" : "partly reflected";
      case "not-reflected" -> ar ? "غير منعكس" : "not reflected";
      case "paragraph-deleted" -> ar ? "حُذفت الفقرة" : "paragraph deleted";
      // a member's note in its group's stage (the group's notes document)
      case "adopted" -> ar ? "اعتُمدت في موقف المجموعة" : "adopted into the group's position";
      case "adopted-modified" -> ar ? "اعتُمدت مع تعديل" : "adopted with changes";
      case "undecided" -> ar ? "لم يُبتّ فيها بعد" : "not decided yet";
      default -> code;
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
