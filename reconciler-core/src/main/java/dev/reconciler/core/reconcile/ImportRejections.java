package dev.reconciler.core.reconcile;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.imports.ImportSummary.Rejection;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.store.ImportLog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The processor rows the imports of a day's files rejected, as rejected rows of the day's run: a
 * row its import rejected never reaches the table, and without this the accountant would see only
 * its sale "missing in processor", with nothing saying the processor's file had it.
 */
final class ImportRejections {
  private ImportRejections() {}

  /**
   * The rejections of the latest import of each file whose rows reach {@code day} in the
   * [reconciliation] timezone: those of the day's rows and those of rows whose time could not be
   * read (see {@link ImportLog#rejectedIn}).
   */
  static List<RejectedRow> forDay(Settings settings, Path db, LocalDate day) {
    ZoneId zone = settings.reconciliation().timezone();
    List<RejectedRow> rows = new ArrayList<>();
    for (ImportLog.FileRejections file :
        ImportLog.rejectedIn(
            settings.database(),
            db,
            day.atStartOfDay(zone).toInstant(),
            day.plusDays(1).atStartOfDay(zone).toInstant())) {
      rows.addAll(rows(file));
    }
    return rows;
  }

  /**
   * One file's kept rejections of the day by line, then, when its import rejected more than it
   * kept, one row without a line that says how many more (of any of the days its rows reach).
   */
  static List<RejectedRow> rows(ImportLog.FileRejections file) {
    List<RejectedRow> rows = new ArrayList<>(file.listed().size() + 1);
    for (Rejection r : file.listed()) {
      String reason =
          r.rows() > 1
              ? String.format(
                  Locale.ROOT,
                  "%s (lines %d to %d, each a rejected row)",
                  r.reason(),
                  r.line(),
                  r.lastLine())
              : r.reason();
      rows.add(
          new RejectedRow(Source.PROCESSOR, r.line(), r.rawId(), reason, file.file(), r.rows()));
    }
    if (file.notKept() > 0) {
      rows.add(
          new RejectedRow(
              Source.PROCESSOR,
              0,
              null,
              String.format(
                  Locale.ROOT,
                  "%,d more rows of this file were rejected, of this day or another it reaches:"
                      + " its import of %s kept the first %,d",
                  file.notKept(),
                  file.importedAt(),
                  file.keptRows()),
              file.file(),
              file.notKept()));
    }
    return rows;
  }
}
