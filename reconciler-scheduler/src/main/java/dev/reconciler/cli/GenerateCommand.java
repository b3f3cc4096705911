package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler generate: synthetic input data with known discrepancies, for demos and tests. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write a fresh SQLite database of synthetic sales and processor rows for one day, "
            + "with injected discrepancies and dirty rows, and the ground truth as JSON beside it.")
final class GenerateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--date",
      paramLabel = "yyyy-MM-dd",
      description = "business date (default: yesterday)")
  String date;

  @Option(
      names = {"-n", "--transactions"},
      defaultValue = "10000",
      description = "transactions (default: ${DEFAULT-VALUE})")
  int transactions;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--db",
      paramLabel = "PATH",
      description = "database to (re)create (default: [paths] database)")
  Path db;

  @Option(names = "--clean", description = "no discrepancies and no dirty rows")
  boolean clean;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    if (transactions < 0) {
      throw new dev.reconciler.core.domain.UserError(
          "--transactions must be 0 or more, not " + transactions);
    }
    LocalDate day = DateOption.parse(date, settings.reconciliation().timezone(), Clock.systemUTC());
    Path target = db != null ? db : settings.paths().database();
    Path truth = GroundTruthFiles.beside(target);
    GenerationSpec spec =
        new GenerationSpec(
            day,
            transactions,
            seed,
            settings.reconciliation().timezone(),
            settings.reconciliation().amountTolerance(),
            clean ? GenerationSpec.Rates.clean() : GenerationSpec.Rates.defaults());
    long start = System.nanoTime();
    GroundTruth result =
        new DataGenerator(TerminalProgress.forConsole()).generate(spec, target, truth);
    System.out.printf(
        "Generated %,d transactions for %s in %.1f s: %,d sales rows, %,d processor rows%n",
        transactions,
        day,
        (System.nanoTime() - start) / 1e9,
        result.salesRows(),
        result.processorRows());
    System.out.println("Database:     " + target);
    System.out.println("Ground truth: " + truth);
    return 0;
  }
}
