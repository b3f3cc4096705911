package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.runs.RunWorkbooks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler report get|prune: a run's workbook from any host, and its retention. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "A run's workbook: 'get' writes it to a file, 'prune' applies [report] keep_days.",
    subcommands = {ReportCommand.Get.class, ReportCommand.Prune.class})
final class ReportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("report needs an action: get or prune (see reconciler report --help)");
  }

  /** The run store whose workbooks a subcommand works on. */
  static final class Store {
    @Option(
        names = "--db",
        paramLabel = "PATH",
        description =
            "input database whose runs to use, when [paths] runs_database is empty"
                + " (default: [paths] database)")
    Path db;

    /**
     * Runs kept in the input database are read from an existing one: a mistyped --db is "database
     * not found", not "no run of D".
     */
    RunWorkbooks open(Settings settings) {
      Path input = db != null ? db : settings.paths().database();
      if (settings.paths().runsDatabase() == null) {
        LedgerOptions.requireInput(settings, input);
      }
      return RunWorkbooks.open(settings, input, Clock.systemUTC());
    }
  }

  /** reconciler report get: writes a run's workbook, from the database or its file. */
  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description =
          "Write the workbook of a run of --date (the newest, or --run) to --out, a new file:"
              + " from the database when it is stored there, else from [paths] report_dir.")
  static final class Get implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Mixin Store store;

    @Option(
        names = "--date",
        required = true,
        paramLabel = "yyyy-MM-dd",
        description = "business date")
    String date;

    @Option(names = "--run", paramLabel = "ID", description = "run id (default: the date's newest)")
    String run;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "file to write; must not exist")
    Path out;

    @Override
    public Integer call() {
      Settings settings = common.settings();
      LocalDate day =
          DateOption.parse(date, settings.reconciliation().timezone(), Clock.systemUTC());
      RunWorkbooks.Exported done = store.open(settings).export(day, run, out);
      System.out.printf(
          "Wrote the workbook of run %s (%s, %s) to %s: %,d bytes from %s%n",
          done.run().runId(),
          done.run().businessDate(),
          done.run().status(),
          out,
          done.bytes(),
          done.from());
      return 0;
    }
  }

  /** reconciler report prune: what each run does after it, on demand. */
  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description =
          "Delete the workbooks (stored, and files in [paths] report_dir) of runs older than"
              + " [report] keep_days, as each run does after it; run records stay.")
  static final class Prune implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Mixin Store store;

    @Override
    public Integer call() {
      Settings settings = common.settings();
      int pruned = store.open(settings).prune();
      System.out.printf(
          "Pruned the workbooks of %d run(s) older than %d days ([report] keep_days%s)%n",
          pruned,
          settings.reports().keepDays(),
          settings.reports().keepDays() == 0 ? " = 0 keeps them forever" : "");
      return 0;
    }
  }
}
