package dev.reconciler.core.imports;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One record of an export: the line it starts on and its fields, of which only those its parser
 * reads are kept as text (see {@link ExportCsv#readOnly}).
 */
public final class ExportRecord {
  private final long line;
  private final String[] fields;

  ExportRecord(long line, String[] fields) {
    this.line = line;
    this.fields = fields;
  }

  /** The physical line the record starts on (1 = the file's first line). */
  public long getStartingLineNumber() {
    return line;
  }

  /** Fields in the record, read or not. */
  public int getFieldCount() {
    return fields.length;
  }

  /**
   * The field at {@code index}.
   *
   * @throws IllegalStateException when its column was left unread: a parser that reads a column
   *     must ask for it through {@link Header.Columns}, else it would see an empty cell
   */
  public String getField(int index) {
    String field = fields[index];
    if (field == null) {
      throw new IllegalStateException(
          "field " + index + " of line " + line + " was not read: its column was not asked for");
    }
    return field;
  }

  /** Every field, each of which must have been read. */
  public List<String> getFields() {
    for (int i = 0; i < fields.length; i++) {
      getField(i);
    }
    return Collections.unmodifiableList(Arrays.asList(fields));
  }
}
