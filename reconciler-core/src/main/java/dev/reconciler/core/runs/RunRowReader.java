package dev.reconciler.core.runs;

import dev.reconciler.core.domain.SafeText;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Reads one row of reconciliation_runs into a {@link RunRecord} without ever throwing on a field:
 * the table lives in a database upstream systems write too, so any field may be malformed. A bad
 * field becomes null (or is left out) and a one-line note in {@link RunRecord#problems()}.
 */
final class RunRowReader {
  /** Columns our table declares NOT NULL: a row without them is malformed. */
  private static final Set<String> REQUIRED =
      Set.of("run_id", "business_date", "started_at", "status");

  /** How much of an unreadable value a problem note shows. */
  private static final int SHOWN_CHARS = 200;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final ResultSet rs;
  private final Set<String> present;
  private final List<String> problems = new ArrayList<>();

  RunRowReader(ResultSet rs, Set<String> present) {
    this.rs = rs;
    this.present = present;
  }

  /** The SELECT list of the known columns this table has. */
  static String selectList(Set<String> present) {
    StringJoiner list = new StringJoiner(", ");
    for (String column : RunTable.COLUMNS) {
      if (present.contains(column)) {
        list.add(column);
      }
    }
    return list.toString();
  }

  RunRecord read() throws SQLException {
    String runId = text("run_id");
    LocalDate businessDate = parsed("business_date", LocalDate::parse);
    Instant startedAt = parsed("started_at", Instant::parse);
    Instant finishedAt = parsed("finished_at", Instant::parse);
    String status = text("status");
    Map<String, Map<String, BigDecimal>> amounts = parsed("amounts", AmountsJson::read);
    BigDecimal matchRate = parsed("match_rate", RunRowReader::percent);
    return new RunRecord(
        runId,
        businessDate,
        startedAt,
        finishedAt,
        status,
        counts(),
        amounts == null ? Map.of() : amounts,
        matchRate,
        text("report_path"),
        text("error"),
        problems);
  }

  private String text(String column) throws SQLException {
    if (!present.contains(column)) {
      if (REQUIRED.contains(column)) {
        problems.add("missing column " + column);
      }
      return null;
    }
    String value = rs.getString(column);
    if (value == null && REQUIRED.contains(column)) {
      problems.add("missing " + column);
    }
    return value;
  }

  private <T> T parsed(String column, Function<String, T> parser) throws SQLException {
    String value = text(column);
    if (value == null) {
      return null;
    }
    try {
      return parser.apply(value);
    } catch (RuntimeException e) {
      unreadable(column, value);
      return null;
    }
  }

  private Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String column : RunCounts.KEYS) {
      if (!present.contains(column)) {
        continue;
      }
      Object value = rs.getObject(column);
      if (value == null) {
        continue;
      }
      if (value instanceof Integer || value instanceof Long) {
        counts.put(column, ((Number) value).longValue());
      } else {
        unreadable(column, String.valueOf(value));
      }
    }
    return counts;
  }

  private void unreadable(String column, String value) {
    problems.add("unreadable " + column + " '" + SafeText.line(value, SHOWN_CHARS) + "'");
  }

  /** A match rate: a percentage from 0 to 100 (a huge exponent would be a huge string later). */
  private static BigDecimal percent(String text) {
    BigDecimal rate = new BigDecimal(text);
    if (rate.signum() < 0 || rate.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException("not a percentage: " + text);
    }
    return rate;
  }
}
