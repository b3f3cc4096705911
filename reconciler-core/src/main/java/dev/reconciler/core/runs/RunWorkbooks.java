package dev.reconciler.core.runs;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.RootedPaths;
import dev.reconciler.core.domain.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run workbooks as [report] says: stored in the run store's database after each run (store =
 * database), read back from there or from the file the run record names, and pruned after
 * keep_days.
 */
public final class RunWorkbooks {
  private static final Logger log = LoggerFactory.getLogger(RunWorkbooks.class);

  private final Settings settings;
  private final RunStore runs;
  private final WorkbookStore store;
  private final String location;
  private final Clock clock;

  RunWorkbooks(
      Settings settings, RunStore runs, WorkbookStore store, String location, Clock clock) {
    this.settings = settings;
    this.runs = runs;
    this.store = store;
    this.location = location;
    this.clock = clock;
  }

  /** The workbooks of the runs that read {@code inputDatabase}, in their run store's database. */
  public static RunWorkbooks open(Settings settings, Path inputDatabase, Clock clock) {
    return new RunWorkbooks(
        settings,
        RunStores.open(settings, inputDatabase),
        RunStores.workbooks(settings, inputDatabase),
        RunStores.shown(settings, inputDatabase),
        clock);
  }

  /**
   * After a run committed its ledger, before it records its success: stores its workbook (store =
   * database; once per run id, so a redelivered run stores nothing twice), then prunes what
   * keep_days says is too old. A workbook that cannot be stored fails the run; a prune that fails
   * only logs, and the next run tries again.
   */
  public void afterRun(String runId, Path report) {
    if (settings.reports().store() == Settings.ReportStore.DATABASE) {
      StoredWorkbook stored = store.put(runId, report, clock.instant());
      log.info("Workbook of run {} stored in {} ({} bytes)", runId, location, stored.size());
    }
    try {
      prune();
    } catch (RuntimeException e) {
      log.warn("Pruning old workbooks in {} failed, the next run tries again: {}", location, e);
    }
  }

  /**
   * Deletes the stored workbooks and the report files (inside [paths] report_dir, and not written
   * since) of runs started more than keep_days ago, and marks them pruned; none when keep_days is
   * 0.
   *
   * @return how many runs' workbooks were pruned now
   */
  public int prune() {
    int keepDays = settings.reports().keepDays();
    if (keepDays == 0) {
      return 0;
    }
    Instant now = clock.instant();
    Instant cutoff = now.minus(Duration.ofDays(keepDays));
    Map<String, StoredWorkbook> known = store.all();
    int pruned = 0;
    for (RunRecord run : runs.recent(Integer.MAX_VALUE)) {
      StoredWorkbook stored = known.get(run.runId());
      boolean hasOne = stored != null ? !stored.pruned() : run.reportPath() != null;
      if (hasOne && run.startedAt() != null && run.startedAt().isBefore(cutoff)) {
        deleteFileOlderThan(run.reportPath(), cutoff);
        store.markPruned(run.runId(), fileName(run, stored), now);
        pruned++;
      }
    }
    if (pruned > 0) {
      log.info(
          "Pruned the workbooks of {} runs older than {} days in {}", pruned, keepDays, location);
    }
    return pruned;
  }

  /**
   * A newer run of the same date rewrote the same file name: its workbook is not the old run's to
   * delete, and a file outside report_dir is not retention's to touch at all.
   */
  private void deleteFileOlderThan(String reportPath, Instant cutoff) {
    Path file = localFile(reportPath, settings.paths().reportDir());
    try {
      if (file != null
          && Files.isRegularFile(file)
          && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
        Files.delete(file);
      }
    } catch (IOException e) {
      log.warn("Could not delete old workbook {}: {}", file, e.toString());
    }
  }

  private static String fileName(RunRecord run, StoredWorkbook stored) {
    if (stored != null) {
      return stored.fileName();
    }
    try {
      return Path.of(run.reportPath()).getFileName().toString();
    } catch (InvalidPathException e) {
      return run.reportPath();
    }
  }

  /** The run's workbook as stored and not pruned, or null. */
  public StoredWorkbook stored(String runId) {
    StoredWorkbook w = store.find(runId);
    return w == null || w.pruned() ? null : w;
  }

  /** Every workbook the store knows of, stored or pruned, by run id. */
  public Map<String, StoredWorkbook> known() {
    return store.all();
  }

  /** Writes the run's stored workbook to {@code out}, its size and SHA-256 checked. */
  public StoredWorkbook copyTo(String runId, OutputStream out) {
    return store.copyTo(runId, out);
  }

