package dev.reconciler.core.imports;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import java.util.Arrays;

/**
 * FastCSV's record handler for {@link ExportCsv}: it keeps the current record's text in one reused
 * buffer and makes a String of a field only when a parser reads it ({@link ExportRecord#getField}).
 * A parser reads a dozen of an export's thirty-odd columns (PayPal's look-ahead two), and a String
 * for every field was most of what an import allocated (see BENCHMARKS.md). FastCSV's own limits on
 * a field, a record and the fields in one hold for every field, read or not.
 */
final class RecordText extends AbstractBaseCsvCallbackHandler<ExportRecord> {
  private final int maxFieldChars;
  private final int maxRecordChars;
  private final int maxFields;
  private final LineFeedReader source;
  private char[] text = new char[1024];

  /** Field i of the current record is text[bounds[2i], bounds[2i + 1]). */
  private int[] bounds = new int[64];

  private int used;

  /** Counts records, so that one read after the next has replaced its text fails loudly. */
  private long generation;

  /** Whether the current record's last field was quoted. */
  private boolean lastQuoted;

  /**
   * The current record's unquoted fields whose text opens with blanks and then a quote (the first
   * {@link #quoteAfterBlankCount} of them), which a file meant as a quoted cell.
   */
  private int[] quoteAfterBlank = new int[4];

  private int quoteAfterBlankCount;

  /**
   * @param source the text FastCSV reads, for where it ends
   */
  RecordText(int maxFieldChars, int maxRecordChars, int maxFields, LineFeedReader source) {
    this.maxFieldChars = maxFieldChars;
    this.maxRecordChars = maxRecordChars;
    this.maxFields = maxFields;
    this.source = source;
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    used = 0;
    lastQuoted = false;
    quoteAfterBlankCount = 0;
    generation++;
  }

  @Override
  protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
    if (len > maxFieldChars) {
      throw new CsvParseException(
          "field " + index + " is longer than " + maxFieldChars + " characters");
    }
    if ((long) used + len > maxRecordChars) {
      throw new CsvParseException("record is longer than " + maxRecordChars + " characters");
    }
    if (index >= maxFields) {
      throw new CsvParseException("record has more than " + maxFields + " fields");
    }
    if (used + len > text.length) {
      text = Arrays.copyOf(text, Math.max(text.length * 2, used + len));
    }
    System.arraycopy(buf, offset, text, used, len);
    if (2 * index + 1 >= bounds.length) {
      bounds = Arrays.copyOf(bounds, Math.max(bounds.length * 2, 2 * index + 2));
    }
    bounds[2 * index] = used;
    used += len;
    bounds[2 * index + 1] = used;
    lastQuoted = quoted;
    // Read strictly (FastCSV's relaxed reading of blanks around quotes parses a third slower), a
    // blank before the opening quote makes the quotes text: such a cell is rejected where read.
    if (!quoted && len > 0 && buf[offset] <= ' ' && quoteAfterBlanks(buf, offset, len)) {
      if (quoteAfterBlankCount == quoteAfterBlank.length) {
        quoteAfterBlank = Arrays.copyOf(quoteAfterBlank, quoteAfterBlankCount * 2);
      }
      quoteAfterBlank[quoteAfterBlankCount++] = index;
    }
  }

  private static boolean quoteAfterBlanks(char[] buf, int offset, int len) {
    int at = offset;
    while (at < offset + len && (buf[at] == ' ' || buf[at] == '\t')) {
      at++;
    }
    return at < offset + len && buf[at] == '"';
  }

  /** Whether field {@code index} of the current record opens with blanks and then a quote. */
  boolean quoteAfterBlank(long generation, long line, int index) {
    requireCurrent(generation, line);
    for (int i = 0; i < quoteAfterBlankCount; i++) {
      if (quoteAfterBlank[i] == index) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected ExportRecord buildRecord() {
    return new ExportRecord(this, generation, getStartingLineNumber(), getFieldCount());
  }

  /** Field {@code index} of the record of {@code generation}, which must be the current one. */
  String field(long generation, long line, int index) {
    requireCurrent(generation, line);
    return new String(text, bounds[2 * index], bounds[2 * index + 1] - bounds[2 * index]);
  }

  /** The length of field {@code index} of the record of {@code generation}, without a String. */
  int fieldLength(long generation, long line, int index) {
    requireCurrent(generation, line);
    return bounds[2 * index + 1] - bounds[2 * index];
  }

  /**
   * The line the record of {@code generation} ends on: a line break is kept only inside a quoted
   * field (the text holds every one as LF), so its first line plus the breaks in its text. Counted
   * when asked: an import asks for a rejected row, a PayPal header or footer, and a row at the end
   * of the file whose last field is quoted.
   */
  long endingLine(long generation, long line) {
    requireCurrent(generation, line);
    long breaks = 0;
    for (int i = 0; i < used; i++) {
      if (text[i] == '\n') {
        breaks++;
      }
    }
    return Math.min(line + breaks, source.lastLine());
  }

  /**
   * Whether the record of {@code generation} ends in a quoted field the text ends inside: its last
   * field is quoted, it ends on the text's last line, and the text does not end with a quote.
   */
  boolean quoteLeftOpen(long generation, long line) {
    requireCurrent(generation, line);
    return lastQuoted
        && source.lastLine() != Long.MAX_VALUE
        && !source.endsWithQuote()
        && endingLine(generation, line) == source.lastLine();
  }

  private void requireCurrent(long generation, long line) {
    if (generation != this.generation) {
      throw new IllegalStateException(
          "the record of line " + line + " was read after the next record replaced it");
    }
  }
}
