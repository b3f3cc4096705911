package dev.reconciler.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What a reconcile works on, for both 'reconcile' (here, now) and 'enqueue reconcile': one date, or
 * a range of dates run in order.
 */
final class RunOptions {
  @Option(
      names = "--date",
      paramLabel = "yyyy-MM-dd",
      description = "business date (default: yesterday)")
  String date;

  @Option(
      names = "--from",
      paramLabel = "yyyy-MM-dd",
      description = "first date of a backfill run in order, with --to")
  String from;

  @Option(
      names = "--to",
      paramLabel = "yyyy-MM-dd",
      description = "last date of a backfill (at most 366 dates), with --from")
  String to;

  @Option(
      names = "--db",
      paramLabel = "PATH",
      description = "input database (default: [paths] database)")
  Path db;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "report directory (default: [paths] report_dir)")
  Path out;

  /** True when a date option was given: they are for reconcile only. */
  boolean datesGiven() {
    return date != null || from != null || to != null;
  }
}
