package dev.reconciler.cli;

import dev.reconciler.core.alert.AlertComposer;
import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.ExportSpec;
import dev.reconciler.core.generate.FeeCard;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.task.ImportArgs;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.scheduler.DailyScheduler;
import dev.reconciler.worker.jobs.JobContext;
import dev.reconciler.worker.jobs.ReconcileJob;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.mail.AlertSender;
import dev.reconciler.worker.mail.AlertSenders;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.runtime.WorkerProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler demo: the whole distributed story in one process, with nothing installed. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate yesterday's sales and a Stripe export of the processor side, start an embedded"
            + " Redis, a worker and the scheduler, enqueue the import of the export and then the"
            + " reconcile, wait for them and the alert, print the report and alert paths and the"
            + " task states, and stop.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration WAIT = Duration.ofMinutes(5);

  /** The processor whose export the demo generates and imports. */
  private static final ImportFormat FORMAT = ImportFormat.STRIPE;

  @Mixin CommonOptions common;

  @Option(
      names = {"-n", "--transactions"},
      defaultValue = "20000",
      description = "transactions (default: ${DEFAULT-VALUE})")
  int transactions;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("RECONCILER_REDIS_URL", "embedded");
    // The demo enqueues its own reconcile; a catch-up of this morning's fire time would run a
    // second.
    env.put("RECONCILER_SCHEDULE_CATCH_UP_HOURS", "0");
    // The card the generated export's fees follow, so the Fees sheet shows its off-card fees too;
    // for this run only: config.ini's default stays "no rate check".
    env.put("RECONCILER_FEES_RATE_CARD", FeeCard.defaults().spelling());
    Settings settings = SettingsLoader.load(common.configFile(), env);
    LoggingSetup.configure(settings, common.verbose);
    if (transactions < 0) {
      throw new UserError("--transactions must be 0 or more, not " + transactions);
    }
    Clock clock = Clock.systemUTC();
    LocalDate day = DateOption.parse(null, settings.reconciliation().timezone(), clock);
    Path export = settings.paths().dataDir().resolve(FORMAT.id() + "-export.csv").toAbsolutePath();
    new DataGenerator(TerminalProgress.forConsole())
        .generate(
            new GenerationSpec(
                    day,
                    transactions,
                    42,
                    settings.reconciliation().timezone(),
                    settings.reconciliation().amountTolerance(),
                    GenerationSpec.Rates.defaults())
                .withExport(ExportSpec.of(FORMAT)),
            settings.paths().database(),
            export,
            GroundTruthFiles.beside(settings.paths().database()));
    System.out.printf(
        "Generated %,d transactions for %s into %s, the processor side as %s export %s%n",
        transactions, day, settings.paths().database(), FORMAT.id(), export);
    List<String> queues =
        Stream.of("import", "reconcile", "send_alert")
            .map(task -> settings.tasks().get(task).queue())
            .distinct()
            .toList();
    try (Broker broker = Broker.start(settings, clock, 8);
        AlertSender alerts = AlertSenders.from(settings);
        DailyScheduler scheduler = new DailyScheduler(settings, broker.queue, clock)) {
      System.out.println("Embedded Redis at " + broker.embedded.url());
      WorkerProcess worker =
          new WorkerProcess(
              settings.worker(),
              queues,
              1,
              broker.queue,
              broker.workers,
              TaskCatalog.registry(new JobContext(settings, clock, broker.redis, alerts)),
              clock);
      worker.start();
      scheduler.start();
      TaskClient client = new TaskClient(broker.queue, settings, clock);
      String importId =
          client.send(ImportArgs.TASK, new ImportArgs(FORMAT, export.toString(), null).toList());
      System.out.println("Enqueued import of " + export.getFileName() + " as task " + importId);
      Map<String, String> imported = TaskWait.untilFinal(broker.queue, importId, WAIT);
      if (!"SUCCESS".equals(imported.get("state"))) {
        // Reconciling an empty processor table would only show every sale missing.
        worker.shutdown(settings.worker().shutdownGrace());
        System.out.println();
        System.out.println("import " + importId);
        StatusCommand.print(imported);
        return Main.FAILURE;
      }
      String taskId = client.send(ReconcileArgs.TASK, new ReconcileArgs(day, null, null).toList());
      System.out.println("Enqueued reconcile for " + day + " as task " + taskId);
      Map<String, String> reconcile = TaskWait.untilFinal(broker.queue, taskId, WAIT);
      String runId = RunIds.forTask(day, taskId);
      RunRecord run = RunStores.open(settings, settings.paths().database()).find(runId);
      // A run below [email] discrepancy_threshold (or with it 0) sends no alert: none to wait for.
      boolean alerted =
          run != null
              && new AlertComposer(settings.email(), settings.paths().reportDir())
                  .warrantsDiscrepancyAlert(run);
      String alertId = ReconcileJob.alertTaskId(runId, AlertKind.DISCREPANCIES);
      Map<String, String> alert =
          reconcile.get("state").equals("SUCCESS") && alerted
              ? TaskWait.untilFinal(broker.queue, alertId, WAIT)
              : Map.of();
      int code = worker.shutdown(settings.worker().shutdownGrace());
      System.out.println();
      System.out.println("import " + importId);
      StatusCommand.print(imported);
      System.out.println("reconcile " + taskId);
      StatusCommand.print(reconcile);
      if (!alert.isEmpty()) {
        System.out.println("send_alert " + alertId);
        StatusCommand.print(alert);
      }
      System.out.println();
      if (run != null) {
        SummaryPrinter.print(run, System.out);
      }
      System.out.println(
          "Report: " + settings.paths().reportDir().resolve(settings.report().fileName(day)));
      System.out.println("Alert:  " + alertShown(settings, alerts, runId, alerted));
      boolean ok =
          "SUCCESS".equals(reconcile.get("state"))
              && (!alerted || "SUCCESS".equals(alert.get("state")));
      return ok ? code : Main.FAILURE;
    }
  }

  /** Where the discrepancy alert went, or why there is none. */
  private static String alertShown(
      Settings settings, AlertSender alerts, String runId, boolean alerted) {
    int threshold = settings.email().discrepancyThreshold();
    if (!alerted) {
      return threshold == 0
          ? "none ([email] discrepancy_threshold = 0: discrepancy alerts are off)"
          : "none (fewer discrepancies than [email] discrepancy_threshold = " + threshold + ")";
    }
    return settings.email().smtpConfigured()
        ? alerts.describe()
        : AlertSenders.outboxFile(settings, runId, AlertKind.DISCREPANCIES).toString();
  }
}
