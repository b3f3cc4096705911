package dev.reconciler.core.imports;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import java.util.Arrays;
import java.util.function.LongSupplier;

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
  private final LongSupplier lastLine;
  private char[] text = new char[1024];

  /** Field i of the current record is text[bounds[2i], bounds[2i + 1]). */
  private int[] bounds = new int[64];

  private int used;

  /** Counts records, so that one read after the next has replaced its text fails loudly. */
  private long generation;

  /**
   * @param lastLine the text's last line once read to its end, else {@link Long#MAX_VALUE} ({@link
   *     LineFeedReader#lastLine})
   */
  RecordText(int maxFieldChars, int maxRecordChars, int maxFields, LongSupplier lastLine) {
    this.maxFieldChars = maxFieldChars;
    this.maxRecordChars = maxRecordChars;
    this.maxFields = maxFields;
    this.lastLine = lastLine;
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    used = 0;
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

  /**
   * The line the record of {@code generation} ends on: a line break is kept only inside a quoted
   * field (the text holds every one as LF), so its first line plus the breaks in its text. Counted
   * when asked, as only a rejected row asks.
   */
  long endingLine(long generation, long line) {
    requireCurrent(generation, line);
    long breaks = 0;
    for (int i = 0; i < used; i++) {
      if (text[i] == '\n') {
        breaks++;
      }
    }
    return Math.min(line + breaks, lastLine.getAsLong());
  }

  private void requireCurrent(long generation, long line) {
    if (generation != this.generation) {
      throw new IllegalStateException(
          "the record of line " + line + " was read after the next record replaced it");
    }
  }
}
