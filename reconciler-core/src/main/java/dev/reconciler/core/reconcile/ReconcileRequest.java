package dev.reconciler.core.reconcile;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * One reconciliation to run.
 *
 * @param runId the audit identity: a redelivered task passes the same id and overwrites its own run
 *     record and report
 */
public record ReconcileRequest(
    LocalDate businessDate, String runId, Path database, Path reportDir) {}
