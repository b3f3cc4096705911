package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ImportFormatException;
import dev.reconciler.core.imports.ImportRefused;
import dev.reconciler.core.imports.ProcessorImporter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler import: processor exports into the processor table, in this process. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import a processor export into the processor table of the database, in one transaction"
            + " (several files: one each, in the order given). Rows already imported are skipped,"
            + " so a file may be imported again. Exit 0 when it ran, rejected rows included (each"
            + " is listed with its line); 2 when a file is missing (nothing is imported), or"
            + " refused, or every one of its rows was rejected (the other files are imported).")
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

  @Option(
      names = "--dry-run",
      description =
          "read each file and offer its rows to the table as an import does, then roll back:"
              + " print what the import would do (rows to import, already present, rejected, the"
              + " days), keep nothing. It holds the database's write lock while it runs; several"
              + " files are each tried against the table as it is")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    ImportFormat format = options.format();
    List<Path> files = options.files();
    CommonOptions.refuseDbOnPostgres(db, settings, "the rows");
    // A mistyped name refuses the command before any file is imported, as it does for one file.
    files.forEach(ProcessorImporter::requireReadableFile);
    Path target = db != null ? db : settings.paths().database();
    ZoneId zone = settings.reconciliation().timezone();
    ProcessorImporter importer = new ProcessorImporter(settings);
    long start = System.nanoTime();
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      if (i > 0) {
        System.out.println();
      }
      try {
        (dryRun ? importer.dryRun(format, file, target) : importer.importFile(format, file, target))
            .lines(zone)
            .forEach(System.out::println);
      } catch (ImportFormatException e) {
        if (e instanceof ImportRefused refusal) {
          // The rejections first, as for any import: they say what to fix.
          refusal.summary().lines(zone).forEach(System.out::println);
        }
        if (files.size() == 1) {
          throw e;
        }
        // Each file is its own transaction: the others are imported, this one is said.
        System.err.println("reconciler: error: " + e.getMessage());
        refused.add(SafeText.line(file.getFileName().toString(), 300));
      }
    }
    String counted =
        files.size() == 1
            ? ""
            : dryRun
                ? String.format(Locale.ROOT, "of %d files ", files.size())
                : String.format(
                    Locale.ROOT, "%d of %d files ", files.size() - refused.size(), files.size());
    System.out.printf(
        dryRun
            ? "Dry run %sagainst %s (table %s) in %.1f s: nothing imported%n"
            : "Imported %sinto %s (table %s) in %.1f s%n",
        counted,
        settings.database().shown(target),
        settings.database().processorTable(),
        (System.nanoTime() - start) / 1e9);
    if (!refused.isEmpty()) {
      throw new UserError(
          String.format(
              Locale.ROOT,
              dryRun
                  ? "%d of %d files would not be imported: %s (fix these before importing them)"
                  : "%d of %d files not imported: %s (the others were; fix these and import them"
                      + " again)",
              refused.size(),
              files.size(),
              String.join(", ", refused)));
    }
    return 0;
  }
}
