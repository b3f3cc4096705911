package dev.reconciler.core.report;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * One part of the package, compressed ahead of the zip with its CRC and sizes, ready to be stored
 * as it is. A worksheet is its template (as POI wrote it) with the sheet's flushed rows spliced in
 * at the empty sheetData element, compressed into a temp file; any other part is small and
 * compressed in memory.
 */
final class DeflatedPart {
  private static final byte[] EMPTY_SHEET_DATA = "<sheetData/>".getBytes(US_ASCII);

  /** What POI puts in place of an empty sheetData before the rows, newline included. */
  private static final byte[] OPEN = "<sheetData>\n".getBytes(US_ASCII);

  private static final byte[] CLOSE = "</sheetData>".getBytes(US_ASCII);

  private final ZipArchiveEntry template;
  private final byte[] xml;
  private final int splice;
  private final SXSSFSheet sheet;
  private final List<FastSheetDataWriter> continuations;
  private final long rows;
  private ZipArchiveEntry entry;
  private byte[] compressed;
  private Path file;

  private DeflatedPart(
      ZipArchiveEntry template,
      byte[] xml,
      int splice,
      SXSSFSheet sheet,
      List<FastSheetDataWriter> continuations,
      long rows) {
    this.template = template;
    this.xml = xml;
    this.splice = splice;
    this.sheet = sheet;
    this.continuations = continuations;
    this.rows = rows;
  }

  /** A part other than a worksheet, compressed now. */
  static DeflatedPart of(ZipArchiveEntry template, byte[] xml) throws IOException {
    DeflatedPart part = new DeflatedPart(template, xml, -1, null, List.of(), 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length / 2 + 64);
    part.deflate(out, content -> content.write(xml));
    part.compressed = out.toByteArray();
    return part;
  }

  /**
   * The worksheet part of {@code sheet}, to compress with {@link #deflateSheet}, or null when its
   * template holds no empty sheetData to splice the rows in at.
   */
  static DeflatedPart sheet(
      ZipArchiveEntry template,
      byte[] xml,
      SXSSFSheet sheet,
      List<FastSheetDataWriter> continuations,
      java.util.function.ToLongFunction<SXSSFSheet> rows) {
    int at = indexOf(xml, EMPTY_SHEET_DATA);
    return at < 0 || sheet == null
        ? null
        : new DeflatedPart(template, xml, at, sheet, continuations, rows.applyAsLong(sheet));
  }

  /** Rows of the worksheet: a measure of the work {@link #deflateSheet} does. */
  long rows() {
    return rows;
  }

  /** Compresses the whole worksheet part into a temp file. */
  void deflateSheet() throws IOException {
    file = TempFile.createTempFile("poi-sxssf-deflated", ".bin").toPath();
    try (OutputStream out = Files.newOutputStream(file)) {
      deflate(
          out,
          content -> {
            content.write(xml, 0, splice);
            content.write(OPEN);
            try (InputStream rows = sheet.getWorksheetXMLInputStream()) {
              rows.transferTo(content);
            }
            // The rows filled on another thread, after the sheet's own (see TableWriter.Slice).
            for (FastSheetDataWriter more : continuations) {
              more.close();
              try (InputStream rows = more.getWorksheetXMLInputStream()) {
                rows.transferTo(content);
              }
            }
            content.write(CLOSE);
            int after = splice + EMPTY_SHEET_DATA.length;
            content.write(xml, after, xml.length - after);
          });
    }
  }

  /** Writes {@code content} deflated to {@code target}, and sets the entry's CRC and sizes. */
  private void deflate(OutputStream target, Content content) throws IOException {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    CRC32 crc = new CRC32();
    try {
      DeflaterOutputStream compressing = new DeflaterOutputStream(target, deflater, 1 << 16);
      content.writeTo(new CheckedOutputStream(compressing, crc));
      compressing.finish();
      entry = StreamingWorkbook.copyOf(template);
      entry.setMethod(ZipEntry.DEFLATED);
      entry.setCrc(crc.getValue());
      entry.setSize(deflater.getBytesRead());
      entry.setCompressedSize(deflater.getBytesWritten());
    } finally {
      deflater.end();
    }
  }

  /** The entry to store, with its CRC and sizes; once compressed. */
  ZipArchiveEntry entry() {
    return entry;
  }

  /** The compressed bytes; once compressed. */
  InputStream open() throws IOException {
    return compressed != null ? new ByteArrayInputStream(compressed) : Files.newInputStream(file);
  }

  void delete() throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  /** The uncompressed bytes of a part, written once. */
  @FunctionalInterface
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
