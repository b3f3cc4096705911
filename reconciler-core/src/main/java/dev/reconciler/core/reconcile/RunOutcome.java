package dev.reconciler.core.reconcile;

import dev.reconciler.core.match.ReconciliationResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A finished run.
 *
 * @param stages wall time per stage (load, match, details, report, record), in run order
 * @param counts the run's counts ({@link dev.reconciler.core.runs.RunCounts#of}), made once for its
 *     record and whoever prints it: one pass over every open item
 */
public record RunOutcome(
    ReconciliationResult result,
    Path report,
    Map<String, Duration> stages,
    Map<String, Long> counts) {}
