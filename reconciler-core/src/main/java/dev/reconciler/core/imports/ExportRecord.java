package dev.reconciler.core.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One record of an export: the line it starts on and its fields, read from the text as they are
 * asked for. Valid until the next record is read (its text is then replaced); reading it after that
 * throws.
 */
public final class ExportRecord {
  private final RecordText text;
  private final long generation;
  private final long line;
  private final int fieldCount;

  ExportRecord(RecordText text, long generation, long line, int fieldCount) {
    this.text = text;
    this.generation = generation;
    this.line = line;
    this.fieldCount = fieldCount;
  }

  /** The physical line the record starts on (1 = the file's first line). */
  public long getStartingLineNumber() {
    return line;
  }

  /**
   * The physical line the record ends on: after {@link #getStartingLineNumber()} when a quoted
   * field holds line breaks (or a quote never closed took the lines after it in).
   */
  public long getEndingLineNumber() {
    return text.endingLine(generation, line);
  }

  /**
   * Whether the record's last field opens a quote the file never closes: the field ran to the end
   * of the file, taking in every line after the record's first (a quote left open, or a file cut
   * short). Cheap unless the record's last field is quoted and the file has been read to its end.
   */
  public boolean quoteLeftOpen() {
    return text.quoteLeftOpen(generation, line);
  }

  /** Fields in the record. */
  public int getFieldCount() {
    return fieldCount;
  }

  /**
   * The field at {@code index}, a new String each call.
   *
   * @throws IllegalStateException when the next record has been read since
   */
  public String getField(int index) {
    Objects.checkIndex(index, fieldCount);
    return text.field(generation, line, index);
  }

  /** The length of the field at {@code index}, in chars; no String of it is made. */
  int getFieldLength(int index) {
    Objects.checkIndex(index, fieldCount);
    return text.fieldLength(generation, line, index);
  }

  /**
   * Whether the field at {@code index} was written as a quoted cell with a blank before its opening
   * quote: read strictly, its quotes are part of its text.
   */
  boolean quoteAfterBlank(int index) {
    Objects.checkIndex(index, fieldCount);
    return text.quoteAfterBlank(generation, line, index);
  }

  /** Every field, as Strings that stay valid. */
  public List<String> getFields() {
    List<String> fields = new ArrayList<>(fieldCount);
    for (int i = 0; i < fieldCount; i++) {
      fields.add(getField(i));
    }
    return Collections.unmodifiableList(fields);
  }
}
