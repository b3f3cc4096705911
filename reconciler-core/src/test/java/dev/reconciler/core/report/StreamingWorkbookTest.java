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
