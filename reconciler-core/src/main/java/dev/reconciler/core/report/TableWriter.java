package dev.reconciler.core.report;

import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;

/** Writes a table as one sheet, or as several when it has more rows than a sheet may hold. */
final class TableWriter {
  private final Workbook workbook;
  private final CellWriter cells;
  private final int maxRowsPerSheet;

  TableWriter(Workbook workbook, CellWriter cells, int maxRowsPerSheet) {
    this.workbook = workbook;
    this.cells = cells;
    this.maxRowsPerSheet = maxRowsPerSheet;
  }

  /** Writes the items in the given order; an empty table still gets a sheet with its header. */
  <T> void write(String label, List<Column<T>> columns, List<T> items) {
    int parts = items.isEmpty() ? 1 : (items.size() - 1) / maxRowsPerSheet + 1;
    for (int part = 0; part < parts; part++) {
      int from = part * maxRowsPerSheet;
      int to = Math.min(items.size(), from + maxRowsPerSheet);
      writeSheet(SheetNames.part(label, part + 1), columns, items.subList(from, to));
    }
  }

  private <T> void writeSheet(String name, List<Column<T>> columns, List<T> items) {
    Sheet sheet = workbook.createSheet(name);
    Row header = sheet.createRow(0);
    for (int c = 0; c < columns.size(); c++) {
      cells.heading(header, c, columns.get(c).header());
      sheet.setColumnWidth(c, columns.get(c).width() * 256);
    }
    int r = 1;
    for (T item : items) {
      Row row = sheet.createRow(r++);
      for (int c = 0; c < columns.size(); c++) {
        columns.get(c).sink().write(cells, row, c, item);
      }
    }
    sheet.createFreezePane(0, 1);
    sheet.setAutoFilter(new CellRangeAddress(0, items.size(), 0, columns.size() - 1));
  }
}
