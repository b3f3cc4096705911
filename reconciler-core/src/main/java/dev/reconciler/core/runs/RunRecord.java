package dev.reconciler.core.runs;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One recorded run, as a {@link RunStore} keeps it.
 *
 * @param counts by {@link RunCounts#KEYS} key (a kind id, or one of the row counts); a count the
 *     store has no value for, such as a kind added after an old run was recorded, is absent
 * @param amounts per finding kind id, per currency: the amount at stake (empty while running)
 * @param matchRatePercent null while running or when nothing was to be matched
 * @param finishedAt null while running
 * @param error null unless the run failed
 * @param problems what could not be read from a malformed row, one line each (e.g. {@code
 *     unreadable started_at 'garbage'}); the fields concerned are null or empty. Empty for a sound
 *     row.
 */
public record RunRecord(
    String runId,
    LocalDate businessDate,
    Instant startedAt,
    Instant finishedAt,
    String status,
    Map<String, Long> counts,
    Map<String, Map<String, BigDecimal>> amounts,
    BigDecimal matchRatePercent,
    String reportPath,
    String error,
    List<String> problems) {

  /** Copies the problems; none is the empty list. */
  public RunRecord {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /** A sound record: nothing unreadable. */
  public RunRecord(
      String runId,
      LocalDate businessDate,
      Instant startedAt,
      Instant finishedAt,
      String status,
      Map<String, Long> counts,
      Map<String, Map<String, BigDecimal>> amounts,
      BigDecimal matchRatePercent,
      String reportPath,
      String error) {
    this(
        runId,
        businessDate,
        startedAt,
        finishedAt,
        status,
        counts,
        amounts,
        matchRatePercent,
        reportPath,
        error,
        List.of());
  }

  /** A run that has started. */
  public static RunRecord running(String runId, LocalDate businessDate, Instant startedAt) {
    return new RunRecord(
        runId, businessDate, startedAt, null, "RUNNING", Map.of(), Map.of(), null, null, null);
  }

  /** Whether the run is recorded a success (status SUCCESS). */
  public boolean isSuccess() {
    return "SUCCESS".equals(status);
  }

  /** A run that finished and wrote its report. */
  public static RunRecord succeeded(
      String runId,
      LocalDate businessDate,
      Instant startedAt,
      Instant finishedAt,
      Map<String, Long> counts,
      Map<String, Map<String, BigDecimal>> amounts,
      BigDecimal matchRatePercent,
      String reportPath) {
    return new RunRecord(
        runId,
        businessDate,
        startedAt,
        finishedAt,
        "SUCCESS",
        counts,
        amounts,
        matchRatePercent,
        reportPath,
        null);
  }

  /**
   * The run as its task was revoked and stopped while it ran (an operator's {@code revoke
   * --terminate}): what it had recorded, finished now with status REVOKED and {@code note} as its
   * error.
   */
  public static RunRecord revoked(RunRecord run, Instant finishedAt, String note) {
    return new RunRecord(
        run.runId(),
        run.businessDate(),
        run.startedAt(),
        finishedAt,
        "REVOKED",
        run.counts(),
        run.amounts(),
        run.matchRatePercent(),
        run.reportPath(),
        note,
        run.problems());
  }

  /** A run that failed with an error. */
  public static RunRecord failed(
      String runId, LocalDate businessDate, Instant startedAt, Instant finishedAt, String error) {
    return new RunRecord(
        runId,
        businessDate,
        startedAt,
        finishedAt,
        "FAILURE",
        Map.of(),
        Map.of(),
        null,
        null,
        error);
  }
}
