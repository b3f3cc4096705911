package dev.reconciler.core.report;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * One part of the package, compressed ahead of the zip with its CRC and sizes, ready to be stored
 * as it is. A worksheet is its template (as POI wrote it) with the sheet's rows spliced in at the
 * empty sheetData element: the template's head and tail compressed here, around the rows its
 * writers compressed into their temp files as they wrote them ({@link DeflatedSegment}); any other
 * part is small and compressed in memory.
 */
final class DeflatedPart {
  private static final byte[] EMPTY_SHEET_DATA = "<sheetData/>".getBytes(US_ASCII);

  /** What POI puts in place of an empty sheetData before the rows, newline included. */
  private static final byte[] OPEN = "<sheetData>\n".getBytes(US_ASCII);

  private static final byte[] CLOSE = "</sheetData>".getBytes(US_ASCII);

  private final ZipArchiveEntry entry;
  private final List<DeflatedSegment.Piece> around;
  private final List<FastSheetDataWriter> rows;

  private DeflatedPart(
      ZipArchiveEntry entry, List<DeflatedSegment.Piece> around, List<FastSheetDataWriter> rows) {
    this.entry = entry;
    this.around = around;
    this.rows = rows;
  }

  /** A part other than a worksheet, compressed now. */
  static DeflatedPart of(ZipArchiveEntry template, byte[] xml) throws IOException {
    DeflatedSegment.Piece whole = DeflatedSegment.of(xml, 0, xml.length, true);
    return new DeflatedPart(entry(template, List.of(whole), List.of()), List.of(whole), List.of());
  }

  /**
   * The worksheet part of {@code sheet} from the rows {@code writers} wrote (the sheet's own, then
   * those filled on another thread: see TableWriter.Slice), which this closes; or null when its
   * template holds no empty sheetData to splice the rows in at.
   */
  static DeflatedPart sheet(
      ZipArchiveEntry template, byte[] xml, SXSSFSheet sheet, List<FastSheetDataWriter> writers)
      throws IOException {
    int at = indexOf(xml, EMPTY_SHEET_DATA);
    if (at < 0 || sheet == null) {
      return null;
    }
    // Rows still in the sheet's window go to its writer; closing a writer ends its piece.
    sheet.flushRows();
    for (FastSheetDataWriter writer : writers) {
      writer.close();
    }
    byte[] head = new byte[at + OPEN.length];
    System.arraycopy(xml, 0, head, 0, at);
    System.arraycopy(OPEN, 0, head, at, OPEN.length);
    int after = at + EMPTY_SHEET_DATA.length;
    byte[] tail = new byte[CLOSE.length + xml.length - after];
    System.arraycopy(CLOSE, 0, tail, 0, CLOSE.length);
    System.arraycopy(xml, after, tail, CLOSE.length, xml.length - after);
    List<DeflatedSegment.Piece> around =
        List.of(
            DeflatedSegment.of(head, 0, head.length, false),
            DeflatedSegment.of(tail, 0, tail.length, true));
    return new DeflatedPart(entry(template, around, writers), around, writers);
  }

  /** The entry of the head, the rows and the tail, one after the other. */
  private static ZipArchiveEntry entry(
      ZipArchiveEntry template,
      List<DeflatedSegment.Piece> around,
      List<FastSheetDataWriter> rows) {
    DeflatedSegment.Piece head = around.get(0);
    long crc = head.crc();
    long size = head.size();
    long compressedSize = head.compressedSize();
    for (FastSheetDataWriter writer : rows) {
      DeflatedSegment segment = writer.segment();
      crc = DeflatedSegment.combine(crc, segment.crc(), segment.size());
      size += segment.size();
      compressedSize += segment.compressedSize();
    }
    if (around.size() > 1) {
      DeflatedSegment.Piece tail = around.get(1);
      crc = DeflatedSegment.combine(crc, tail.crc(), tail.size());
      size += tail.size();
      compressedSize += tail.compressedSize();
    }
    ZipArchiveEntry entry = StreamingWorkbook.copyOf(template);
    entry.setMethod(ZipEntry.DEFLATED);
    entry.setCrc(crc);
    entry.setSize(size);
    entry.setCompressedSize(compressedSize);
    return entry;
  }

  /** The entry to store, with its CRC and sizes. */
  ZipArchiveEntry entry() {
    return entry;
  }

  /** The compressed bytes: the head, each writer's rows, the tail. */
  InputStream open() throws IOException {
    List<InputStream> in = new ArrayList<>();
    in.add(around.get(0).open());
    for (FastSheetDataWriter writer : rows) {
      in.add(Files.newInputStream(writer.file().toPath()));
    }
    if (around.size() > 1) {
      in.add(around.get(1).open());
    }
    return new SequenceInputStream(Collections.enumeration(in));
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