  /**
   * Where a run record's report path really is, when it names an .xlsx path inside {@code
   * reportDir}, whether or not a file is there; otherwise null. The record is data anyone who can
   * write the database can forge: nothing outside report_dir is read, attached or deleted for it.
   */
  public static Path localFile(String reportPath, Path reportDir) {
    if (reportPath == null
        || RootedPaths.hasParentSegment(reportPath)
        || !reportPath.endsWith(".xlsx")) {
      return null;
    }
    try {
      return RootedPaths.within(Path.of(reportPath), reportDir);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** What {@link #export} wrote: the run, and where its workbook came from. */
  public record Exported(RunRecord run, long bytes, String from) {}

  /**
   * Writes the workbook of a run of {@code date} to {@code out}, a file that must not exist yet:
   * run {@code runId}, or the newest run of the date when null. From the store when it holds the
   * workbook, else from the file the record names.
   *
   * @throws UserError when there is no such run, it has no workbook, its workbook was pruned or is
   *     on another host, or {@code out} exists
   */
  public Exported export(LocalDate date, String runId, Path out) {
    RunRecord run = runId == null ? newestOf(date) : runOf(date, runId);
    StoredWorkbook known = store.find(run.runId());
    if (known != null && known.pruned()) {
      throw new UserError(
          "the workbook of run "
              + run.runId()
              + " ("
              + date
              + ") was pruned at "
              + known.prunedAt()
              + " ([report] keep_days = "
              + settings.reports().keepDays()
              + "); its run record stays");
    }
    if (known != null) {
      long bytes = writeNew(out, o -> store.copyTo(run.runId(), o));
      return new Exported(run, bytes, "the database " + location);
    }
    Path file = fileOf(run);
    long bytes = writeNew(out, o -> Files.copy(file, o));
    return new Exported(run, bytes, file.toString());
  }

  private RunRecord newestOf(LocalDate date) {
    return runs.recent(Integer.MAX_VALUE).stream()
        .filter(r -> date.equals(r.businessDate()))
        .findFirst()
        .orElseThrow(() -> new UserError("no run of " + date + " is recorded in " + location));
  }

  private RunRecord runOf(LocalDate date, String runId) {
    RunRecord run = runs.find(runId);
    if (run == null) {
      throw new UserError("no run " + runId + " is recorded in " + location);
    }
    if (!date.equals(run.businessDate())) {
      throw new UserError(
          "run "
              + runId
              + " reconciled "
              + run.businessDate()
              + ", not "
              + date
              + ": check --date");
    }
    return run;
  }

  private Path fileOf(RunRecord run) {
    if (run.reportPath() == null || run.reportPath().isBlank()) {
      throw new UserError(
          "run "
              + run.runId()
              + " of "
              + run.businessDate()
              + " has no workbook: its status is "
              + run.status()
              + (run.error() == null ? "" : " (" + run.error() + ")"));
    }
    Path reportDir = settings.paths().reportDir();
    Path file = localFile(run.reportPath(), reportDir);
    if (file == null || !Files.isRegularFile(file)) {
      throw new UserError(
          "the workbook of run "
              + run.runId()
              + " is not in the database and not a workbook inside [paths] report_dir ("
              + reportDir
              + ") on this host: it was written to "
              + run.reportPath()
              + "; set [report] store = database so every host can serve it");
    }
    RunRecord rewriter = laterWriterOf(run, file);
    if (rewriter != null) {
      throw new UserError(
          "the workbook of run "
              + run.runId()
              + " is gone: run "
              + rewriter.runId()
              + ", a later run of "
              + run.businessDate()
              + ", wrote its own to the same file "
              + file
              + " (report get --run "
              + rewriter.runId()
              + " for that one; [report] store = database keeps every run's)");
    }
    return file;
  }

  /**
   * The later run of {@code run}'s date that wrote its own workbook over the report file {@code
   * run} records, or null when the file is still {@code run}'s (see {@link
   * #laterWriterOf(RunRecord, Path, List)}): the console serves a run's file only then.
   *
   * @param newestFirst runs as {@link RunStore#recent} lists them, {@code run} among them
   */
  public RunRecord laterWriterOf(RunRecord run, List<RunRecord> newestFirst) {
    Path file = localFile(run.reportPath(), settings.paths().reportDir());
    return file == null ? null : laterWriterOf(run, file, newestFirst);
  }

  /** {@link #laterWriterOf(RunRecord, List)} among every run recorded. */
  public RunRecord laterWriterOf(RunRecord run) {
    return laterWriterOf(run, runs.recent(Integer.MAX_VALUE));
  }

  private RunRecord laterWriterOf(RunRecord run, Path file) {
    return laterWriterOf(run, file, runs.recent(Integer.MAX_VALUE));
  }

  /**
   * The newest later run of the same date that wrote {@code file} again (same file name, as each
   * rerun does), or null when the file is still {@code run}'s. A later run counts only if it
   * started before the file was last written: one on another host left this host's file alone.
   */
  private RunRecord laterWriterOf(RunRecord run, Path file, List<RunRecord> newestFirst) {
    Instant written;
    try {
      written = Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return null;
    }
    for (RunRecord later : newestFirst) {
      if (later.runId().equals(run.runId())) {
        return null;
      }
      if (run.businessDate().equals(later.businessDate())
          && later.startedAt() != null
          && !later.startedAt().isAfter(written)
          && file.equals(localFile(later.reportPath(), settings.paths().reportDir()))) {
        return later;
      }
    }
    return null;
  }

  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Writes into a new file beside {@code out}, then moves it there: never half a workbook. */
  private static long writeNew(Path out, Writer writer) {
    Objects.requireNonNull(out, "out");
    if (Files.exists(out)) {
      throw new UserError(out + " exists: remove it or choose another --out");
    }
    Path dir = out.toAbsolutePath().getParent();
    Path part = null;
    try {
      part = Files.createTempFile(dir, "." + out.getFileName(), ".part");
      try (OutputStream o = Files.newOutputStream(part)) {
        writer.write(o);
      }
      long size = Files.size(part);
      Files.move(part, out);
      return size;
    } catch (FileAlreadyExistsException e) {
      throw new UserError(out + " exists: remove it or choose another --out");
    } catch (IOException e) {
      throw new UserError("cannot write " + out + ": " + e, e);
    } finally {
      deleteQuietly(part);
    }
  }

  private static void deleteQuietly(Path part) {
    try {
      if (part != null) {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      log.warn("Could not delete the partial file {}: {}", part, e.toString());
    }
  }
}
