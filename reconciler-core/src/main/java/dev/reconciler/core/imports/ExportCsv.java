package dev.reconciler.core.imports;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.reconciler.core.domain.SafeText;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.Function;

/**
 * A processor export read as CSV records, one at a time (FastCSV): comma-separated, RFC 4180
 * quoting, read strictly (a quoted field may hold commas, {@code ""} and line breaks; a blank
 * before its opening quote makes the quotes text, which {@link Header#checkRow} rejects), LF, CRLF
 * or CR line ends (all read as LF, see {@link LineFeedReader}), one leading byte-order mark
 * skipped, blank lines skipped. Each record knows the physical line it starts on (1 = the first
 * line), also after quoted line breaks. Records may have any number of fields: {@link
 * Header#checkRow} is the rule for rows.
 */
public final class ExportCsv implements Closeable {
  /**
   * Longest field and record, in characters. Real cells are short; the limit bounds memory and
   * makes a quote left open (which would swallow the rest of the file) fail early and clearly.
   */
  static final int MAX_FIELD_CHARS = 1 << 20;

  static final int MAX_RECORD_CHARS = 8 << 20;

  /** Most fields in a record: bounds the memory of a record that is one long run of commas. */
  static final int MAX_FIELDS = 16 * 1024;

  /**
   * What to look for where the text cannot be split: usually a quote never closed, or text after a
   * closing quote; true of both, as the parser's own message does not always tell which.
   */
  private static final String QUOTING_HINT =
      " (a quoted cell must close its quote right before the next comma or line end)";

  private final String file;
  private final CsvReader<ExportRecord> reader;
  private final Iterator<ExportRecord> records;
  private long lastLine;

  private ExportCsv(Reader in, String file) {
    this.file = file;
    LineFeedReader text = new LineFeedReader(in);
    this.reader =
        CsvReader.builder()
            .fieldSeparator(',')
            .quoteCharacter('"')
            .commentStrategy(CommentStrategy.NONE)
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .build(new RecordText(MAX_FIELD_CHARS, MAX_RECORD_CHARS, MAX_FIELDS, text), text);
    this.records = reader.iterator();
  }

  /**
   * Reads an export of one header row and then rows: {@code rowsOf} looks the columns up in the
   * header (throwing {@link ImportFormatException} when it lacks one) and gives the parser of each
   * later record, whose rows and rejects go to {@code sink}.
   */
  public static void parse(
      Reader in, String file, ExportParser.RowSink sink, Function<Header, RecordParser> rowsOf) {
    try (ExportCsv csv = open(in, file)) {
      csv.forEachRow(rowsOf.apply(Header.read(csv)), sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens {@code in}; {@code file} names the file in errors. */
  public static ExportCsv open(Reader in, String file) {
    return new ExportCsv(in, file);
  }

  /** The file's name for messages: on one line, as a path may hold anything. */
  public String file() {
    return SafeText.line(file, 300);
  }

  /**
   * The next record, or null at the end.
   *
   * @throws ImportFormatException when the text cannot be split into records (a field beyond {@link
   *     #MAX_FIELD_CHARS}, usually a quote never closed, or text after a closing quote): nothing
   *     after it can be trusted
   */
  public ExportRecord next() {
    try {
      if (!records.hasNext()) {
        return null;
      }
      ExportRecord record = records.next();
      lastLine = record.getStartingLineNumber();
      return record;
    } catch (CsvParseException e) {
      throw new ImportFormatException(
          file()
              + ": not readable as CSV after line "
              + lastLine
              + ": "
              + SafeText.line(String.valueOf(e.getMessage()), 200)
              + (e.getCause() == null ? "" : ": " + SafeText.line(e.getCause().getMessage(), 200))
              + QUOTING_HINT);
    }
  }

  /**
   * Feeds every remaining record to {@code parser}: a row it returns goes to {@code sink}, a null
   * is skipped (a record that is no row, e.g. a footer), a {@link RowRejected} is rejected with the
   * record's line, the last line it took and the reason.
   */
  public void forEachRow(RecordParser parser, ExportParser.RowSink sink) {
    for (ExportRecord record = next(); record != null; record = next()) {
      try {
        ProcessorRow row = parser.parse(record);
        if (row != null) {
          sink.row(row);
        }
      } catch (RowRejected e) {
        long line = record.getStartingLineNumber();
        sink.reject(line, Math.max(line, e.lastLine()), e.getMessage());
      }
    }
  }

  /** Turns one record into a row. */
  @FunctionalInterface
  public interface RecordParser {
    /**
     * The row, or null when the record is none (it is skipped).
     *
     * @throws RowRejected when the record is a row that cannot be imported
     */
    ProcessorRow parse(ExportRecord record);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
