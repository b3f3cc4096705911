package dev.reconciler.core.imports;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.store.ImportLog;
import dev.reconciler.core.store.PgProcessorImportWriter;
import dev.reconciler.core.store.ProcessorImport;
import dev.reconciler.core.store.ProcessorImportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one processor export into the processor table of the input database: streamed (the parser
 * hands over one row at a time and the writer holds a few batches), in one transaction (a failure
 * part-way leaves the database as it was), and idempotent (a row already imported, by its format
 * and row key, is counted as already present and not added again).
 */
public final class ProcessorImporter {
  private static final Logger log = LoggerFactory.getLogger(ProcessorImporter.class);

  /**
   * Rejected rows listed with line and reason, those of the lowest lines; beyond this they are only
   * counted.
   */
  public static final int REJECTS_KEPT = 100;

  /** How much of a parser's reason a listed rejection keeps. */
  private static final int REASON_MAX_CHARS = 200;

  /** How much of a rejected row's transaction id a listed rejection keeps. */
  private static final int RAW_ID_MAX_CHARS = 100;

  private final Settings settings;
  private final Function<ImportFormat, ExportParser> parsers;
  private final Clock clock;

  public ProcessorImporter(Settings settings) {
    this(settings, format -> ExportParsers.forFormat(format, settings));
  }

  /** With {@code parsers} in place of {@link ExportParsers}: tests of the store around a parser. */
  ProcessorImporter(Settings settings, Function<ImportFormat, ExportParser> parsers) {
    this(settings, parsers, Clock.systemUTC());
  }

  /** With {@code clock} telling the time each import commits at, as its log keeps it. */
  ProcessorImporter(Settings settings, Function<ImportFormat, ExportParser> parsers, Clock clock) {
    this.settings = settings;
    this.parsers = parsers;
    this.clock = clock;
  }

  /**
   * Imports {@code file}, read as {@code format}, into {@code db} (on PostgreSQL, into [database]
   * url).
   *
   * @throws ImportFormatException when the file is not in that format: nothing is imported; an
   *     {@link ImportRefused}, with the rejections, when every row of the file was rejected
   * @throws UserError when the file or database is missing or unreadable
   */
  public ImportSummary importFile(ImportFormat format, Path file, Path db) throws IOException {
    return importFile(format, file, db, null);
  }

  /**
   * {@link #importFile(ImportFormat, Path, Path)} as queued task {@code taskId}, which the {@link
   * ImportLog} keeps with the import.
   */
  public ImportSummary importFile(ImportFormat format, Path file, Path db, String taskId)
      throws IOException {
    return run(format, file, db, taskId, true);
  }

  /**
   * What {@link #importFile(ImportFormat, Path, Path)} would do, done and rolled back: the file is
   * read and offered to the table in a transaction, as an import does (holding the database's write
   * lock meanwhile), and nothing is kept, the import log included. Refused as an import would be;
   * the summary says it was a dry run.
   */
  public ImportSummary dryRun(ImportFormat format, Path file, Path db) throws IOException {
    return run(format, file, db, null, false);
  }

  private ImportSummary run(ImportFormat format, Path file, Path db, String taskId, boolean commit)
      throws IOException {
    requireReadableFile(file);
    ExportParser parser = parsers.apply(format);
    // The name alone: what an accountant needs to find the file, and no directory layout leaks.
    String name = file.getFileName().toString();
    Counting sink;
    ImportSummary summary;
    FileTime modifiedBefore = Files.getLastModifiedTime(file);
    long sizeBefore = Files.size(file);
    try (ProcessorImport writer = open(format, file, name, sizeBefore, db)) {
      sink = new Counting(writer, clock.instant().plus(FUTURE_MARGIN));
      Charset charset = charset(format);
      requireNoForeignBom(file, name, charset);
      parse(parser, () -> reader(file, charset), name, sink, () -> notText(name, charset));
      // A file rewritten while it was read (an export still being downloaded) would be imported
      // half old, half new, and a parser that reads it twice would mix the two.
      if (Files.size(file) != sizeBefore
          || !Files.getLastModifiedTime(file).equals(modifiedBefore)) {
        throw new UserError(
            "import file "
                + SafeText.line(file.toAbsolutePath().normalize().toString(), 300)
                + " changed while it was imported: nothing was imported; import it again once it is"
                + " complete");
      }
      summary = sink.summary(format, name, writer.prepare(), !commit);
      // A queued import's result is one line: its notes reach the worker's log.
      for (String note : summary.notes()) {
        log.warn("{} file {}: {}", format.id(), SafeText.line(name, 300), note);
      }
      // Every row rejected, by the parser or as a key the table holds with other values: refused
      // without a commit, so no import log entry tells a redelivered task that this file was
      // imported, and no row or column is added.
      if (summary.everyRowRejected()) {
        throw new ImportRefused(summary);
      }
      // The summary took the refused rows in among the rejected ones: the log keeps them all.
      if (commit) {
        writer.commit(taskId, clock.instant(), sink.parsed());
      }
    }
    return summary;
  }

