package dev.reconciler.core.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Lays a table out as one sheet, or as several when it has more rows than a sheet may hold. Sheets
 * are created in workbook order on the caller's thread; each {@link Part} is then filled on any one
 * thread, since filling touches only that sheet's rows and their cells (shared styles are only
 * read), and finished on the caller's thread again.
 */
final class TableWriter {
  /**
   * Rows from which a sheet is filled by both threads, half each: the open-items ledger's sheet can
   * hold most of a report's rows, and one thread filling it while the other had little left was a
   * good part of the report's time.
   */
  static final int SPLIT_ROWS = 40_000;

  private final StreamingWorkbook workbook;
  private final CellWriter cells;
  private final int maxRowsPerSheet;
  private final int splitRows;

  TableWriter(StreamingWorkbook workbook, CellWriter cells, int maxRowsPerSheet) {
    this(workbook, cells, maxRowsPerSheet, SPLIT_ROWS);
  }

  /** As the other, with sheets of {@code splitRows} rows or more filled in two halves. */
  TableWriter(StreamingWorkbook workbook, CellWriter cells, int maxRowsPerSheet, int splitRows) {
    this.workbook = workbook;
    this.cells = cells;
    this.maxRowsPerSheet = maxRowsPerSheet;
    this.splitRows = splitRows;
  }

  /** Creates the table's sheets with their headers; an empty table still gets one sheet. */
  <T> List<Part<T>> create(String label, List<Column<T>> columns, List<T> items) {
    int count = items.isEmpty() ? 1 : (items.size() - 1) / maxRowsPerSheet + 1;
    List<Part<T>> parts = new ArrayList<>(count);
    for (int part = 0; part < count; part++) {
      int from = part * maxRowsPerSheet;
      int to = Math.min(items.size(), from + maxRowsPerSheet);
      Sheet sheet = workbook.createSheet(SheetNames.part(label, part + 1));
      Row header = sheet.createRow(0);
      for (int c = 0; c < columns.size(); c++) {
        cells.heading(header, c, columns.get(c).header());
        sheet.setColumnWidth(c, columns.get(c).width() * 256);
      }
      parts.add(new Part<>(workbook, sheet, cells, columns, items.subList(from, to), splitRows));
    }
    return parts;
  }

  /** One sheet of a table. */
  static final class Part<T> {
    private final StreamingWorkbook workbook;
    private final Sheet sheet;
    private final CellWriter cells;
    private final List<Column<T>> columns;
    private final List<T> items;
    private final int splitRows;

    private Part(
        StreamingWorkbook workbook,
        Sheet sheet,
        CellWriter cells,
        List<Column<T>> columns,
        List<T> items,
        int splitRows) {
      this.workbook = workbook;
      this.sheet = sheet;
      this.cells = cells;
      this.columns = columns;
      this.items = items;
      this.splitRows = splitRows;
    }

    /** Number of data rows: the work {@link #fill} does. */
    int rows() {
      return items.size();
    }

    /**
     * The pieces the sheet is filled in, each on any one thread: the whole, or for a long sheet its
     * two halves, the second written by a writer of its own whose XML follows the first's. Made on
     * the thread that creates the sheets.
     */
    List<Slice> slices() throws IOException {
      if (items.size() < splitRows) {
        return List.of(new Slice(this, 0, items.size(), null));
      }
      int half = items.size() / 2;
      return List.of(
          new Slice(this, 0, half, null),
          new Slice(this, half, items.size(), workbook.continuationOf(sheet)));
    }

    /**
     * Writes the data rows in the given order, straight into the sheet's XML: its header row is
     * flushed first, and SXSSF's row and cell objects, most of a big sheet's cost, are not made.
     */
    void fill() throws IOException {
      fill(0, items.size(), workbook.writerOf(sheet));
    }

    /** Writes the data rows {@code from} to {@code to} (exclusive) with {@code writer}. */
    private void fill(int from, int to, FastSheetDataWriter writer) throws IOException {
      SheetRow row = SheetRow.direct(writer);
      for (int i = from; i < to; i++) {
        T item = items.get(i);
        writer.beginPlainRow(i + 1);
        for (int c = 0; c < columns.size(); c++) {
          columns.get(c).sink().write(cells, row, c, item);
        }
        writer.endPlainRow();
      }
    }

    /** Rows {@code from} to {@code to} of a part, written by {@code own} or the sheet's writer. */
    record Slice(Part<?> part, int from, int to, FastSheetDataWriter own) {
      int rows() {
        return to - from;
      }

      void fill() throws IOException {
        part.fill(from, to, own != null ? own : part.workbook.writerOf(part.sheet));
      }
    }

    /** Freezes the header and puts an autofilter on the table. */
    void finish() {
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, items.size(), 0, columns.size() - 1));
    }
  }
}
