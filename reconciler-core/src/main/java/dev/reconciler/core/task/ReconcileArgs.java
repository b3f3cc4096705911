package dev.reconciler.core.task;

import dev.reconciler.core.config.Settings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Arguments of the reconcile task: [business date, database or null, report dir or null], then, for
 * a link of a chain of dates run in order, [chain id, last date of the requested range].
 *
 * @param database null means [paths] database
 * @param reportDir null means [paths] report_dir
 * @param chain null for a task that runs its date alone (one queued before chains existed)
 */
public record ReconcileArgs(
    LocalDate businessDate, String database, String reportDir, Chain chain) {
  public static final String TASK = "reconcile";

  /**
   * The chain a reconcile task is a link of: when it succeeds, the next link runs the next date up
   * to {@code until}, then the dates a rerun made stale.
   *
   * @param id the chain's id, the task id of its first link
   * @param until the last date of the requested range
   */
  public record Chain(String id, LocalDate until) {}

  /** A task for one date, not part of a chain. */
  public ReconcileArgs(LocalDate businessDate, String database, String reportDir) {
    this(businessDate, database, reportDir, null);
  }

  /**
   * Parses and validates the job's argument list; anything off is {@link BadArguments}. Whether the
   * paths lie where a task may work is checked when they are used ({@link #databaseIn}).
   */
  public static ReconcileArgs from(List<Object> args) {
    Args a = new Args(TASK, args, 1, 5);
    LocalDate date = a.date(0, "business date");
    String database = a.optionalPath(1, "database");
    String reportDir = a.optionalPath(2, "report dir");
    String chainId = a.optionalTaskId(3, "chain id");
    LocalDate until = a.optionalDate(4, "chain until");
    if ((chainId == null) != (until == null)) {
      throw new BadArguments(
          TASK + " arguments 3 (chain id) and 4 (chain until) must both be given or both be null");
    }
    return new ReconcileArgs(
        date, database, reportDir, chainId == null ? null : new Chain(chainId, until));
  }

  /** The same task as a link of a chain. */
  public ReconcileArgs inChain(String chainId, LocalDate until) {
    return new ReconcileArgs(businessDate, database, reportDir, new Chain(chainId, until));
  }

  /** The next link's arguments: the same database and report directory, another date. */
  public ReconcileArgs forDate(LocalDate date) {
    return new ReconcileArgs(date, database, reportDir, chain);
  }

  /** The database to work on, if a task may name it (see {@link PayloadPaths}). */
  public Path databaseIn(Settings.Paths paths) {
    return PayloadPaths.database(database, paths);
  }

  /** The report directory to write to, if a task may name it (see {@link PayloadPaths}). */
  public Path reportDirIn(Settings.Paths paths) {
    return PayloadPaths.reportDir(reportDir, paths);
  }

  /** The argument list; three long without a chain, as tasks were before chains. */
  public List<Object> toList() {
    return chain == null
        ? Arrays.asList(businessDate.toString(), database, reportDir)
        : Arrays.asList(
            businessDate.toString(), database, reportDir, chain.id(), chain.until().toString());
  }
}
