package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ImportRefused;
import dev.reconciler.core.imports.ImportSummary;
import dev.reconciler.core.imports.ProcessorImporter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler import: one processor export into the processor table, in this process. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import a processor export into the processor table of the database, in one transaction."
            + " Rows already imported are skipped, so a file may be imported again. Exit 0 when it"
            + " ran, rejected rows included (each is listed with its line); 2 when the file is"
            + " refused or missing, or every one of its rows was rejected.")
final class ImportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin ImportOptions options;

  @Option(
      names = "--db",
      paramLabel = "PATH",
      description =
          "SQLite database to import into (default: [paths] database; with a PostgreSQL"
              + " [database] url, that database)")
  Path db;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    ImportFormat format = options.format();
    CommonOptions.refuseDbOnPostgres(db, settings, "the rows");
    Path target = db != null ? db : settings.paths().database();
    long start = System.nanoTime();
    ZoneId zone = settings.reconciliation().timezone();
    ImportSummary summary;
    try {
      summary = new ProcessorImporter(settings).importFile(format, options.file, target);
    } catch (ImportRefused e) {
      // The rejections first, as for any import: they say what to fix.
      e.summary().lines(zone).forEach(System.out::println);
      throw e;
    }
    summary.lines(zone).forEach(System.out::println);
    System.out.printf(
        "Imported into %s (table %s) in %.1f s%n",
        settings.database().shown(target),
        settings.database().processorTable(),
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
