package org.plenary.negotiation;

import static org.plenary.schema.Tables.DELEGATION;
import static org.plenary.schema.Tables.DELEGATION_MEMBER;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/** Reference data of delegations (member states and groups), loaded at start from {@code delegations.csv}. */
public final class Delegations {
  public record Delegation(String code, String kind, String nameEn, String nameAr, List<String> groups) {}

  private Delegations() {}

  public static List<Delegation> reference() {
    try (InputStream in = Delegations.class.getResourceAsStream("/reference/delegations.csv")) {
      if (in == null) {
        throw new IllegalStateException("reference/delegations.csv is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Delegation> out = new ArrayList<>();
      String header = reader.readLine();
      if (header == null || !header.startsWith("code,kind,name_en,name_ar,groups")) {
        throw new IllegalStateException("reference/delegations.csv has an unexpected header: " + header);
      }
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(",", -1);
        List<String> groups = cells.length > 4 && !cells[4].isBlank() ? List.of(cells[4].split(";")) : List.of();
        out.add(new Delegation(cells[0].trim(), cells[1].trim(), cells[2].trim(), cells[3].trim(), groups));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Inserts reference delegations and group memberships that are missing; existing rows (maybe edited) are left
   * alone. Two queries when nothing is missing (every start after the first): what exists is read once and only
   * the missing rows are inserted.
   */
  public static void seed(DSLContext dsl) {
    List<Delegation> all = reference();
    java.util.Set<String> codes = new java.util.HashSet<>(dsl.select(DELEGATION.CODE).from(DELEGATION)
        .fetch(DELEGATION.CODE));
    java.util.Set<String> members = new java.util.HashSet<>(dsl.select(DELEGATION_MEMBER.GROUP_CODE,
        DELEGATION_MEMBER.MEMBER_CODE).from(DELEGATION_MEMBER).fetch(r -> r.value1() + "\u0000" + r.value2()));
    for (Delegation d : all) {
      if (!codes.contains(d.code())) {
        dsl.insertInto(DELEGATION, DELEGATION.CODE, DELEGATION.KIND, DELEGATION.NAME_EN, DELEGATION.NAME_AR)
            .values(d.code(), d.kind(), d.nameEn(), d.nameAr())
            .onConflictDoNothing()
            .execute();
      }
    }
    for (Delegation d : all) {
      for (String g : d.groups()) {
        if (!members.contains(g.trim() + "\u0000" + d.code())) {
          dsl.insertInto(DELEGATION_MEMBER, DELEGATION_MEMBER.GROUP_CODE, DELEGATION_MEMBER.MEMBER_CODE)
              .values(g.trim(), d.code())
              .onConflictDoNothing()
              .execute();
        }
      }
    }
  }

  public static boolean exists(DSLContext dsl, String code) {
    return dsl.fetchExists(DELEGATION, DELEGATION.CODE.eq(code));
  }
}