  /**
   * The import task {@code taskId} committed into the processor table (of {@code db}, or [database]
   * url), if any: a queued import whose file is gone by its redelivery asks whether an earlier
   * attempt of its own imported it before the worker stopped.
   */
  public Optional<ImportLog.Entry> importedBy(String taskId, Path db) {
    return ImportLog.byTask(settings.database(), db, taskId);
  }

  /**
   * The writer of [database] url's processor table: PostgreSQL's, or the SQLite file db's, which
   * also needs to know about how many rows the file of {@code size} bytes holds.
   */
  private ProcessorImport open(ImportFormat format, Path file, String name, long size, Path db)
      throws IOException {
    Settings.Database database = settings.database();
    String matchKey = settings.reconciliation().matchKey();
    if (database.postgres()) {
      return PgProcessorImportWriter.open(database, matchKey, format, name);
    }
    return ProcessorImportWriter.open(
        db,
        database.processorTable(),
        database.salesTable(),
        matchKey,
        database.busyTimeoutMs(),
        format,
        name,
        FileRows.estimate(file, size));
  }

  private static void parse(
      ExportParser parser,
      ExportParser.Opener file,
      String name,
      Counting sink,
      Supplier<ImportFormatException> notText)
      throws IOException {
    try {
      parser.parse(file, name, sink);
    } catch (UncheckedIOException e) {
      throw e.getCause() instanceof CharacterCodingException ? notText.get() : e;
    } catch (CharacterCodingException e) {
      throw notText.get();
    }
  }

  /**
   * The character set of files of {@code format}: UTF-8, which every processor's own format is, or
   * [import.csv] encoding for the generic one (a spreadsheet may save windows-1252).
   */
  private Charset charset(ImportFormat format) {
    return format == ImportFormat.CSV
        ? settings.imports().csv().encoding()
        : StandardCharsets.UTF_8;
  }

  /** Why a file whose bytes are not text in {@code charset} is refused, and what to change. */
  private static ImportFormatException notText(String name, Charset charset) {
    boolean utf8 = charset.equals(StandardCharsets.UTF_8);
    return new ImportFormatException(
        name
            + " is not "
            + charset.name()
            + " text: "
            + (utf8
                ? "an export is read as UTF-8 (save it as UTF-8; a generic csv file may name its"
                    + " own in [import.csv] encoding, such as windows-1252)"
                : "[import.csv] encoding = " + charset.name() + " says it should be"));
  }

