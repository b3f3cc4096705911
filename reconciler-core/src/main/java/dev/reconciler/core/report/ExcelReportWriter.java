package dev.reconciler.core.report;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.TwoThreads;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.ReconciliationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.poi.ss.util.SheetUtil;

/** Writes the reconciliation workbook. */
public final class ExcelReportWriter {
  static final String REJECTED_LABEL = "Rejected Rows";

  /** Age past which a report temp file is left over from a killed process, not being written. */
  static final Duration STALE_TEMP = Duration.ofHours(1);

  private final Set<String> sheetIds;
  private final int maxRowsPerSheet;

  public ExcelReportWriter(Settings.Report settings) {
    // A sheet listed twice is written once: a workbook cannot hold two sheets of one name.
    this.sheetIds = new LinkedHashSet<>(settings.sheets());
    this.maxRowsPerSheet = settings.maxRowsPerSheet();
    for (String id : sheetIds) {
      if (!SheetIds.known(id)) {
        throw new IllegalArgumentException("unknown report sheet '" + id + "'");
      }
    }
    if (maxRowsPerSheet < 1) {
      throw new IllegalArgumentException("maxRowsPerSheet must be at least 1: " + maxRowsPerSheet);
    }
  }

  /**
   * Creates and discards a workbook with one sheet: the first workbook of a JVM costs ~0.15 s of
   * class loading and schema set-up, which a caller with an idle core can pay ahead of time. The
   * sheet is an in-memory one, so a JVM that exits meanwhile leaves no temp file behind.
   */
  public static void warmUp() {
    try (StreamingWorkbook workbook = new StreamingWorkbook()) {
      workbook.getXSSFWorkbook().createSheet("warm-up");
      // A streaming sheet measures the default font when it is created (AWT's font set-up, ~35
      // ms the first time); measured here without creating the sheet's temp file.
      SheetUtil.getDefaultCharWidthAsFloat(workbook);
    } catch (IOException | RuntimeException e) {
      // Only a head start: the real report will meet and report any problem.
    }
  }

  /**
   * Writes to a temp file in the target's directory, then atomically renames it onto target
   * (ATOMIC_MOVE, REPLACE_EXISTING), so readers never see half a report; creates the directory.
   * Returns target.
   */
  public Path write(ReconciliationResult result, Path target) throws IOException {
    try (Pending pending = writePending(result, target)) {
      return pending.publish();
    }
  }

  /**
   * Writes the report as {@link #write} does, but leaves it under its temp name until {@link
   * Pending#publish}: a run publishes it only once its ledger is committed, so a run that fails or
   * is stopped after writing it leaves the day's report as it was.
   */
  public Pending writePending(ReconciliationResult result, Path target) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    String tempPrefix = "." + target.getFileName() + ".";
    deleteStaleTemps(directory, tempPrefix);
    // Not createTempFile: its 0600 mode would survive the rename and hide the report from the
    // finance team's group. A unique name created exclusively keeps the umask's mode.
    Path temp = directory.resolve(tempPrefix + UUID.randomUUID() + ".tmp");
    Pending pending = new Pending(temp, target);
    try (OutputStream out =
        Files.newOutputStream(
            temp,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      write(result, out);
    } catch (IOException | RuntimeException | Error e) {
      pending.close();
      throw e;
    }
    return pending;
  }

  /** A report written under a temp name beside its target; closing it unpublished deletes it. */
  public static final class Pending implements AutoCloseable {
    private final Path temp;
    private final Path target;
    private boolean published;

    private Pending(Path temp, Path target) {
      this.temp = temp;
      this.target = target;
    }

    /** The path the report will have once published. */
    public Path target() {
      return target;
    }

    /** Renames the report onto its target, replacing the one there; returns the target. */
    public Path publish() throws IOException {
      Files.move(temp, target, ATOMIC_MOVE, REPLACE_EXISTING);
      published = true;
      return target;
    }

    @Override
    public void close() {
      if (!published) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Left for the next write of this report to delete once stale (deleteStaleTemps).
        }
      }
    }
  }

  /**
   * Deletes this report's temp files that a killed process left behind: older than {@link
   * #STALE_TEMP}, far longer than any write takes, so a concurrent writer's file is never touched.
   * Best effort: a file that cannot be deleted stays, as before.
   */
  private static void deleteStaleTemps(Path directory, String tempPrefix) throws IOException {
    Instant staleBefore = Instant.now().minus(STALE_TEMP);
    try (DirectoryStream<Path> temps =
        Files.newDirectoryStream(
            directory,
            p -> {
              String name = p.getFileName().toString();
              return name.startsWith(tempPrefix) && name.endsWith(".tmp");
            })) {
      for (Path temp : temps) {
        try {
          if (Files.getLastModifiedTime(temp).toInstant().isBefore(staleBefore)) {
            Files.deleteIfExists(temp);
          }
        } catch (IOException e) {
          // Gone meanwhile, or not ours to delete: either way nothing to do.
        }
      }
    }
  }

  private void write(ReconciliationResult result, OutputStream out) throws IOException {
    // close() also deletes the flushed-rows temp files (POI 5.5 deprecates dispose() for it).
    try (StreamingWorkbook workbook = new StreamingWorkbook()) {
      CellWriter cells = new CellWriter(workbook);
      SummarySheet.write(workbook, cells, result);
      List<TableWriter.Part<?>> parts =
          createDataSheets(result, new TableWriter(workbook, cells, maxRowsPerSheet));
      // Writing rows is the report's main cost; each sheet, or each half of a long one, is filled
      // by one thread, in order, so the content does not depend on the split.
      List<TableWriter.Part.Slice> slices = new ArrayList<>();
      for (TableWriter.Part<?> part : parts) {
        slices.addAll(part.slices());
      }
      TwoThreads.forEach(slices, TableWriter.Part.Slice::rows, TableWriter.Part.Slice::fill);
      parts.forEach(TableWriter.Part::finish);
      workbook.write(out);
    }
  }

  private List<TableWriter.Part<?>> createDataSheets(
      ReconciliationResult result, TableWriter tables) {
    Map<DiscrepancyKind, List<Discrepancy>> byKind = byKind(result.discrepancies());
    List<TableWriter.Part<?>> parts = new ArrayList<>();
    for (String id : sheetIds) {
      if (id.equals(SheetIds.REJECTED)) {
        parts.addAll(tables.create(REJECTED_LABEL, Columns.REJECTED, result.rejected()));
      } else if (SheetIds.LEDGER.contains(id)) {
        parts.addAll(LedgerColumns.sheets(tables, id, result.ledger()));
      } else {
        DiscrepancyKind kind = DiscrepancyKind.byId(id);
        parts.addAll(
            kind.fromSettlement()
                ? SettlementColumns.sheets(tables, kind, result.settlement())
                : tables.create(kind.label(), Columns.of(kind), byKind.get(kind)));
      }
    }
    return parts;
  }

  /** Splits the findings by kind, keeping the result's order within each kind. */
  private static Map<DiscrepancyKind, List<Discrepancy>> byKind(List<Discrepancy> discrepancies) {
    Map<DiscrepancyKind, List<Discrepancy>> byKind = new EnumMap<>(DiscrepancyKind.class);
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      byKind.put(kind, new ArrayList<>());
    }
    discrepancies.forEach(d -> byKind.get(d.kind()).add(d));
    return byKind;
  }
}
