package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.ExportSpec;
import dev.reconciler.core.generate.FeeCard;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.generate.MultiDayTruth;
import dev.reconciler.core.imports.ImportFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            + "instead, for `reconciler import`. With --days N, N consecutive days go into the "
            + "one database, some payments settling up to 5 days late, and the ground truth has "
            + "a section per day for [reconciliation] settlement_window_days. With a PostgreSQL "
            + "[database] url the two tables are (re)created there instead (COPY), the ground "
            + "truth still beside [paths] database.")
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
      names = "--days",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "consecutive business days from --date, --transactions each (default: ${DEFAULT-VALUE})")
  int days;

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
    CommonOptions.refuseDbOnPostgres(db, settings, "the tables");
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
    if (days != 1) {
      return generateDays(spec, settings, target, truth);
    }
    Path file = exportSpec == null ? null : exportFile(target, exportSpec);
    if (file != null && (samePath(file, target) || samePath(file, truth))) {
      throw new UserError("--export " + file + " would overwrite the database or its ground truth");
    }
    long start = System.nanoTime();
    GroundTruth result =
        DataGenerator.writingTo(settings.database(), TerminalProgress.forConsole())
            .generate(spec, target, file, truth);
    System.out.printf(
        "Generated %,d transactions for %s in %.1f s: %,d sales rows, %,d processor rows%n",
        transactions,
        day,
        (System.nanoTime() - start) / 1e9,
        result.salesRows(),
        result.processorRows());
    System.out.println("Database:     " + settings.database().shown(target));
    if (file != null) {
      System.out.println("Export:       " + file + " (" + format + ")");
    }
    System.out.println("Ground truth: " + truth);
    if (!clean) {
      printFindings(result);
    }
    return 0;
  }

  /**
   * The findings drawn per kind, and the kinds none was drawn for: each is drawn per transaction at
   * random, so a small day may have an empty sheet, which should not look like a fault.
   */
  private static void printFindings(GroundTruth result) {
    Map<String, Integer> perKind = result.idsPerKind();
    List<String> counts = new ArrayList<>();
    List<String> none = new ArrayList<>();
    perKind.forEach(
        (kind, n) -> {
          counts.add(kind + " " + n);
          if (n == 0) {
            none.add(kind);
          }
        });
    System.out.println("Findings:     " + String.join(", ", counts));
    if (!none.isEmpty()) {
      System.out.println(
          "              none drawn for "
              + String.join(", ", none)
              + ": each kind is drawn per transaction at random; more transactions (-n) make"
              + " every kind likely");
    }
  }

  /** Several days into the database, their truth aged by the configured settlement window. */
  private int generateDays(GenerationSpec oneDay, Settings settings, Path target, Path truth)
      throws IOException {
    if (days < 1 || days > GenerationSpec.Days.MAX_COUNT) {
      throw new UserError("--days must be 1.." + GenerationSpec.Days.MAX_COUNT + ", not " + days);
    }
    if (format != null) {
      throw new UserError("--days writes into the database; --format writes one day's export");
    }
    int window = settings.reconciliation().settlementWindowDays();
    GenerationSpec.LateRates late =
        clean ? GenerationSpec.LateRates.none() : GenerationSpec.LateRates.defaults();
    GenerationSpec spec = oneDay.withDays(new GenerationSpec.Days(days, window, late));
    long start = System.nanoTime();
    MultiDayTruth result =
        DataGenerator.writingTo(settings.database(), TerminalProgress.forConsole())
            .generateDays(spec, target, truth);
    System.out.printf(
        "Generated %,d transactions a day for %s to %s in %.1f s%n",
        transactions,
        spec.businessDate(),
        spec.businessDate().plusDays(days - 1L),
        (System.nanoTime() - start) / 1e9);
    for (MultiDayTruth.Day d : result.days()) {
      System.out.printf(
          "  %s: %,d sales rows, %,d processor rows, %,d open after its run%n",
          d.run().businessDate(), d.run().salesRows(), d.run().processorRows(), d.open().size());
    }
    System.out.println("Database:     " + settings.database().shown(target));
    System.out.println(
        "Ground truth: " + truth + " (a section per day, settlement window " + window + ")");
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
