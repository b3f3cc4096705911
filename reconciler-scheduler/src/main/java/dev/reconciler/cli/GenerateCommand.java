package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.ExportSpec;
import dev.reconciler.core.generate.FeeCard;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.imports.ImportFormat;
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
            + "with injected discrepancies and dirty rows, and the ground truth as JSON beside it. "
            + "With --format the processor side is written as that processor's export file "
            + "instead, for `reconciler import`.")
final class GenerateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--date",
      paramLabel = "yyyy-MM-dd",
      description = "business date (default: yesterday)")
  String date;

  @Option(
      names = {"-n", "--transactions", "--rows"},
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

  @Option(
      names = "--format",
      paramLabel = "stripe|adyen|paypal",
      description =
          "write the processor side as this export file (see --export) instead of into the "
              + "processor table, which is left empty for `reconciler import`")
  String format;

  @Option(
      names = "--export",
      paramLabel = "FILE",
      description = "export file to (re)create (default: FORMAT-export.csv beside the database)")
  Path export;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    if (transactions < 0) {
      throw new UserError("--transactions must be 0 or more, not " + transactions);
    }
    ExportSpec exportSpec = exportSpec();
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
            clean ? GenerationSpec.Rates.clean() : GenerationSpec.Rates.defaults(),
            exportSpec);
    Path file = exportSpec == null ? null : exportFile(target, exportSpec);
    if (file != null && (samePath(file, target) || samePath(file, truth))) {
      throw new UserError("--export " + file + " would overwrite the database or its ground truth");
    }
    long start = System.nanoTime();
    GroundTruth result =
        new DataGenerator(TerminalProgress.forConsole()).generate(spec, target, file, truth);
    System.out.printf(
        "Generated %,d transactions for %s in %.1f s: %,d sales rows, %,d processor rows%n",
        transactions,
        day,
        (System.nanoTime() - start) / 1e9,
        result.salesRows(),
        result.processorRows());
    System.out.println("Database:     " + target);
    if (file != null) {
      System.out.println("Export:       " + file + " (" + format + ")");
    }
    System.out.println("Ground truth: " + truth);
    return 0;
  }

  private ExportSpec exportSpec() {
    if (format == null) {
      if (export != null) {
        throw new UserError("--export needs --format stripe, adyen or paypal");
      }
      return null;
    }
    ImportFormat f = ImportFormat.byId(format);
    if (f == null || f == ImportFormat.CSV) {
      throw new UserError(
          "--format must be stripe, adyen or paypal, not '" + SafeText.line(format, 40) + "'");
    }
    return new ExportSpec(
        f, FeeCard.defaults(), clean ? ExportSpec.Rates.clean() : ExportSpec.Rates.defaults());
  }

  private static boolean samePath(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /** The export beside the database unless --export names it: data/stripe-export.csv. */
  private Path exportFile(Path db, ExportSpec spec) {
    return export != null ? export : db.resolveSibling(spec.format().id() + "-export.csv");
  }
}
