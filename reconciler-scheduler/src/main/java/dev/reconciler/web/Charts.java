package dev.reconciler.web;

import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.worker.queue.TaskStats;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Chart series as JSON for console.js: numbers only, written here rather than by a JSON library, so
 * no text from data ever reaches a chart.
 */
final class Charts {
  private Charts() {}

  /** Tasks per minute: {"t": [epoch s], "succeeded": [...], "retried": [...], "failed": [...]}. */
  static String minutes(List<TaskStats.Minute> minutes) {
    StringJoiner t = array();
    StringJoiner ok = array();
    StringJoiner retried = array();
    StringJoiner failed = array();
    for (TaskStats.Minute m : minutes) {
      t.add(String.valueOf(m.start().getEpochSecond()));
      ok.add(String.valueOf(m.succeeded()));
      retried.add(String.valueOf(m.retried()));
      failed.add(String.valueOf(m.failed()));
    }
    return "{\"t\":"
        + t
        + ",\"succeeded\":"
        + ok
        + ",\"retried\":"
        + retried
        + ",\"failed\":"
        + failed
        + "}";
  }

  /**
   * Match rate (percent) and discrepancies (all kinds) per business date since {@code since}, from
   * each date's newest successful run: {"from": s, "to": s, "t": [epoch s], "match": [...],
   * "discrepancies": [...]}, from and to bounding the time axis.
   *
   * @param runs newest first, as the run store lists them
   */
  static String runs(List<RunRecord> runs, LocalDate since, LocalDate until) {
    Map<LocalDate, RunRecord> byDate = new TreeMap<>();
    for (RunRecord r : runs) {
      if (r.businessDate() != null
          && !r.businessDate().isBefore(since)
          && r.isSuccess()
          && r.matchRatePercent() != null) {
        byDate.putIfAbsent(r.businessDate(), r);
      }
    }
    StringJoiner t = array();
    StringJoiner match = array();
    StringJoiner found = array();
    byDate.forEach(
        (date, r) -> {
          t.add(String.valueOf(date.atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
          match.add(r.matchRatePercent().toPlainString());
          found.add(String.valueOf(discrepancies(r)));
        });
    return "{\"from\":"
        + since.atStartOfDay(ZoneOffset.UTC).toEpochSecond()
        + ",\"to\":"
        + until.atStartOfDay(ZoneOffset.UTC).toEpochSecond()
        + ",\"t\":"
        + t
        + ",\"match\":"
        + match
        + ",\"discrepancies\":"
        + found
        + "}";
  }

  /** Findings of every kind in a run. */
  static long discrepancies(RunRecord r) {
    long n = 0;
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      n += r.counts().getOrDefault(kind.id(), 0L);
    }
    return n;
  }

  private static StringJoiner array() {
    return new StringJoiner(",", "[", "]");
  }
}
