package dev.reconciler.core.alert;

import dev.reconciler.core.runs.RunRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Test data: a finished run record, built up kind by kind. */
final class RunRecords {
  static final LocalDate DATE = LocalDate.of(2026, 11, 24);
  static final String RUN_ID = "run-2026-11-24-abc123";

  private final Map<String, Long> counts = new HashMap<>();
  private final Map<String, Map<String, BigDecimal>> amounts = new HashMap<>();
  private BigDecimal matchRate = new BigDecimal("96.00");
  private String reportPath = "/data/reports/reconciliation-2026-11-24.xlsx";
  private String status = "SUCCESS";

  static RunRecords aRun() {
    return new RunRecords();
  }

  RunRecords count(String key, long n) {
    counts.put(key, n);
    return this;
  }

  RunRecords amount(String kindId, String currency, String amount) {
    amounts.computeIfAbsent(kindId, k -> new TreeMap<>()).put(currency, new BigDecimal(amount));
    return this;
  }

  RunRecords matchRate(String rate) {
    matchRate = rate == null ? null : new BigDecimal(rate);
    return this;
  }

  RunRecords reportPath(String path) {
    reportPath = path;
    return this;
  }

  RunRecords status(String status) {
    this.status = status;
    return this;
  }

  RunRecord build() {
    return new RunRecord(
        RUN_ID,
        DATE,
        Instant.parse("2026-11-25T06:00:00Z"),
        Instant.parse("2026-11-25T06:01:00Z"),
        status,
        Map.copyOf(counts),
        Map.copyOf(amounts),
        matchRate,
        reportPath,
        null);
  }
}
