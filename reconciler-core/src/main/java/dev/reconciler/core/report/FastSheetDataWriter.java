package dev.reconciler.core.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Files;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * POI's sheet writer with less work per character, same output. POI escapes text one code point at
 * a time (a char array and a locked write each); text with nothing to escape or replace, which is
 * nearly every cell of a report, is written here in one call. Anything else still goes through
 * POI's own escaping.
 */
final class FastSheetDataWriter extends SheetDataWriter {
  /** Column letters of the first 64 columns; a wider row's further cells go through POI. */
  private static final String[] COLUMNS = new String[64];

  static {
    for (int i = 0; i < COLUMNS.length; i++) {
      COLUMNS[i] = CellReference.convertNumToColString(i);
    }
  }

  /** Writes to a temp file, as POI's does. */
  FastSheetDataWriter() throws IOException {
    super();
  }

  /** Writes to {@code out} (tests compare it with POI's own writer). */
  FastSheetDataWriter(Writer out) throws IOException {
    super(out);
  }

  @Override
  @SuppressWarnings("deprecation") // POI 6 makes it protected; it stays the hook for the writer
  public Writer createWriter(File file) throws IOException {
    return new UnsynchronizedWriter(new OutputStreamWriter(new FileOutputStream(file), UTF_8));
  }

  /** Deletes the temp file the rows were written to (a writer of its own, not a sheet's). */
  void deleteTempFile() throws IOException {
    File file = getTempFile();
    if (file != null) {
      Files.deleteIfExists(file.toPath());
    }
  }

  /** Row number of the row being written, as text (one conversion per row, not per cell). */
  private String rowNumber;

  @Override
  public void writeRow(int rownum, SXSSFRow row) throws IOException {
    rowNumber = Integer.toString(rownum + 1);
    super.writeRow(rownum, row);
  }

  /**
   * Writes text, number and blank cells (all a report has) as POI does, byte for byte, without
   * building a CellReference and its strings per cell; any other cell goes to POI.
   */
  @Override
  public void writeCell(int columnIndex, Cell cell) throws IOException {
    if (cell == null) {
      return;
    }
    CellType type = cell.getCellType();
    if (columnIndex >= COLUMNS.length
        || (type != CellType.STRING && type != CellType.NUMERIC && type != CellType.BLANK)) {
      super.writeCell(columnIndex, cell);
      return;
    }
    int style = cell.getCellStyle().getIndex() & 0xffff;
    if (type == CellType.STRING) {
      textCell(columnIndex, cell.getStringCellValue(), style);
    } else if (type == CellType.NUMERIC) {
      numberCell(columnIndex, cell.getNumericCellValue(), style);
    } else {
      beginCell(columnIndex, style);
      _out.write("></c>");
    }
  }

  /** Rows written by {@link #beginPlainRow}, which SXSSF does not count. */
  private int plainRows;

  /**
   * Starts a row written cell by cell through {@link #textCell} and {@link #numberCell}, without
   * SXSSF's row and cell objects; as POI writes a row with no height, style or outline of its own.
   * The rows before it must have been flushed.
   */
  void beginPlainRow(int rownum) throws IOException {
    rowNumber = Integer.toString(rownum + 1);
    _out.write("<row r=\"");
    _out.write(rowNumber);
    _out.write("\">\n");
    plainRows++;
  }

  /** Ends a row begun by {@link #beginPlainRow}. */
  void endPlainRow() throws IOException {
    _out.write("</row>\n");
  }

  /** Rows written by {@link #beginPlainRow}. */
  int plainRows() {
    return plainRows;
  }

  /** A text cell of the current row, as POI writes one with that style index. */
  void textCell(int column, String text, int style) throws IOException {
    beginCell(column, style);
    _out.write(" t=\"inlineStr\"><is><t");
    if (hasLeadingOrTrailingWhitespace(text)) {
      _out.write(" xml:space=\"preserve\"");
    }
    _out.write('>');
    outputEscapedString(text);
    _out.write("</t></is></c>");
  }

  /** A number cell of the current row, as POI writes one with that style index. */
  void numberCell(int column, double value, int style) throws IOException {
    beginCell(column, style);
    _out.write(" t=\"n\"><v>");
    writeNumber(value);
    _out.write("</v></c>");
  }

  /**
   * {@link Double#toString}'s text, which POI writes: a whole number below 10^7 (a line, a count,
   * an age) is its digits and ".0" there, written here without the general conversion, which costs
   * several times more; anything else (fractions, larger values in E notation, -0.0) takes the
   * general way.
   */
  private void writeNumber(double value) throws IOException {
    long whole = (long) value;
    if (whole == value && whole > -10_000_000L && whole < 10_000_000L && whole != 0) {
      _out.write(Long.toString(whole));
      _out.write(".0");
    } else {
      _out.write(Double.toString(value));
    }
  }

  private void beginCell(int column, int style) throws IOException {
    if (column >= COLUMNS.length) {
      throw new IllegalArgumentException("column " + column + " is past the " + COLUMNS.length);
    }
    _out.write("<c r=\"");
    _out.write(COLUMNS[column]);
    _out.write(rowNumber);
    _out.write('"');
    if (style != 0) {
      _out.write(" s=\"");
      _out.write(Integer.toString(style));
      _out.write('"');
    }
  }

  /** As POI decides whether a text cell needs xml:space="preserve". */
  private static boolean hasLeadingOrTrailingWhitespace(String text) {
    return !text.isEmpty()
        && (Character.isWhitespace(text.charAt(0))
            || Character.isWhitespace(text.charAt(text.length() - 1)));
  }

  @Override
  protected void outputEscapedString(String text) throws IOException {
    if (text != null && isPlain(text)) {
      _out.write(text);
    } else {
      super.outputEscapedString(text);
    }
  }

  /**
   * True when POI's escaping would write the text unchanged: no XML markup characters, no no-break
   * space (which POI writes as a character reference), no control or non-characters (which it
   * replaces with '?'), and, to stay on the safe side, no surrogates.
   */
  static boolean isPlain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < ' '
          || c == '<'
          || c == '>'
          || c == '&'
          || c == '"'
          || c == '\u00a0'
          || Character.isSurrogate(c)
          || c >= '\ufffe') {
        return false;
      }
    }
    return true;
  }
}
