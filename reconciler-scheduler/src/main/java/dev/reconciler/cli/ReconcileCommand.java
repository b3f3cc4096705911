package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.reconcile.RunOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler reconcile: the whole pipeline in this process, for one business date. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = "Reconcile one business date now, in this process: load and clean both tables, match, "
        + "write the Excel report and record the run. Exit 0 when it ran (discrepancies are findings, not errors).")
final class ReconcileCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "business date (default: yesterday)")
  String date;

  @Option(names = "--db", paramLabel = "PATH", description = "input database (default: [paths] database)")
  Path db;

  @Option(names = "--out", paramLabel = "DIR", description = "report directory (default: [paths] report_dir)")
  Path out;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    LocalDate day = DateOption.parse(date, settings.reconciliation().timezone(), clock);
    ReconcileRequest request = new ReconcileRequest(day, RunIds.newRunId(day),
        db != null ? db : settings.paths().database(), out != null ? out : settings.paths().reportDir());
    RunOutcome outcome = new ReconcileService(settings, clock, TerminalProgress.forConsole()).run(request);
    SummaryPrinter.print(outcome, System.out);
    return 0;
  }
}
