package dev.reconciler.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What one reconcile run works on, for both 'reconcile' (here, now) and 'enqueue reconcile'. */
final class RunOptions {
  @Option(
      names = "--date",
      paramLabel = "yyyy-MM-dd",
      description = "business date (default: yesterday)")
  String date;

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
}
