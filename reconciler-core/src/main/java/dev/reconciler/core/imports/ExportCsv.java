package dev.reconciler.core.imports;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.reconciler.core.domain.SafeText;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A processor export read as CSV records, one at a time (FastCSV): comma-separated, RFC 4180
 * quoting (a quoted field may hold commas, {@code ""} and line breaks), LF, CRLF or CR line ends
 * (all read as LF, see {@link LineFeedReader}), one leading byte-order mark skipped, blank lines
 * skipped. Each record knows the physical line it starts on (1 = the first line), also after quoted
 * line breaks. Records may have any number of fields: {@link Header#checkWidth} is the rule for
 * rows.
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

  private final String file;
  private final SelectedFields handler = new SelectedFields();
  private final CsvReader<ExportRecord> reader;
  private final Iterator<ExportRecord> records;
  private long lastLine;

  private ExportCsv(Reader in, String file) {
    this.file = file;
    this.reader =
        CsvReader.builder()
            .fieldSeparator(',')
            .quoteCharacter('"')
            .commentStrategy(CommentStrategy.NONE)
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .build(handler, new LineFeedReader(in));
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
      Header header = Header.read(csv);
      RecordParser parser = rowsOf.apply(header);
      csv.readOnly(header.asked());
      csv.forEachRow(parser, sink);
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
   *     #MAX_FIELD_CHARS}, usually a quote never closed): nothing after it can be trusted
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
              + " (a quote not closed?)");
    }
  }

  /**
   * Feeds every remaining record to {@code parser}: a row it returns goes to {@code sink}, a null
   * is skipped (a record that is no row, e.g. a footer), a {@link RowRejected} is rejected with the
   * record's line and reason.
   */
  public void forEachRow(RecordParser parser, ExportParser.RowSink sink) {
    for (ExportRecord record = next(); record != null; record = next()) {
      try {
        ProcessorRow row = parser.parse(record);
        if (row != null) {
          sink.row(row);
        }
      } catch (RowRejected e) {
        sink.reject(record.getStartingLineNumber(), e.getMessage());
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

  /**
   * Keeps only the fields of {@code columns} (indexes) as text from the next record on; the others
   * are skipped unread (see {@link ExportRecord#getField}). A parser reads a dozen of an export's
   * thirty-odd columns, and making text of every field was most of what an import allocated (see
   * BENCHMARKS.md).
   */
  public void readOnly(BitSet columns) {
    readOnly(columns, first -> false);
  }

  /**
   * As {@link #readOnly(BitSet)}, but a record whose first field {@code whole} accepts is read
   * whole: in a file of several record kinds, a kind's first field names it (PayPal's header
   * records, whose columns are not those of the rows).
   */
  public void readOnly(BitSet columns, Predicate<String> whole) {
    handler.kept = (BitSet) columns.clone();
    handler.whole = whole;
  }

  /**
   * FastCSV's record handler, but making text only of the kept fields; the limits on a field, a
   * record and the fields in one are those of its own handler, checked on every field, read or not.
   */
  private static final class SelectedFields extends AbstractBaseCsvCallbackHandler<ExportRecord> {
    /** Indexes of the fields to read; null reads all (the header, or before a parser asked). */
    private BitSet kept;

    private Predicate<String> whole = first -> true;
    private boolean readingWhole;
    private String[] fields = new String[32];
    private long recordChars;

    @Override
    protected void handleBegin(long startingLineNumber) {
      recordChars = 0;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
      if (len > MAX_FIELD_CHARS) {
        throw new CsvParseException(
            "field " + index + " is longer than " + MAX_FIELD_CHARS + " characters");
      }
      recordChars += len;
      if (recordChars > MAX_RECORD_CHARS) {
        throw new CsvParseException("record is longer than " + MAX_RECORD_CHARS + " characters");
      }
      if (index >= fields.length) {
        if (index >= MAX_FIELDS) {
          throw new CsvParseException("record has more than " + MAX_FIELDS + " fields");
        }
        fields = Arrays.copyOf(fields, Math.min(fields.length * 2, MAX_FIELDS));
      }
      if (index == 0) {
        String first = new String(buf, offset, len);
        readingWhole = kept == null || whole.test(first);
        fields[0] = readingWhole || kept.get(0) ? first : null;
      } else {
        fields[index] = readingWhole || kept.get(index) ? new String(buf, offset, len) : null;
      }
    }

    @Override
    protected ExportRecord buildRecord() {
      return new ExportRecord(getStartingLineNumber(), Arrays.copyOf(fields, getFieldCount()));
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