  /**
   * Refuses a UTF-8 file read in a single-byte set: its byte-order mark would become the first
   * column name's first characters ("ï»¿id"), and its other non-ASCII text mojibake, silently.
   */
  private static void requireNoForeignBom(Path file, String name, Charset charset)
      throws IOException {
    if (charset.name().startsWith("UTF-")) {
      return;
    }
    byte[] head = new byte[3];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, 3);
    }
    if (n == 3
        && (head[0] & 0xff) == 0xef
        && (head[1] & 0xff) == 0xbb
        && (head[2] & 0xff) == 0xbf) {
      throw new ImportFormatException(
          name
              + " starts with a UTF-8 byte-order mark: it is UTF-8 text, not "
              + charset.name()
              + " as [import.csv] encoding says");
    }
  }

  /**
   * Strict decoding: a byte that is not text in {@code charset} refuses the file rather than
   * becoming U+FFFD.
   */
  private static Reader reader(Path file, Charset charset) throws IOException {
    return new InputStreamReader(
        Files.newInputStream(file),
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /**
   * Refuses, naming it, a file that is missing, not a regular file or not readable: what {@link
   * #importFile} checks first, for a caller that checks several files before importing any.
   */
  public static void requireReadableFile(Path file) {
    // On one line: a queued task's path comes from Redis and may hold any character.
    String shown = SafeText.line(file.toAbsolutePath().normalize().toString(), 300);
    if (!Files.exists(file)) {
      throw new UserError("import file not found: " + shown);
    }
    if (!Files.isRegularFile(file)) {
      throw new UserError("import file " + shown + " is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new UserError("import file " + shown + " is not readable by this user");
    }
  }

  /** Notes of a parser kept for the summary, and the characters each keeps. */
  private static final int NOTES_KEPT = 10;

  /**
   * How far past the import a row's time may be before the import tells of it: a processor's export
   * holds what happened, so a row dated later had its date read wrongly (day and month swapped:
   * 12/01 read as 1 December in January), or a clock is wrong. More than any zone's offset, so a
   * file read in another zone alone is not told of.
   */
  static final Duration FUTURE_MARGIN = Duration.ofDays(1);

  private static final int NOTE_MAX_CHARS = 2_000;

  /**
   * Counts what the parser hands over and passes good rows on; a row missing what the table needs
   * is rejected here too, so no parser bug becomes a NULL in the table or an exception mid-file.
   */
  private static final class Counting implements ExportParser.RowSink {
    private final ProcessorImport writer;
    private final long[] offered = new long[RowType.values().length];
    private final EarliestRejections rejected = new EarliestRejections(REJECTS_KEPT);
    private long rejectedTotal;
    private Instant firstRow;
    private Instant lastRow;

    /** What the parser told of the file as a whole: few, each on one line. */
    private final List<String> notes = new ArrayList<>();

    /** Rows offered dated after {@link #futureAfter}, and the latest of them. */
    private final Instant futureAfter;

    private long future;
    private Instant latestFuture;

    Counting(ProcessorImport writer, Instant futureAfter) {
      this.writer = writer;
      this.futureAfter = futureAfter;
    }

    @Override
    public void row(ProcessorRow row) {
      String missing = missing(row);
      if (missing != null) {
        long line = row == null ? 0 : row.sourceLine();
        reject(
            line,
            line,
            "row has no " + missing,
            row == null ? null : row.transactionId(),
            row == null ? null : row.occurredAt());
        return;
      }
      String inexact = writer.cannotHoldExactly(row);
      if (inexact != null) {
        reject(row.sourceLine(), row.sourceLine(), inexact, row.transactionId(), row.occurredAt());
        return;
      }
      offered[row.type().ordinal()]++;
      reaches(row.occurredAt());
      if (row.occurredAt().isAfter(futureAfter)) {
        future++;
        if (latestFuture == null || row.occurredAt().isAfter(latestFuture)) {
          latestFuture = row.occurredAt();
        }
      }
      try {
        writer.add(row);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void reject(long line, String reason) {
      reject(line, line, reason);
    }

    @Override
    public void reject(long line, long lastLine, String reason) {
      reject(line, lastLine, reason, null);
    }

    @Override
    public void reject(long line, long lastLine, String reason, String rawId) {
      reject(line, lastLine, reason, rawId, null);
    }

    @Override
    public void reject(long line, long lastLine, String reason, String rawId, Instant at) {
      rejectedTotal += lastLine - line + 1;
      rejected.offer(
          new ImportSummary.Rejection(
              line,
              lastLine,
              SafeText.line(reason, REASON_MAX_CHARS),
              rawId == null ? null : SafeText.line(rawId, RAW_ID_MAX_CHARS),
              at));
      // A rejected row of a day no accepted row reaches still belongs on that day's report.
      reaches(at);
    }

    @Override
    public void note(String message) {
      if (notes.size() < NOTES_KEPT) {
        notes.add(SafeText.line(message, NOTE_MAX_CHARS));
      }
    }

    /** Widens the span of times the import's rows reach to {@code at}, when known. */
    private void reaches(Instant at) {
      if (at == null) {
        return;
      }
      if (firstRow == null || at.isBefore(firstRow)) {
        firstRow = at;
      }
      if (lastRow == null || at.isAfter(lastRow)) {
        lastRow = at;
      }
    }

    private static String missing(ProcessorRow row) {
      if (row == null) {
        return "content";
      }
      if (row.rowKey() == null || row.rowKey().isEmpty()) {
        return "row key";
      }
      if (row.type() == null) {
        return "type";
      }
      if (row.gross() == null || row.fee() == null || row.net() == null) {
        return "amounts";
      }
      if (row.currency() == null || row.occurredAt() == null) {
        return row.currency() == null ? "currency" : "time";
      }
      return null;
    }

    /**
     * What the import log keeps of the file beside its rows: after {@link #summary}, the rows the
     * commit refuses among the rejected ones.
     */
    ImportLog.Parsed parsed() {
      return new ImportLog.Parsed(rejected.byLine(), rejectedTotal, firstRow, lastRow, notes);
    }

    /** The summary, with the rows the commit refused among the rejected ones. */
    ImportSummary summary(
        ImportFormat format, String file, ProcessorImport.Committed committed, boolean dryRun) {
      if (future > 0) {
        note(
            String.format(
                Locale.ROOT,
                "%,d rows dated more than a day after this import (the latest %s): a date read"
                    + " wrongly (day and month swapped?) or a clock that is wrong? They are"
                    + " imported on the days they say",
                future,
                latestFuture));
      }
      // Offered with the parser's, so a clash on an early line is listed ahead of later rows.
      for (ImportSummary.Rejection refusal : committed.refusals()) {
        reject(refusal.line(), refusal.lastLine(), refusal.reason(), refusal.rawId(), refusal.at());
      }
      // Those beyond the kept ones count too.
      rejectedTotal += ImportSummary.total(committed.refused()) - committed.refusals().size();
      Map<RowType, Long> added = committed.added();
      Map<RowType, Long> present = new EnumMap<>(RowType.class);
      for (RowType type : RowType.values()) {
        long skipped =
            offered[type.ordinal()]
                - added.getOrDefault(type, 0L)
                - committed.refused().getOrDefault(type, 0L);
        if (skipped > 0) {
          present.put(type, skipped);
        }
      }
      return new ImportSummary(
          format,
          file,
          added,
          present,
          rejected.byLine(),
          rejectedTotal,
          firstRow,
          lastRow,
          notes,
          dryRun);
    }
  }
}
