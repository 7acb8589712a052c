package org.plenary.proposal;

import java.util.Locale;

/**
 * What a proposal asks for. The four kinds that change text also have their ITU notation (ADD, MOD, SUP,
 * NOC, in Arabic إضافة / تعديل / إلغاء / بلا تغيير), which is accepted as input too.
 *
 * <pre>
 *   ProposalKind.parse("MOD")          → AMEND
 *   ProposalKind.parse("insert_after") → INSERT (placement "after", see {@link #placementOf})
 *   ProposalKind.INSERT.ituCode()      → "ADD"
 * </pre>
 */
public enum ProposalKind {
  AMEND("MOD", "تعديل"),
  INSERT("ADD", "إضافة"),
  DELETE("SUP", "إلغاء"),
  RETAIN("NOC", "بلا تغيير"),
  COMMENT(null, null),
  QUESTION(null, null),
  RESERVATION(null, null),
  SUPPORT(null, null),
  OBJECT(null, null);

  private final String ituCode;
  private final String ituArabic;

  ProposalKind(String ituCode, String ituArabic) {
    this.ituCode = ituCode;
    this.ituArabic = ituArabic;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** ADD / MOD / SUP / NOC, or null for kinds that do not change text. */
  public String ituCode() {
    return ituCode;
  }

  public String ituArabic() {
    return ituArabic;
  }

  /** True for the kinds that carry proposed paragraph text. */
  public boolean proposesText() {
    return this == AMEND || this == INSERT;
  }

  /** True for the kinds whose text is what the delegation says (a comment, not paragraph text). */
  public boolean isStatement() {
    return this == COMMENT || this == QUESTION || this == RESERVATION || this == SUPPORT || this == OBJECT;
  }

  /** True for support and object: they concern another proposal. */
  public boolean onProposal() {
    return this == SUPPORT || this == OBJECT;
  }

  /** Our code, an ITU code (any case), or {@code insert_after}/{@code insert_before}; null when unknown. */
  public static ProposalKind parse(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    for (ProposalKind k : values()) {
      if (k.code().equalsIgnoreCase(v) || k.ituCode != null && (k.ituCode.equalsIgnoreCase(v) || k.ituArabic.equals(v))) {
        return k;
      }
    }
    if (placementOf(v) != null) {
      return INSERT;
    }
    return null;
  }

  /** "after" for {@code insert_after}, "before" for {@code insert_before}, else null. */
  public static String placementOf(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "insert_after", "insert-after" -> "after";
      case "insert_before", "insert-before" -> "before";
      default -> null;
    };
  }

  public static ProposalKind fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /** The accepted spellings, for error messages. */
  public static String accepted() {
    return "amend (MOD), insert (ADD, insert_after, insert_before), delete (SUP), retain (NOC), comment, question, "
        + "reservation, support, object";
  }
}
