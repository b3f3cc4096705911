package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.reconcile.RunOutcome;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** reconciler reconcile: the whole pipeline in this process, for one business date. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description =
        "Reconcile one business date now, in this process: load and clean both tables, match, "
            + "write the Excel report and record the run. Exit 0 when it ran (discrepancies are findings, not errors).")
final class ReconcileCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin RunOptions run;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    LocalDate day = DateOption.parse(run.date, settings.reconciliation().timezone(), clock);
    ReconcileRequest request =
        new ReconcileRequest(
            day,
            RunIds.newRunId(day),
            run.db != null ? run.db : settings.paths().database(),
            run.out != null ? run.out : settings.paths().reportDir());
    RunOutcome outcome =
        new ReconcileService(settings, clock, TerminalProgress.forConsole()).run(request);
    SummaryPrinter.print(outcome, System.out);
    return 0;
  }
}
