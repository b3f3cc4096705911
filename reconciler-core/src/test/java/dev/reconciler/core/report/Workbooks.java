package dev.reconciler.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads written workbooks back for cell-by-cell checks. */
final class Workbooks {
  private Workbooks() {}

  static XSSFWorkbook open(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new XSSFWorkbook(in);
    }
  }

  static List<String> sheetNames(XSSFWorkbook workbook) {
    List<String> names = new ArrayList<>();
    workbook.forEach(sheet -> names.add(sheet.getSheetName()));
    return names;
  }

  /** The row whose first cell holds this text. */
  static Row rowLabelled(Sheet sheet, String label) {
    for (Row row : sheet) {
      Cell first = row.getCell(0);
      if (first != null && label.equals(first.toString())) {
        return row;
      }
    }
    throw new AssertionError("no row labelled '" + label + "' on " + sheet.getSheetName());
  }

  static List<String> row(Sheet sheet, int index) {
    List<String> values = new ArrayList<>();
    sheet.getRow(index).forEach(cell -> values.add(cell.toString()));
    return values;
  }

  /** Every cell as sheet!ref=type:value|format|quoted|bold, for comparing whole workbooks. */
  static List<String> contents(XSSFWorkbook workbook) {
    List<String> cells = new ArrayList<>();
    for (Sheet sheet : workbook) {
      for (Row row : sheet) {
        for (Cell cell : row) {
          cells.add(
              sheet.getSheetName()
                  + "!"
                  + cell.getAddress()
                  + "="
                  + cell.getCellType()
                  + ":"
                  + cell
                  + "|"
                  + cell.getCellStyle().getDataFormatString()
                  + "|"
                  + cell.getCellStyle().getQuotePrefixed()
                  + "|"
                  + workbook.getFontAt(cell.getCellStyle().getFontIndex()).getBold());
        }
      }
    }
    return cells;
  }
}
