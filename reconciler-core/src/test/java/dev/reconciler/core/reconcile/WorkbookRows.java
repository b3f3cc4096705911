package dev.reconciler.core.reconcile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads a report back as header → cell text rows per sheet (continuation sheets joined). */
final class WorkbookRows {
  private final Map<String, List<Map<String, String>>> sheets = new LinkedHashMap<>();
  private final List<String> sheetNames = new ArrayList<>();
  private final Map<String, String> summary = new LinkedHashMap<>();

  WorkbookRows(Path file) throws IOException {
    try (Workbook wb = new XSSFWorkbook(file.toFile())) {
      for (Sheet sheet : wb) {
        sheetNames.add(sheet.getSheetName());
        if (sheet.getSheetName().equals("Summary")) {
          readSummary(sheet);
        } else {
          String base = sheet.getSheetName().replaceAll(" \\(\\d+\\)$", "");
          sheets.computeIfAbsent(base, k -> new ArrayList<>()).addAll(table(sheet));
        }
      }
    } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
      throw new IOException(e);
    }
  }

  List<String> sheetNames() {
    return sheetNames;
  }

  /** Data rows of a sheet by its label, empty when absent. */
  List<Map<String, String>> rows(String label) {
    return sheets.getOrDefault(label, List.of());
  }

  /**
   * The id of each data row of a sheet: its "Transaction ID", or "Payout ID" on Payouts; one per
   * row, so an id listed twice shows twice.
   */
  List<String> ids(String label) {
    return rows(label).stream()
        .map(r -> r.containsKey("Transaction ID") ? r.get("Transaction ID") : r.get("Payout ID"))
        .toList();
  }

  /** "source|line" of each row of the Rejected Rows sheet, source in lower case. */
  List<String> rejectedRows() {
    return rows("Rejected Rows").stream()
        .map(r -> r.get("Source").toLowerCase(java.util.Locale.ROOT) + "|" + r.get("Line"))
        .toList();
  }

  /** Summary label (first cell) → value (second cell) of every row that has both. */
  Map<String, String> summary() {
    return summary;
  }

  private void readSummary(Sheet sheet) {
    for (Row row : sheet) {
      if (row.getLastCellNum() >= 2 && row.getCell(0) != null) {
        summary.putIfAbsent(text(row.getCell(0)), text(row.getCell(1)));
      }
    }
  }

  private static List<Map<String, String>> table(Sheet sheet) {
    List<Map<String, String>> rows = new ArrayList<>();
    Row header = sheet.getRow(0);
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      if (row == null) {
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Cell h : header) {
        values.put(text(h), text(row.getCell(h.getColumnIndex())));
      }
      rows.add(values);
    }
    return rows;
  }

  static String text(Cell cell) {
    if (cell == null || cell.getCellType() == CellType.BLANK) {
      return "";
    }
    if (cell.getCellType() == CellType.NUMERIC) {
      return new java.math.BigDecimal(Double.toString(cell.getNumericCellValue()))
          .stripTrailingZeros()
          .toPlainString();
    }
    return cell.getStringCellValue();
  }
}
