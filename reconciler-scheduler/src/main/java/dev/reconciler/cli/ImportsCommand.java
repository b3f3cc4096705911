package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ImportSummary;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.store.ImportLog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * reconciler imports: the latest imports into the processor table, as the console's Imports page
 * lists them, for an operator on the host.
 */
@Command(
    name = "imports",
    mixinStandardHelpOptions = true,
    description =
        "List the latest imports into the processor table, newest first: when, format, file, rows"
            + " added and rejected, the days their rows fall on ([reconciliation] timezone), the"
            + " task that ran it, what the parser told of the file, and the first rows it"
            + " rejected with line, transaction id, day and reason.")
final class ImportsCommand implements Callable<Integer> {
  /** Most imports --limit lists. */
  static final int MAX_LIMIT = 1000;

  @Mixin CommonOptions common;

  @Option(
      names = "--db",
      paramLabel = "PATH",
      description =
          "SQLite database whose imports to list (default: [paths] database; with a PostgreSQL"
              + " [database] url, that database)")
  Path db;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "imports to list, 1 to " + MAX_LIMIT + " (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(
      names = "--rejections",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "rejected rows to list of each import, 0 to "
              + ProcessorImporter.REJECTS_KEPT
              + ", those of the lowest lines (default: ${DEFAULT-VALUE})")
  int rejections;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new UserError("--limit must be 1 to " + MAX_LIMIT + ", not " + limit);
    }
    if (rejections < 0 || rejections > ProcessorImporter.REJECTS_KEPT) {
      throw new UserError(
          "--rejections must be 0 to " + ProcessorImporter.REJECTS_KEPT + ", not " + rejections);
    }
    CommonOptions.refuseDbOnPostgres(db, settings, "its imports are there");
    Path target = db != null ? db : settings.paths().database();
    String shown =
        settings.database().shown(target) + " (table " + settings.database().processorTable() + ")";
    List<ImportLog.Logged> imports =
        ImportLog.recent(settings.database(), target, limit, rejections);
    if (imports.isEmpty()) {
      System.out.println("No import into " + shown + " yet.");
      return 0;
    }
    System.out.println("Imports into " + shown + ", newest first:");
    ZoneId zone = settings.reconciliation().timezone();
    imports.forEach(logged -> lines(logged, zone).forEach(System.out::println));
    // Last, where it is read first: a latest import that added nothing was the same file again.
    System.out.println("Newest row imported, per format (how fresh each processor's data is):");
    ImportLog.byFormat(settings.database(), target)
        .forEach(
            (format, imported) ->
                System.out.printf(
                    Locale.ROOT,
                    "  %s: %s; its latest import, %s, added %,d rows%n",
                    format,
                    imported.newestRow() == null
                        ? "not known"
                        : imported.newestRow()
                            + " (day "
                            + LocalDate.ofInstant(imported.newestRow(), zone)
                            + ")",
                    imported.latest().at().truncatedTo(ChronoUnit.SECONDS),
                    imported.latest().rowsAdded()));
    return 0;
  }

  /** One import: a line of its own, then its notes and rejected rows indented under it. */
  static List<String> lines(ImportLog.Logged logged, ZoneId zone) {
    ImportLog.Entry entry = logged.entry();
    List<String> lines = new ArrayList<>();
    String days = logged.days(zone);
    lines.add(
        String.format(
            Locale.ROOT,
            "%s  %s file %s: %,d rows added, %s rejected%s; %s",
            entry.at().truncatedTo(ChronoUnit.SECONDS),
            entry.format(),
            SafeText.line(entry.file()),
            entry.rowsAdded(),
            entry.rowsRejected() == null
                ? "not counted"
                : String.format(Locale.ROOT, "%,d", entry.rowsRejected()),
            days.isEmpty() ? "" : "; rows dated " + days,
            entry.taskId() == null ? "command line" : "task " + SafeText.line(entry.taskId())));
    logged.notes().forEach(note -> lines.add("  note: " + SafeText.line(note)));
    for (ImportSummary.Rejection r : logged.rejections()) {
      List<String> about = new ArrayList<>();
      if (r.rawId() != null) {
        about.add("transaction id " + SafeText.line(r.rawId()));
      }
      if (r.at() != null) {
        about.add(LocalDate.ofInstant(r.at(), zone).toString());
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "  rejected line %s%s: %s",
              r.rows() > 1 ? r.line() + "-" + r.lastLine() : String.valueOf(r.line()),
              about.isEmpty() ? "" : " (" + String.join(", ", about) + ")",
              SafeText.line(r.reason())));
    }
    long notListed = logged.notListed();
    if (notListed > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  %,d rejected %s not listed here (the Rejected Rows sheet of each day lists that"
                  + " day's)",
              notListed,
              notListed == 1 ? "row" : "rows"));
    }
    return lines;
  }
}
