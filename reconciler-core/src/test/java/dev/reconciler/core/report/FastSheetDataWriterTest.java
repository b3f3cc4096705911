package dev.reconciler.core.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.junit.jupiter.api.Test;

class FastSheetDataWriterTest {
  private static final String[] TEXTS = {
    "TXN-20261124-00100839",
    "",
    " padded ",
    "=SUM(A1:A9)",
    "<b>&amp;\"quoted\"</b>",
    "tab\there",
    "line\nbreak\r",
    "no\u00a0break",
    "bell\u0007",
    "non-character \ufffe \uffff",
    "emoji \ud83d\udcb6 pair",
    "lone \ud83d surrogate",
    "ümlaut ß € £ ¥",
  };

  @Test
  void writesRowsExactlyAsPoiDoes() throws Exception {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
      SXSSFSheet sheet = workbook.createSheet("s");
      SXSSFRow row = sheet.createRow(0);
      for (int i = 0; i < TEXTS.length; i++) {
        row.createCell(i).setCellValue(TEXTS[i]);
      }
      row.createCell(TEXTS.length).setCellValue(1234.5);
      // POI's writer as a sheet gets it: encoded to UTF-8, where a lone surrogate becomes '?'.
      ByteArrayOutputStream poiBytes = new ByteArrayOutputStream();
      Writer poi = new OutputStreamWriter(poiBytes, UTF_8);
      ByteArrayOutputStream ours = new ByteArrayOutputStream();
      new SheetDataWriter(poi).writeRow(0, row);
      FastSheetDataWriter ourWriter = new FastSheetDataWriter(ours);
      ourWriter.writeRow(0, row);
      ourWriter.close();
      assertThat(ours.toString(UTF_8))
          .isEqualTo(flushed(poi, poiBytes))
          .contains("TXN-20261124-00100839");
      // Written out so that closing does not flush the row into an already closed sheet file.
      workbook.write(OutputStream.nullOutputStream());
    }
  }

  @Test
  void writesStyledNumericBlankAndWideRowsExactlyAsPoiDoes() throws Exception {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
      SXSSFSheet sheet = workbook.createSheet("s");
      CellStyle bold = workbook.createCellStyle();
      bold.setWrapText(true);
      CellStyle amount = workbook.createCellStyle();
      amount.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
      // POI's writer as a sheet gets it: encoded to UTF-8, where a lone surrogate becomes '?'.
      ByteArrayOutputStream poiBytes = new ByteArrayOutputStream();
      Writer poi = new OutputStreamWriter(poiBytes, UTF_8);
      ByteArrayOutputStream ours = new ByteArrayOutputStream();
      SheetDataWriter poiWriter = new SheetDataWriter(poi);
      FastSheetDataWriter ourWriter = new FastSheetDataWriter(ours);
      for (int r : new int[] {0, 9, 99_999, 1_048_575}) {
        SXSSFRow row = sheet.createRow(r);
        // 70 columns: past Z, past AZ, and past the writer's own table of column letters.
        for (int c = 0; c < 70; c++) {
          switch (c % 7) {
            case 0 -> row.createCell(c).setCellValue(" padded " + c);
            case 1 -> row.createCell(c).setCellValue(-1234.5678 * c);
            case 2 -> row.createCell(c);
            case 3 -> row.createCell(c).setCellValue(true);
            case 4 -> row.createCell(c).setCellFormula("A1+" + c);
            default -> row.createCell(c).setCellValue("TXN-" + c + "\t");
          }
          row.getCell(c).setCellStyle(c % 3 == 0 ? null : c % 3 == 1 ? bold : amount);
        }
        poiWriter.writeRow(r, row);
        ourWriter.writeRow(r, row);
      }
      ourWriter.close();
      assertThat(ours.toString(UTF_8))
          .isEqualTo(flushed(poi, poiBytes))
          .contains("<c r=\"BR1048576\"");
      workbook.write(OutputStream.nullOutputStream());
    }
  }

  @Test
  void rowsWrittenCellByCellAreTheRowsPoiWritesFromItsObjects() throws Exception {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
      SXSSFSheet sheet = workbook.createSheet("s");
      CellStyle amount = workbook.createCellStyle();
      amount.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
      // POI's writer as a sheet gets it: encoded to UTF-8, where a lone surrogate becomes '?'.
      ByteArrayOutputStream poiBytes = new ByteArrayOutputStream();
      Writer poi = new OutputStreamWriter(poiBytes, UTF_8);
      ByteArrayOutputStream ours = new ByteArrayOutputStream();
      SheetDataWriter poiWriter = new SheetDataWriter(poi);
      FastSheetDataWriter ourWriter = new FastSheetDataWriter(ours);
      for (int r : new int[] {1, 9, 99_999, 1_048_575}) {
        SXSSFRow row = sheet.createRow(r);
        ourWriter.beginPlainRow(r);
        for (int c = 0; c < TEXTS.length; c++) {
          row.createCell(c).setCellValue(TEXTS[c]);
          ourWriter.textCell(c, TEXTS[c], 0);
        }
        int c = TEXTS.length;
        row.createCell(c).setCellValue(-1234.5678 * r);
        row.getCell(c).setCellStyle(amount);
        ourWriter.numberCell(c, -1234.5678 * r, amount.getIndex());
        row.createCell(c + 1).setCellValue(42L);
        ourWriter.numberCell(c + 1, 42L, 0);
        ourWriter.endPlainRow();
        poiWriter.writeRow(r, row);
      }
      ourWriter.close();
      assertThat(ours.toString(UTF_8))
          .isEqualTo(flushed(poi, poiBytes))
          .contains("<row r=\"1048576\">");
      assertThat(ourWriter.plainRows()).isEqualTo(4);
      workbook.write(OutputStream.nullOutputStream());
    }
  }

  @Test
  void numbersAreWrittenAsDoubleToStringWritesThem() throws Exception {
    double[] values = {
      1,
      -1,
      7,
      42,
      9_999_999,
      -9_999_999,
      10_000_000,
      -10_000_000,
      123_456_789,
      0.0,
      -0.0,
      0.5,
      -1234.5678,
      13.95,
      1e-4,
      1e21,
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      2.5e15,
      Double.MAX_VALUE
    };
    for (double v : values) {
      assertThat(oneRow(w -> w.numberCell(0, v, 0)))
          .as("%s", v)
          .contains("<v>" + Double.toString(v) + "</v>");
    }
  }

  @Test
  void repeatedValuesAreWrittenAsTheirTextIsWrittenEveryTime() throws Exception {
    try (StreamingWorkbook workbook = new StreamingWorkbook()) {
      CellWriter cells = new CellWriter(workbook);
      ByteArrayOutputStream asText = new ByteArrayOutputStream();
      ByteArrayOutputStream asRepeated = new ByteArrayOutputStream();
      FastSheetDataWriter textWriter = new FastSheetDataWriter(asText);
      FastSheetDataWriter repeatedWriter = new FastSheetDataWriter(asRepeated);
      SheetRow text = SheetRow.direct(textWriter);
      SheetRow repeated = SheetRow.direct(repeatedWriter);
      // Every text of the escaping tests, formula-like and over-long text; a lone surrogate at
      // the end of one cell before a kept one; and more values than a column keeps.
      String[] values = Arrays.copyOf(TEXTS, TEXTS.length + 3);
      values[TEXTS.length] = "_x003D_1+1";
      values[TEXTS.length + 1] = "x".repeat(CellText.MAX_LENGTH + 5);
      values[TEXTS.length + 2] = "ends high \ud83d";
      for (int r = 0; r < 3 * SheetRow.REPEATED_PER_COLUMN; r++) {
        textWriter.beginPlainRow(r);
        repeatedWriter.beginPlainRow(r);
        String value = values[r % values.length];
        String many = "value " + r;
        cells.text(text, 0, value);
        repeated.repeated(0, value, (c, row, col, v) -> c.text(row, col, v), cells);
        cells.text(text, 1, many);
        repeated.repeated(1, many, (c, row, col, v) -> c.text(row, col, v), cells);
        // The same value in another column makes another cell there: other text, a number.
        cells.text(text, 2, "[" + value + "]");
        repeated.repeated(2, value, (c, row, col, v) -> c.text(row, col, "[" + v + "]"), cells);
        cells.number(text, 3, (long) value.length());
        repeated.repeated(
            3, value, (c, row, col, v) -> c.number(row, col, (long) v.length()), cells);
        repeated.repeated(4, value, (c, row, col, v) -> c.text(row, col, null), cells);
        textWriter.endPlainRow();
        repeatedWriter.endPlainRow();
      }
      textWriter.close();
      repeatedWriter.close();
      assertThat(asRepeated.toByteArray()).isEqualTo(asText.toByteArray());
      assertThat(asRepeated.toString(UTF_8))
          .contains("_x005F_x003D_1+1", "[ends high ?]", "value 3071")
          .contains("<c r=\"D3\" t=\"n\"><v>")
          .doesNotContain("r=\"E1\"");
    }
  }

  @Test
  void decimalsAreWrittenAsTheirDigitsWhichReadBackAsTheDoublePoiWrites() throws Exception {
    List<BigDecimal> values =
        new ArrayList<>(
            Stream.of(
                    "1.29",
                    "-1234.50",
                    "100.00",
                    "0.00",
                    "0.0001",
                    "-0.001",
                    "12345678.90",
                    "99999999999.9999",
                    "5",
                    "1E+3",
                    "-7",
                    "0.1",
                    "0.30",
                    "123456789012345")
                .map(BigDecimal::new)
                .toList());
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      long unscaled = random.nextLong() % (i % 2 == 0 ? 1_000_000L : 1_000_000_000_000_000L);
      values.add(BigDecimal.valueOf(unscaled, random.nextInt(5)));
    }
    for (BigDecimal value : values) {
      if (!CellWriter.fitsNumberCell(value)) {
        continue;
      }
      String xml = oneRow(w -> w.decimalCell(0, value, 5));
      String number = xml.substring(xml.indexOf("<v>") + 3, xml.indexOf("</v>"));
      assertThat(xml).as("%s", value).contains("<c r=\"A1\" s=\"5\" t=\"n\"><v>");
      assertThat(Double.parseDouble(number)).as("%s", value).isEqualTo(value.doubleValue());
      if (value.scale() > 0
          && value.abs().compareTo(new BigDecimal("0.001")) >= 0
          && value.abs().compareTo(BigDecimal.valueOf(10_000_000)) < 0) {
        // POI's own text for an amount of the usual size (where Double.toString writes no
        // exponent): the same digits.
        assertThat(number).as("%s", value).isEqualTo(Double.toString(value.doubleValue()));
      }
    }
    assertThat(values.stream().filter(CellWriter::fitsNumberCell).count()).isGreaterThan(15_000);
  }

  @Test
  void tellsPlainTextFromTextPoiWouldChange() {
    assertThat(FastSheetDataWriter.isPlain("TXN-1 ümlaut € =SUM(A1)")).isTrue();
    for (String changed : new String[] {"a<b", "a&b", "a\"b", "a\u00a0b", "a\tb", "\ud83d\udcb6"}) {
      assertThat(FastSheetDataWriter.isPlain(changed)).as(changed).isFalse();
    }
  }

  @Test
  void unsynchronizedWriterKeepsEveryCharacterAcrossBufferBoundaries() throws Exception {
    StringBuilder expected = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer writer = new UnsynchronizedWriter(bytes)) {
      for (int i = 0; i < 20_000; i++) {
        // Pieces of 1 to 3 chars put surrogate pairs across every buffer boundary sooner or later.
        String piece = i % 3 == 0 ? "\ud83d\udcb6" : i % 3 == 1 ? "a" : "ü-€";
        writer.write(piece);
        writer.write('|');
        expected.append(piece).append('|');
      }
      char[] big = new char[40_000];
      Arrays.fill(big, 'x');
      writer.write(big, 0, big.length);
      writer.write(new String(big), 1, 20_000);
      expected.append(big).append(big, 0, 20_000);
    }
    assertThat(bytes.toString(UTF_8)).isEqualTo(expected.toString());
  }

  @Test
  void unsynchronizedWriterEncodesEveryCharAsOutputStreamWriterDoes() throws Exception {
    // Lone and reversed surrogates, pairs split across calls, and ASCII written whole after a
    // high surrogate: each must come out as Java's own UTF-8 writer writes it.
    String[] pieces = {
      "a",
      "\ud83d",
      "\udcb6",
      "ü",
      "\ud83d",
      "x",
      "\udcb6",
      "€",
      "\ud83d\udcb6",
      "\ud83d",
      "\ud83d",
      "\udcb6\udcb6",
      "\u07ff\u0800\uffff",
      "\ud83d",
      "tail \u0000\u007f"
    };
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    ByteArrayOutputStream java = new ByteArrayOutputStream();
    Random random = new Random(7);
    try (UnsynchronizedWriter writer = new UnsynchronizedWriter(ours);
        Writer reference = new OutputStreamWriter(java, UTF_8)) {
      for (int i = 0; i < 30_000; i++) {
        String piece = pieces[random.nextInt(pieces.length)];
        switch (random.nextInt(5)) {
          case 0 -> piece.chars().forEach(c -> write(writer, c));
          case 1 -> writer.write(piece.toCharArray(), 0, piece.length());
          case 2 -> writer.write(piece);
          case 3 -> {
            // A kept cell's bytes, now and then longer than the writer's buffer.
            piece = i % 100 == 0 ? "ü-€ ".repeat(20_000) : " s=\"3\" t=\"ü\">€</c>";
            writer.writeBytes(piece.getBytes(UTF_8));
          }
          default -> {
            piece = "<c r=\"A" + i + "\">";
            writer.writeAscii(piece);
          }
        }
        reference.write(piece);
      }
      writer.write("\ud83d");
      reference.write("\ud83d");
    }
    assertThat(ours.toByteArray()).isEqualTo(java.toByteArray());
    assertThat(ours.toString(UTF_8)).contains("\ud83d\udcb6", "?", "<c r=\"A");
  }

  /** The XML of a first row holding the cells {@code cells} writes. */
  private static String oneRow(FastSheetDataWriter.CellOf cells) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FastSheetDataWriter writer = new FastSheetDataWriter(out);
    writer.beginPlainRow(0);
    cells.write(writer);
    writer.endPlainRow();
    writer.close();
    return out.toString(UTF_8);
  }

  private static String flushed(Writer writer, ByteArrayOutputStream bytes) throws Exception {
    writer.flush();
    return bytes.toString(UTF_8);
  }

  private static void write(Writer writer, int c) {
    try {
      writer.write(c);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
