package org.plenary.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;

/**
 * Plain JDBC for the few statements that run for every write under load (group commit, the audit log's
 * lane heads): jOOQ rendering and record mapping cost more CPU there than the database spends on them.
 * The SQL is the portable subset that H2 (PostgreSQL mode) and PostgreSQL share; everything else stays jOOQ.
 *
 * <pre>
 *   "select id from revision where id in (" + Sql.params(ids.size()) + ")"
 * </pre>
 */
public final class Sql {
  private Sql() {}

  /** {@code n} comma-separated placeholders: {@code ?, ?, ?}. */
  public static String params(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("an IN list needs at least one value");
    }
    StringBuilder b = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "?" : ", ?");
    }
    return b.toString();
  }

  /** Binds {@code values} from parameter {@code first} on; returns the next free parameter index. */
  public static int bind(PreparedStatement ps, int first, Collection<?> values) throws SQLException {
    int i = first;
    for (Object v : values) {
      set(ps, i++, v);
    }
    return i;
  }

  /** Binds one non-null value of the types the hot statements use. */
  public static void set(PreparedStatement ps, int i, Object v) throws SQLException {
    if (v instanceof Long l) {
      ps.setLong(i, l);
    } else if (v instanceof Integer n) {
      ps.setInt(i, n);
    } else if (v instanceof String s) {
      ps.setString(i, s);
    } else if (v instanceof Boolean b) {
      ps.setBoolean(i, b);
    } else if (v instanceof OffsetDateTime t) {
      ps.setObject(i, t);
    } else {
      throw new IllegalArgumentException("cannot bind " + (v == null ? "null" : v.getClass().getName()));
    }
  }
}
