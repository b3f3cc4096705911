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
  private final StreamingWorkbook workbook;
  private final CellWriter cells;
  private final int maxRowsPerSheet;

  TableWriter(StreamingWorkbook workbook, CellWriter cells, int maxRowsPerSheet) {
    this.workbook = workbook;
    this.cells = cells;
    this.maxRowsPerSheet = maxRowsPerSheet;
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
      parts.add(new Part<>(workbook, sheet, cells, columns, items.subList(from, to)));
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

    private Part(
        StreamingWorkbook workbook,
        Sheet sheet,
        CellWriter cells,
        List<Column<T>> columns,
        List<T> items) {
      this.workbook = workbook;
      this.sheet = sheet;
      this.cells = cells;
      this.columns = columns;
      this.items = items;
    }

    /** Number of data rows: the work {@link #fill} does. */
    int rows() {
      return items.size();
    }

    /**
     * Writes the data rows in the given order, straight into the sheet's XML: its header row is
     * flushed first, and SXSSF's row and cell objects, most of a big sheet's cost, are not made.
     */
    void fill() throws IOException {
      FastSheetDataWriter writer = workbook.writerOf(sheet);
      SheetRow row = SheetRow.direct(writer);
      int r = 1;
      for (T item : items) {
        writer.beginPlainRow(r++);
        for (int c = 0; c < columns.size(); c++) {
          columns.get(c).sink().write(cells, row, c, item);
        }
        writer.endPlainRow();
      }
    }

    /** Freezes the header and puts an autofilter on the table. */
    void finish() {
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, items.size(), 0, columns.size() - 1));
    }
  }
}
