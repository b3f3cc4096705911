package dev.reconciler.cli;

import dev.reconciler.core.domain.Explained;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.report.ExcelReportWriter;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of bin/reconciler: one subcommand per operator action. */
@Command(
    name = "reconciler",
    mixinStandardHelpOptions = true,
    version = "reconciler 0.1.0",
    description = "Daily reconciliation of sales against payment-processor records.")
public final class Main {
  /** The subcommands, in the order --help lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          GenerateCommand.class,
          ImportCommand.class,
          ImportsCommand.class,
          ReconcileCommand.class,
          IndexPartsCommand.class,
          LedgerCommand.class,
          ResolveCommand.class,
          UnresolveCommand.class,
          DemoCommand.class,
          WorkerCommand.class,
          SchedulerCommand.class,
          EnqueueCommand.class,
          StatusCommand.class,
          InspectCommand.class,
          FailedCommand.class,
          MetricsCommand.class,
          RevokeCommand.class,
          ReportCommand.class,
          WebCommand.class);

  /** Exit code for errors the user can fix (bad config, input or arguments). */
  static final int USER_ERROR = 2;

  /** Exit code for unexpected failures. */
  static final int FAILURE = 1;

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("reconcile") || args[0].equals("demo"))) {
      // Logging is set up here first: POI logs through SLF4J, and while one thread initialises
      // SLF4J another gets a stand-in factory, which LoggingSetup cannot configure.
      LoggerFactory.getILoggerFactory();
      // The first POI workbook of a JVM costs ~0.15 s of class loading and schema set-up. Paid
      // here, on the core that idles while picocli, configuration and the schema check run, the
      // report starts warm (~0.15 s faster end to end on a 1M x 1M reconcile, measured).
      Thread warmUp = new Thread(ExcelReportWriter::warmUp, "warm-up");
      warmUp.setDaemon(true);
      // Whatever stops it (a machine without fonts, say) only costs the head start, and the report
      // itself meets the same cause and reports it where it belongs: no stack trace from here.
      warmUp.setUncaughtExceptionHandler((thread, e) -> {});
      warmUp.start();
    }
    System.exit(run(args));
  }

  /** Runs a command line and returns the exit code (tests call this). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    // picocli builds a command's model by reflection, ~10 ms each on a cold JVM: a command line
    // naming a subcommand gets only that one; help, typos and the bare command get them all.
    String first = args.length > 0 ? args[0] : "";
    List<Class<?>> named =
        COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
    (named.isEmpty() ? COMMANDS : named).forEach(cli::addSubcommand);
    cli.setExecutionExceptionHandler(Main::handle);
    return cli.execute(args);
  }

  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    boolean verbose =
        parsed.hasMatchedOption("--verbose")
            || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
    if (verbose) {
      e.printStackTrace(cli.getErr());
    }
    if (e instanceof UserError) {
      cli.getErr().println("reconciler: error: " + e.getMessage());
      return USER_ERROR;
    }
    String what = e instanceof Explained ? e.getMessage() : e.toString();
    cli.getErr()
        .println(
            "reconciler: failed: " + what + (verbose ? "" : " (run with --verbose for details)"));
    return FAILURE;
  }
}
