package dev.reconciler.core.imports;

import dev.reconciler.core.domain.SafeText;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one import did: rows added and rows already present, per type, and the rejected rows (the
 * first {@link ProcessorImporter#REJECTS_KEPT} with line and reason, and how many in all).
 *
 * @param file the file's name as recorded in source_file (shown on one line, escaped)
 * @param firstRow the earliest time of the file's rows, accepted or rejected with a time that reads
 *     (null when none, or not known)
 * @param lastRow the latest such time
 * @param notes what the parser told of the file as a whole (a setting that may not have meant what
 *     it read), each on one line
 * @param dryRun whether the import was rolled back ({@link ProcessorImporter#dryRun}): "added" are
 *     the rows an import would add
 */
public record ImportSummary(
    ImportFormat format,
    String file,
    Map<RowType, Long> added,
    Map<RowType, Long> alreadyPresent,
    List<Rejection> rejected,
    long rejectedTotal,
    Instant firstRow,
    Instant lastRow,
    List<String> notes,
    boolean dryRun) {

  /**
   * A row not imported: its line in the file (1 = the first line), the last line it took (the same
   * unless a quote never closed took the lines after it in, each then counted as a rejected row),
   * why, the transaction id its cell held as written (null when none or unknown): what an
   * accountant finds its sale by, and the row's time where it could be read (null when not): what
   * places it on its day's report.
   */
  public record Rejection(long line, long lastLine, String reason, String rawId, Instant at) {
    public Rejection(long line, String reason) {
      this(line, line, reason);
    }

    public Rejection(long line, long lastLine, String reason) {
      this(line, lastLine, reason, null);
    }

    public Rejection(long line, long lastLine, String reason, String rawId) {
      this(line, lastLine, reason, rawId, null);
    }

    /** Rejected rows this one counts for: one per line it took. */
    public long rows() {
      return lastLine - line + 1;
    }

    /** Rejected rows {@code rejections} count for. */
    public static long rowsOf(List<Rejection> rejections) {
      return rejections.stream().mapToLong(Rejection::rows).sum();
    }
  }

  /** A summary that does not say when its rows were dated. */
  public ImportSummary(
      ImportFormat format,
      String file,
      Map<RowType, Long> added,
      Map<RowType, Long> alreadyPresent,
      List<Rejection> rejected,
      long rejectedTotal) {
    this(
        format, file, added, alreadyPresent, rejected, rejectedTotal, null, null, List.of(), false);
  }

  public ImportSummary {
    notes = notes == null ? List.of() : List.copyOf(notes);
    added = Map.copyOf(added);
    alreadyPresent = Map.copyOf(alreadyPresent);
    rejected = List.copyOf(rejected);
  }

  public long addedTotal() {
    return total(added);
  }

  public long alreadyPresentTotal() {
    return total(alreadyPresent);
  }

  /**
   * The summary as an operator reads it, one fact per line, types in {@link RowType} order, with
   * the days its rows fall on in {@code zone} ([reconciliation] timezone): the days whose runs read
   * them.
   */
  public List<String> lines(ZoneId zone) {
    List<String> lines = new ArrayList<>();
    lines.add(oneLine());
    perType(lines, dryRun ? "to import" : "imported", added);
    perType(lines, "already present", alreadyPresent);
    // Which day's file it was, as a glance tells: a file of the wrong day shows here at once.
    RowDays days = RowDays.of(firstRow, lastRow, zone);
    if (days != null) {
      lines.add(
          (firstRow.equals(lastRow)
                  ? "rows dated " + firstRow
                  : "rows dated " + firstRow + " to " + lastRow)
              + " ("
              + days.named()
              + " in "
              + zone
              + ")");
    }
    notes.forEach(note -> lines.add("note: " + note));
    for (Rejection r : rejected) {
      String took =
          r.rows() > 1
              ? String.format(Locale.ROOT, "; its %,d lines count as rejected rows", r.rows())
              : "";
      // Its sale is found by its id; the id is escaped on one line as the reason is.
      String id = r.rawId() == null ? "" : " (transaction id " + r.rawId() + ")";
      lines.add(
          String.format(Locale.ROOT, "rejected line %d%s: %s%s", r.line(), id, r.reason(), took));
    }
    long listed = Rejection.rowsOf(rejected);
    if (rejectedTotal > listed) {
      lines.add(
          String.format(
              Locale.ROOT,
              "rejected: %,d more rows not listed (the first %,d are)",
              rejectedTotal - listed,
              listed));
    }
    if (rejectedTotal > 0) {
      String others =
          addedTotal() > 0
              ? dryRun ? "the other rows would be imported" : "the other rows were imported"
              : alreadyPresentTotal() > 0
                  ? dryRun
                      ? "the other rows are already present"
                      : "the other rows were already present"
                  : dryRun ? "no row would be imported" : "no row was imported";
      // A refused file or a dry run committed nothing, so no report has its rejections; any other
      // import has them.
      lines.add(
          others
              + (dryRun
                  ? "; fix the rejected rows before importing the file"
                  : "; fix the rejected rows and import the file again")
              + (everyRowRejected() || dryRun
                  ? ""
                  : " (until then the Rejected Rows sheet of each rejected row's day lists it,"
                      + " or of each day the file reaches when its time could not be read)"));
    }
    return lines;
  }

  /**
   * Whether the file had rows and every one was rejected: nothing was imported or found present, so
   * the file is as good as refused (a wrong setting, such as the decimal separator, rejects every
   * row), and what runs after the import must not go on as if it had its rows.
   */
  public boolean everyRowRejected() {
    return rejectedTotal > 0 && addedTotal() == 0 && alreadyPresentTotal() == 0;
  }

  /** Why {@link #everyRowRejected} refuses the file, on one line, with its first rejection. */
  public String refusal() {
    String first =
        rejected.isEmpty()
            ? ""
            : String.format(
                Locale.ROOT,
                " (first: line %d: %s)",
                rejected.get(0).line(),
                SafeText.line(rejected.get(0).reason(), 300));
    return String.format(
        Locale.ROOT,
        "%s file %s: every row was rejected (%,d), nothing imported%s",
        format.id(),
        SafeText.line(file),
        rejectedTotal,
        first);
  }

  /**
   * One line for a queued import's result: the counts, the days of {@code zone} its rows fall on,
   * and how many notes the parser told (kept in the import log, listed by {@code reconciler
   * imports}).
   */
  public String result(ZoneId zone) {
    RowDays days = RowDays.of(firstRow, lastRow, zone);
    return oneLine()
        + (days == null ? "" : "; rows of " + days.named() + " in " + zone)
        + switch (notes.size()) {
          case 0 -> "";
          case 1 -> "; 1 note (reconciler imports lists it)";
          default -> "; " + notes.size() + " notes (reconciler imports lists them)";
        };
  }

  /**
   * The days of a zone an import's rows fall on, first to last: the days whose runs read them.
   *
   * @param first the day of the earliest row
   * @param last the day of the latest
   */
  public record RowDays(LocalDate first, LocalDate last) {
    /** The days of times {@code from} to {@code to} in {@code zone}; null when there are none. */
    public static RowDays of(Instant from, Instant to, ZoneId zone) {
      return from == null
          ? null
          : new RowDays(LocalDate.ofInstant(from, zone), LocalDate.ofInstant(to, zone));
    }

    /** "day D", or "days D to E". */
    public String named() {
      return first.equals(last) ? "day " + first : "days " + this;
    }

    /** "D", or "D to E". */
    @Override
    public String toString() {
      return first.equals(last) ? first.toString() : first + " to " + last;
    }
  }

  /** One line for a log: the counts. */
  public String oneLine() {
    return String.format(
        Locale.ROOT,
        dryRun
            ? "%s file %s (dry run, nothing imported): %,d rows to import, %,d already present, %,d"
                + " rejected"
            : "%s file %s: %,d rows imported, %,d already present, %,d rejected",
        format.id(),
        SafeText.line(file),
        addedTotal(),
        alreadyPresentTotal(),
        rejectedTotal);
  }

  private static void perType(List<String> lines, String what, Map<RowType, Long> counts) {
    for (RowType type : RowType.values()) {
      Long n = counts.get(type);
      if (n != null && n > 0) {
        lines.add(String.format(Locale.ROOT, "%s %s: %,d", what, type.id(), n));
      }
    }
  }

  /** The sum of a per-type count. */
  public static long total(Map<RowType, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
