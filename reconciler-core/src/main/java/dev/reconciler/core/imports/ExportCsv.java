package dev.reconciler.core.imports;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.load.Utf8;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A processor export read as CSV records, one at a time (FastCSV): comma-separated (or by another
 * {@link Separator}, for the generic format), RFC 4180 quoting, read strictly (a quoted field may
 * hold commas, {@code ""} and line breaks; a blank before its opening quote makes the quotes text,
 * which {@link Header#checkRow} rejects), LF, CRLF or CR line ends (all read as LF, see {@link
 * LineFeedReader}), one leading byte-order mark skipped, blank lines skipped. Each record knows the
 * physical line it starts on (1 = the first line), also after quoted line breaks. Records may have
 * any number of fields: {@link Header#checkRow} is the rule for rows.
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
   * The character between cells, and the setting that chose it, named when a file's header looks
   * separated by another (null where the format fixes the comma).
   */
  public record Separator(char character, String setting) {
    /**
     * The characters [import.csv] delimiter may name, in the order a one-cell header is searched
     * for them (a column name may hold another).
     */
    private static final String CHARACTERS = ",;\t|";

    /** The comma of every format but the generic one. */
    public static final Separator COMMA = new Separator(',', null);

    public Separator {
      if (CHARACTERS.indexOf(character) < 0) {
        throw new IllegalArgumentException("not a separator: " + (int) character);
      }
    }

    /** The separator in words: "comma", "semicolon", "tab", "vertical bar". */
    public String name() {
      return name(character);
    }

    private static String name(char c) {
      return switch (c) {
        case ',' -> "comma";
        case ';' -> "semicolon";
        case '\t' -> "tab";
        default -> "vertical bar";
      };
    }

    /**
     * Why a header that is one cell holding another separator's character is not read (the file is
     * separated by that one), with the setting to change; "" when it is not such a header.
     */
    String oneCellHint(String cell) {
      for (char other : CHARACTERS.toCharArray()) {
        if (other != character && cell.indexOf(other) >= 0) {
          return "the header row is one cell holding a " + name(other) + ": " + separatedBy(other);
        }
      }
      return "";
    }

    /**
     * Why a header of several cells lacks {@code missing} (each column's spellings) when the line
     * ({@code cells} joined again) split at another separator holds every one of them: a semicolon
     * file whose column names hold commas splits at those commas; "" when no other separator finds
     * them.
     */
    String splitHint(List<String> cells, List<List<String>> missing) {
      String line = String.join(String.valueOf(character), cells);
      for (char other : CHARACTERS.toCharArray()) {
        if (other == character || line.indexOf(other) < 0) {
          continue;
        }
        Set<String> names = new HashSet<>();
        for (String name : line.split(java.util.regex.Pattern.quote(String.valueOf(other)), -1)) {
          names.add(Utf8.strip(name));
        }
        if (missing.stream().allMatch(spellings -> spellings.stream().anyMatch(names::contains))) {
          return "split at its "
              + name(other)
              + "s, the header row has every column this format needs: "
              + separatedBy(other);
        }
      }
      return "";
    }

    /** What a file separated by {@code other} needs: the setting's value, or another format. */
    private String separatedBy(char other) {
      return "a file separated by "
          + name(other)
          + "s "
          + (setting == null ? "is not in this format" : "needs " + setting + " = " + word(other));
    }

    /** How the setting spells {@code c}: a tab cannot be written as itself in config.ini. */
    static String word(char c) {
      return c == '\t' ? "tab" : String.valueOf(c);
    }
  }

  private final String file;
  private final Separator separator;
  private final CsvReader<ExportRecord> reader;
  private final Iterator<ExportRecord> records;
  private long lastLine;

  private ExportCsv(Reader in, String file, Separator separator) {
    this.file = file;
    this.separator = separator;
    LineFeedReader text = new LineFeedReader(in);
    this.reader =
        CsvReader.builder()
            .fieldSeparator(separator.character())
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
    parse(in, file, Separator.COMMA, sink, rowsOf);
  }

  /**
   * As {@link #parse(Reader, String, ExportParser.RowSink, Function)}, its cells {@code
   * separator}'s.
   */
  public static void parse(
      Reader in,
      String file,
      Separator separator,
      ExportParser.RowSink sink,
      Function<Header, RecordParser> rowsOf) {
    try (ExportCsv csv = open(in, file, separator)) {
      csv.forEachRow(rowsOf.apply(Header.read(csv)), sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens {@code in}; {@code file} names the file in errors. */
  public static ExportCsv open(Reader in, String file) {
    return open(in, file, Separator.COMMA);
  }

  /**
   * Opens {@code in}, its cells separated by {@code separator}; {@code file} names it in errors.
   */
  public static ExportCsv open(Reader in, String file, Separator separator) {
    return new ExportCsv(in, file, separator);
  }

  /** The separator between this file's cells. */
  public Separator separator() {
    return separator;
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
              // What to look for: usually a quote never closed, or text after a closing quote;
              // true of both, as the parser's own message does not always tell which.
              + " (a quoted cell must close its quote right before the next "
              + separator.name()
              + " or line end)");
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
        long last = Math.max(line, e.lastLine());
        // A record that took several lines has cells that are likely other rows': no time of its.
        Instant at = last == line ? timeOf(parser, record) : null;
        sink.reject(line, last, e.getMessage(), parser.rawId(record), at);
      }
    }
  }

  private static Instant timeOf(RecordParser parser, ExportRecord record) {
    try {
      return parser.at(record);
    } catch (RowRejected e) {
      return null;
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

    /**
     * The transaction id a record's cell holds as written, for its rejection; null when it has none
     * or the parser does not know where it is.
     */
    default String rawId(ExportRecord record) {
      return null;
    }

    /**
     * The time of a record {@link #parse} rejected, when its cells line up with the header and its
     * time cell reads (else null, or a {@link RowRejected}): what places the rejection on its day.
     */
    default Instant at(ExportRecord record) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
