package dev.reconciler.core.imports;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.load.Utf8;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A header row: column name to index, names compared exactly after the blanks around them are
 * dropped. Parsers look their columns up by name through {@link #columns()}, so a file may reorder
 * columns and add others.
 */
public final class Header {
  private static final int ABSENT = -1;
  private static final int TWICE = -2;

  private final String file;
  private final long line;
  private final int width;
  private final ExportCsv.Separator separator;
  private final Map<String, Integer> indexes = new HashMap<>();

  /** The header's cells as written, in order: what another separator would have split. */
  private final List<String> cells = new ArrayList<>();

  /** The columns a parser looked up, index to the header's name: the cells it reads. */
  private final Map<Integer, String> read = new TreeMap<>();

  private Header(ExportRecord record, String file, ExportCsv.Separator separator) {
    this.file = SafeText.line(file, 300);
    this.line = record.getStartingLineNumber();
    this.width = record.getFieldCount();
    this.separator = separator;
    for (int i = 0; i < width; i++) {
      indexes.merge(Utf8.strip(record.getField(i)), i, (a, b) -> TWICE);
      cells.add(record.getField(i));
    }
  }

  /** The header in {@code record}. */
  public static Header of(ExportRecord record, String file) {
    return new Header(record, file, ExportCsv.Separator.COMMA);
  }

  /**
   * The first record of {@code csv} as the header.
   *
   * @throws ImportFormatException when the file has no record at all
   */
  public static Header read(ExportCsv csv) {
    ExportRecord first = csv.next();
    if (first == null) {
      throw new ImportFormatException(csv.file() + ": the file is empty: expected a header row");
    }
    return new Header(first, csv.file(), csv.separator());
  }

  /** Number of fields in the header row. */
  public int width() {
    return width;
  }

  /**
   * A row's cell at {@code index} as written, for a rejection to name; null when empty, or when the
   * row's cells do not line up with the header's, where that cell may be another column's.
   */
  public String alignedCell(ExportRecord record, int index) {
    return record.getFieldCount() == width ? Cells.orNull(record, index) : null;
  }

  /**
   * Whether a rejected row's cells at {@code indexes} may be read for what they say: its cells line
   * up with the header's, and none of those is longer than {@link Cells#MAX_CELL_CHARS}.
   */
  public boolean readable(ExportRecord record, int... indexes) {
    if (record.getFieldCount() != width) {
      return false;
    }
    for (int index : indexes) {
      if (Cells.tooLong(record, index, "") != null) {
        return false;
      }
    }
    return true;
  }

  /** Line the header row starts on. */
  public long line() {
    return line;
  }

  /**
   * Rejects a row the parser must not read: one of another width ({@link #checkWidth}), or one
   * whose cell in a column the parser looked up is longer than {@link Cells#MAX_CELL_CHARS} or has
   * a blank before its opening quote (read strictly, its quotes would be text). Every parser's row
   * starts here, so no format keeps such a cell's text.
   */
  public void checkRow(ExportRecord record) {
    checkWidth(record);
    for (Map.Entry<Integer, String> column : read.entrySet()) {
      String tooLong = Cells.tooLong(record, column.getKey(), column.getValue());
      if (tooLong != null) {
        throw new RowRejected(tooLong + ": not imported");
      }
      if (Cells.quoteAfterBlank(record, column.getKey())) {
        throw new RowRejected(
            SafeText.line(column.getValue(), 100)
                + " has a blank before the quote that opens it, so its quotes would be read as"
                + " text: not imported (a quoted cell starts right after its "
                + separator.name()
                + ")");
      }
    }
  }

  /**
   * Rejects a row whose field count differs from the header's: with fields missing or extra, which
   * cell belongs to which column is a guess, and a guess could import a wrong amount. Such a row
   * that runs over several lines is rejected as an unclosed quote, naming the lines it took, and so
   * is a row whose last cell opens a quote the file never closes (its width may fit).
   */
  public void checkWidth(ExportRecord record) {
    if (record.getFieldCount() != width) {
      String why =
          "the row has "
              + record.getFieldCount()
              + " fields where the header (line "
              + line
              + ") has "
              + width;
      // A legal multi-line cell keeps the header's width; one that changes it took other rows in.
      if (record.getEndingLineNumber() > record.getStartingLineNumber()) {
        throw RowRejected.unclosedQuote(record, why);
      }
      throw new RowRejected(why);
    }
    // The width fits when the quote left open is in the last column: it is told by the quote.
    if (record.quoteLeftOpen()) {
      throw record.getEndingLineNumber() > record.getStartingLineNumber()
          ? RowRejected.unclosedQuote(record, "its quote is never closed")
          : new RowRejected("the quote of its last cell is never closed");
    }
  }

  /** A lookup of the columns one parser needs; finish it with {@link Columns#check()}. */
  public Columns columns() {
    return new Columns();
  }

  /** Collects the columns a parser asks for, so every missing one is named at once. */
  public final class Columns {
    private final Set<String> missing = new LinkedHashSet<>();

    /** Each missing column's spellings, for {@link #separatorHint}. */
    private final List<List<String>> missingSpellings = new ArrayList<>();

    private final List<String> twice = new ArrayList<>();

    private Columns() {}

    /**
     * The index of the first of {@code names} (alternative spellings of one column) the header has;
     * when it has none, {@link #check()} reports them missing ("created_utc or created").
     */
    public int required(String... names) {
      int index = find(names);
      if (index == ABSENT) {
        if (missing.add(String.join(" or ", names))) {
          missingSpellings.add(List.of(names));
        }
      }
      return Math.max(index, ABSENT);
    }

    /** The index of the first of {@code names} the header has, or -1; empty names are never. */
    public int optional(String... names) {
      return Math.max(find(names), ABSENT);
    }

    private int find(String... names) {
      for (String name : names) {
        Integer index = name.isEmpty() ? null : indexes.get(name);
        if (index != null && index == TWICE) {
          twice.add(name);
          return TWICE;
        }
        if (index != null) {
          read.put(index, name);
          return index;
        }
      }
      return ABSENT;
    }

    /**
     * @throws ImportFormatException naming every required column the header lacks and every column
     *     asked for that it holds twice (which of the two is meant is a guess)
     */
    public void check() {
      List<String> problems = new ArrayList<>();
      if (!missing.isEmpty()) {
        problems.add(
            (missing.size() == 1 ? "missing required column " : "missing required columns ")
                + quotedList(missing));
      }
      if (!twice.isEmpty()) {
        problems.add("column named twice " + quotedList(twice));
      }
      if (!problems.isEmpty()) {
        throw new ImportFormatException(
            file
                + ": line "
                + line
                + ": "
                + String.join("; ", problems)
                + " ("
                + separatorHint(missingSpellings)
                + ")");
      }
    }
  }

  /**
   * Why the columns may be missing: a header of one cell holding another separator, or one that
   * split at another separator has every column {@code missing} names, says the file is separated
   * by it ({@link ExportCsv.Separator}); else the file may be of another format.
   */
  private String separatorHint(List<List<String>> missing) {
    String hint =
        width == 1
            ? separator.oneCellHint(cells.get(0))
            : missing.isEmpty() ? "" : separator.splitHint(cells, missing);
    return hint.isEmpty() ? "not this format?" : hint;
  }

  private static String quotedList(Iterable<String> names) {
    List<String> quoted = new ArrayList<>();
    names.forEach(n -> quoted.add(Cells.quoted(n)));
    return String.join(", ", quoted);
  }
}
