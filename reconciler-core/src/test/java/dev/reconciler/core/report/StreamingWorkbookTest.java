package dev.reconciler.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class StreamingWorkbookTest {
  /** Sheets of different sizes, most past the in-memory row window, so rows are flushed. */
  private static final int[] ROWS = {0, 1, 99, 100, 101, 2_500, 7_000};

  @Test
  void storesTheSameWorksheetsPoiWouldWriteInAValidZip() throws Exception {
    Map<String, byte[]> ours;
    try (StreamingWorkbook workbook = new StreamingWorkbook()) {
      ours = unzip(fillAndWrite(workbook));
    }
    Map<String, byte[]> poi;
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
      poi = unzipWithCommonsCompress(fillAndWrite(workbook));
    }
    assertThat(ours.keySet()).containsExactlyElementsOf(poi.keySet());
    int worksheets = 0;
    for (String name : poi.keySet()) {
      if (name.startsWith("xl/worksheets/")) {
        worksheets++;
        assertThat(new String(ours.get(name))).as(name).isEqualTo(new String(poi.get(name)));
      }
    }
    assertThat(worksheets).isEqualTo(ROWS.length);
    assertThat(new String(ours.get("xl/worksheets/sheet7.xml"))).contains("<c r=\"C7001\"");
  }

  @Test
  void aWorkbookWrittenThisWayOpensWithEveryRow() throws Exception {
    byte[] bytes;
    try (StreamingWorkbook workbook = new StreamingWorkbook()) {
      bytes = fillAndWrite(workbook);
    }
    try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      for (int s = 0; s < ROWS.length; s++) {
        Sheet sheet = read.getSheetAt(s);
        assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(ROWS[s] + 1);
        if (ROWS[s] > 0) {
          assertThat(sheet.getRow(ROWS[s]).getCell(1).getStringCellValue())
              .isEqualTo("row " + ROWS[s] + " of sheet " + s);
        }
      }
    }
  }

  /**
   * A long table filled in two halves, each on its own thread and writer, makes the worksheet it
   * makes filled whole, byte for byte; short tables stay whole.
   */
  @Test
  void aLongTableFilledInTwoHalvesIsTheTableFilledWhole() throws Exception {
    Map<String, byte[]> whole = table(Integer.MAX_VALUE);
    Map<String, byte[]> halves = table(1_000);
    assertThat(halves.keySet()).containsExactlyElementsOf(whole.keySet());
    // Every part but the one that says when the workbook was made, to the second: the two are
    // written one after the other and may fall in two seconds.
    whole.remove("docProps/core.xml");
    for (String name : whole.keySet()) {
      assertThat(new String(halves.get(name))).as(name).isEqualTo(new String(whole.get(name)));
    }
    assertThat(new String(whole.get("xl/worksheets/sheet1.xml")))
        .contains("<c r=\"A1500\"", "<c r=\"B3001\"", "row 3000");
  }

  /** Tables of 3,000 and 999 rows, sheets of {@code splitRows} rows or more filled in halves. */
  private static Map<String, byte[]> table(int splitRows) throws IOException {
    java.util.List<Column<Integer>> columns =
        java.util.List.of(
            Column.number("N", i -> (long) i), Column.text("Text", 20, i -> "row " + i));
    try (StreamingWorkbook workbook = new StreamingWorkbook()) {
      CellWriter cells = new CellWriter(workbook);
      TableWriter tables = new TableWriter(workbook, cells, 1_048_575, splitRows);
      java.util.List<TableWriter.Part<?>> parts = new java.util.ArrayList<>();
      parts.addAll(
          tables.create(
              "Long", columns, java.util.stream.IntStream.rangeClosed(1, 3_000).boxed().toList()));
      parts.addAll(
          tables.create(
              "Short", columns, java.util.stream.IntStream.rangeClosed(1, 999).boxed().toList()));
      java.util.List<TableWriter.Part.Slice> slices = new java.util.ArrayList<>();
      for (TableWriter.Part<?> part : parts) {
        slices.addAll(part.slices());
      }
      assertThat(slices).hasSize(splitRows == 1_000 ? 3 : 2);
      dev.reconciler.core.domain.TwoThreads.forEach(
          slices, TableWriter.Part.Slice::rows, TableWriter.Part.Slice::fill);
      parts.forEach(TableWriter.Part::finish);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return unzip(out.toByteArray());
    }
  }

  /** The same content and sheet settings in either workbook, written out. */
  private static byte[] fillAndWrite(SXSSFWorkbook workbook) throws IOException {
    for (int s = 0; s < ROWS.length; s++) {
      SXSSFSheet sheet = workbook.createSheet("Sheet " + s);
      if (!(workbook instanceof StreamingWorkbook)) {
        sheet.setFitToPage(true);
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
      }
      for (int r = 0; r <= ROWS[s]; r++) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(r);
        row.createCell(1).setCellValue("row " + r + " of sheet " + s);
        row.createCell(2).setCellValue("<&> ümlaut €");
      }
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, ROWS[s], 0, 2));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    workbook.write(out);
    return out.toByteArray();
  }

  /**
   * Every entry of POI's own output, in zip order: java.util.zip cannot read the Zip64 data
   * descriptors POI writes, commons-compress (POI's reader) can.
   */
  private static Map<String, byte[]> unzipWithCommonsCompress(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(zip))) {
      for (ZipArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  /**
   * Every entry, in zip order, read by the strictest reader at hand: java.util.zip checks each
   * entry's CRC and sizes against its header.
   */
  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }
}
