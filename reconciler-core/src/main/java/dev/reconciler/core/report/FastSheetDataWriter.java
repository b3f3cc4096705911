package dev.reconciler.core.report;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
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

  /** Writes to {@code out}, UTF-8 encoded (tests compare it with POI's own writer). */
  FastSheetDataWriter(OutputStream out) throws IOException {
    super(new UnsynchronizedWriter(out));
  }

  /**
   * The rows, compressed as they are written into the temp file (see {@link DeflatedSegment}); null
   * when writing to a stream. No initializer: POI's constructor sets it, through createWriter,
   * before this class's initializers would run.
   */
  private DeflatedSegment segment;

  @Override
  @SuppressWarnings("deprecation") // POI 6 makes it protected; it stays the hook for the writer
  public Writer createWriter(File file) throws IOException {
    segment = new DeflatedSegment(new FileOutputStream(file), false);
    return new UnsynchronizedWriter(segment);
  }

  /** The compressed rows, once {@link #close closed}: a piece of the worksheet's entry. */
  DeflatedSegment segment() {
    return segment;
  }

  /** The rows uncompressed, for a reader of them other than our zip (POI's own writer). */
  @Override
  protected InputStream decorateInputStream(FileInputStream in) {
    return DeflatedSegment.inflating(in);
  }

  /** The temp file holding the compressed rows. */
  File file() {
    return getTempFile();
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
      ascii("></c>");
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
    ascii("<row r=\"");
    ascii(rowNumber);
    ascii("\">\n");
    plainRows++;
  }

  /** Ends a row begun by {@link #beginPlainRow}. */
  void endPlainRow() throws IOException {
    ascii("</row>\n");
  }

  /** Rows written by {@link #beginPlainRow}. */
  int plainRows() {
    return plainRows;
  }

  /** A text cell of the current row, as POI writes one with that style index. */
  void textCell(int column, String text, int style) throws IOException {
    beginCell(column, style);
    ascii(" t=\"inlineStr\"><is><t");
    if (hasLeadingOrTrailingWhitespace(text)) {
      ascii(" xml:space=\"preserve\"");
    }
    ascii(">");
    outputEscapedString(text);
    ascii("</t></is></c>");
  }

  /**
   * A cell of the current row whose XML after its reference is {@code tail}, as {@link #tailOf}
   * made it (none when empty): a value written again and again down a column is escaped and encoded
   * once.
   */
  void cell(int column, byte[] tail) throws IOException {
    if (tail.length > 0) {
      reference(column);
      ((UnsynchronizedWriter) _out).writeBytes(tail);
    }
  }

  /** Writes one cell into a writer. */
  @FunctionalInterface
  interface CellOf {
    void write(FastSheetDataWriter writer) throws IOException;
  }

  /**
   * What {@code cell} writes after the cell's reference, as UTF-8 bytes; empty when it writes no
   * cell. It writes through a writer of its own, which leaves the reference out.
   */
  byte[] tailOf(CellOf cell) throws IOException {
    if (scratch == null) {
      scratchBytes = new ByteArrayOutputStream();
      scratch = new FastSheetDataWriter(scratchBytes);
      scratch.tailsOnly = true;
    }
    cell.write(scratch);
    scratch._out.flush();
    byte[] tail = scratchBytes.toByteArray();
    scratchBytes.reset();
    return tail;
  }

  /** Where {@link #tailOf} writes; made by the first call. */
  private FastSheetDataWriter scratch;

  private ByteArrayOutputStream scratchBytes;

  /** True for {@link #scratch}: its cells are written without their reference. */
  private boolean tailsOnly;

  /** A number cell of the current row, as POI writes one with that style index. */
  void numberCell(int column, double value, int style) throws IOException {
    beginCell(column, style);
    ascii(" t=\"n\"><v>");
    writeNumber(value);
    ascii("</v></c>");
  }

  /**
   * A number cell holding the decimal {@code value}, which a double holds to its last digit ({@link
   * CellWriter#fitsNumberCell}): its own digits, without trailing zeros past the first decimal. A
   * reader parses them to the double POI would write ({@code value.doubleValue()}, the double
   * nearest to them), without the cost of converting that double back to text.
   */
  void decimalCell(int column, BigDecimal value, int style) throws IOException {
    if (value.scale() <= 0) {
      numberCell(column, value.doubleValue(), style);
      return;
    }
    beginCell(column, style);
    ascii(" t=\"n\"><v>");
    String digits = value.toPlainString();
    int end = digits.length();
    while (digits.charAt(end - 1) == '0' && digits.charAt(end - 2) != '.') {
      end--;
    }
    ascii(end == digits.length() ? digits : digits.substring(0, end));
    ascii("</v></c>");
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
      ascii(Long.toString(whole));
      ascii(".0");
    } else {
      ascii(Double.toString(value));
    }
  }

  private void beginCell(int column, int style) throws IOException {
    reference(column);
    styleOf(style);
  }

  /** Opens a cell of the current row: {@code <c r="B12"}. */
  private void reference(int column) throws IOException {
    if (column >= COLUMNS.length) {
      throw new IllegalArgumentException("column " + column + " is past the " + COLUMNS.length);
    }
    if (tailsOnly) {
      return;
    }
    ascii("<c r=\"");
    ascii(COLUMNS[column]);
    ascii(rowNumber);
    ascii("\"");
  }

  /** The cell's style attribute, none for the default style 0. */
  private void styleOf(int style) throws IOException {
    if (style != 0) {
      ascii(" s=\"");
      ascii(Integer.toString(style));
      ascii("\"");
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
    int plainness = text == null ? CHANGED : plainness(text);
    if (plainness == PLAIN_ASCII) {
      ascii(text);
    } else if (plainness == PLAIN) {
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
    return plainness(text) != CHANGED;
  }

  /** POI's escaping would change the text. */
  private static final int CHANGED = 0;

  /** POI's escaping would leave the text as it is, and some char is beyond ASCII. */
  private static final int PLAIN = 1;

  /** POI's escaping would leave the text as it is, and every char is ASCII. */
  private static final int PLAIN_ASCII = 2;

  /** One of {@link #CHANGED}, {@link #PLAIN} and {@link #PLAIN_ASCII}, in one pass. */
  private static int plainness(String text) {
    int ascii = PLAIN_ASCII;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c < ' ' || c == '<' || c == '>' || c == '&' || c == '"') {
          return CHANGED;
        }
      } else if (c == '\u00a0' || Character.isSurrogate(c) || c >= '\ufffe') {
        return CHANGED;
      } else {
        ascii = PLAIN;
      }
    }
    return ascii;
  }

  /** Writes text known to be ASCII, in one copy (the writer is always one of ours). */
  private void ascii(String text) throws IOException {
    ((UnsynchronizedWriter) _out).writeAscii(text);
  }
}
