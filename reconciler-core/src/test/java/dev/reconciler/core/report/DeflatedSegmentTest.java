package dev.reconciler.core.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

class DeflatedSegmentTest {
  @Test
  void theCombinedCrcOfTwoRunsIsTheCrcOfBoth() {
    Random random = new Random(11);
    for (int length : new int[] {0, 1, 2, 7, 100, 4096, 100_000}) {
      byte[] all = new byte[length + 37];
      random.nextBytes(all);
      for (int split : new int[] {0, 1, length / 2, length, length + 37}) {
        long first = crc(all, 0, split);
        long second = crc(all, split, all.length);
        assertThat(DeflatedSegment.combine(first, second, all.length - split))
            .as("%d split at %d", all.length, split)
            .isEqualTo(crc(all, 0, all.length));
      }
    }
  }

  /** Pieces compressed apart and stored one after the other are one deflate stream of them all. */
  @Test
  void piecesCompressedApartInflateAsOneStream() throws Exception {
    Random random = new Random(5);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      text.append("<c r=\"A").append(i).append("\">").append(random.nextInt(1000)).append("</c>");
    }
    byte[] all = text.toString().getBytes(UTF_8);
    int[] cuts = {0, 10, 10, 300_000, all.length};
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    long crc = 0;
    long size = 0;
    for (int i = 0; i + 1 < cuts.length; i++) {
      boolean last = i + 2 == cuts.length;
      ByteArrayOutputStream piece = new ByteArrayOutputStream();
      DeflatedSegment segment = new DeflatedSegment(piece, last);
      // Written in odd chunks, as a writer's buffer hands them over.
      for (int at = cuts[i]; at < cuts[i + 1]; at += 7_001) {
        segment.write(all, at, Math.min(7_001, cuts[i + 1] - at));
      }
      segment.close();
      segment.close();
      assertThat(segment.size()).isEqualTo(cuts[i + 1] - cuts[i]);
      assertThat(segment.compressedSize()).isEqualTo(piece.size());
      crc = i == 0 ? segment.crc() : DeflatedSegment.combine(crc, segment.crc(), segment.size());
      size += segment.size();
      if (!last) {
        try (InputStream back =
            DeflatedSegment.inflating(new ByteArrayInputStream(piece.toByteArray()))) {
          assertThat(back.readAllBytes())
              .isEqualTo(java.util.Arrays.copyOfRange(all, cuts[i], cuts[i + 1]));
        }
      }
      piece.writeTo(stream);
    }
    Inflater inflater = new Inflater(true);
    try (InputStream in =
        new InflaterInputStream(new ByteArrayInputStream(stream.toByteArray()), inflater)) {
      assertThat(in.readAllBytes()).isEqualTo(all);
      assertThat(inflater.finished()).as("the last piece ends the stream").isTrue();
    } finally {
      inflater.end();
    }
    assertThat(size).isEqualTo(all.length);
    assertThat(crc).isEqualTo(crc(all, 0, all.length));
    assertThat(stream.size()).isLessThan(all.length / 3);
  }

  /** A sheet writer's rows, read back by POI's way (a template it cannot splice), uncompressed. */
  @Test
  void aSheetWritersRowsReadBackUncompressed() throws Exception {
    FastSheetDataWriter writer = new FastSheetDataWriter();
    try {
      for (int r = 0; r < 3_000; r++) {
        writer.beginPlainRow(r);
        writer.textCell(0, "TXN-" + r + " ü", 0);
        writer.numberCell(1, r, 0);
        writer.endPlainRow();
      }
      writer.close();
      String xml;
      try (InputStream in = writer.getWorksheetXMLInputStream()) {
        xml = new String(in.readAllBytes(), UTF_8);
      }
      assertThat(xml)
          .startsWith("<row r=\"1\">\n<c r=\"A1\" t=\"inlineStr\"><is><t>TXN-0 ü</t>")
          .endsWith("<c r=\"B3000\" t=\"n\"><v>2999.0</v></c></row>\n");
      assertThat(writer.segment().size()).isEqualTo(xml.getBytes(UTF_8).length);
    } finally {
      writer.deleteTempFile();
    }
  }

  private static long crc(byte[] bytes, int from, int to) {
    CRC32 crc = new CRC32();
    crc.update(bytes, from, to - from);
    return crc.getValue();
  }
}
