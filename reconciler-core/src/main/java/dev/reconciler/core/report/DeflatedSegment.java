package dev.reconciler.core.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Raw deflate of one piece of a zip entry, compressed as it is written: pieces compressed apart, on
 * different threads, then stored one after the other, are the entry's deflate stream, as pigz makes
 * one. Each piece but the last ends in a sync flush (so the next starts on a byte, with a block of
 * its own) and the last in the final block; the entry's CRC is combined from the pieces' ({@link
 * #combine}). A sheet's rows are so compressed by the thread that writes them, instead of being
 * written out uncompressed and compressed again in a pass of their own.
 */
final class DeflatedSegment extends OutputStream {
  /** An empty final block (fixed Huffman codes, end of block only): ends a run of pieces. */
  private static final byte[] FINAL_EMPTY_BLOCK = {0x03, 0x00};

  private final OutputStream out;
  private final boolean last;
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final CRC32 crc = new CRC32();
  private final byte[] buffer = new byte[64 * 1024];
  private long size;
  private long compressedSize;
  private boolean closed;

  /**
   * @param last whether this piece ends the entry (final block) or another follows (sync flush)
   */
  DeflatedSegment(OutputStream out, boolean last) {
    this.out = out;
    this.last = last;
  }

  /** A piece compressed at once from {@code content}: a worksheet's head or tail. */
  static Piece of(byte[] content, int from, int to, boolean last) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (to - from) / 2);
    DeflatedSegment segment = new DeflatedSegment(bytes, last);
    segment.write(content, from, to - from);
    segment.close();
    return new Piece(bytes.toByteArray(), segment.crc(), segment.size(), segment.compressedSize());
  }

  /** A piece held in memory: its compressed bytes, and the CRC and size of what they hold. */
  record Piece(byte[] bytes, long crc, long size, long compressedSize) {
    InputStream open() {
      return new ByteArrayInputStream(bytes);
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("segment closed");
    }
    crc.update(bytes, offset, length);
    size += length;
    deflater.setInput(bytes, offset, length);
    while (!deflater.needsInput()) {
      drain(Deflater.NO_FLUSH);
    }
  }

  /** Compresses what the deflater holds into {@code out}; true when the buffer was filled. */
  private boolean drain(int flush) throws IOException {
    int n = deflater.deflate(buffer, 0, buffer.length, flush);
    if (n > 0) {
      out.write(buffer, 0, n);
      compressedSize += n;
    }
    return n == buffer.length;
  }

  /** Ends the piece (sync flush, or the final block) and closes the stream under it; once. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (last) {
        deflater.finish();
        while (!deflater.finished()) {
          drain(Deflater.NO_FLUSH);
        }
      } else {
        // Deflater's contract: a sync flush that filled the buffer may have more to give.
        while (drain(Deflater.SYNC_FLUSH)) {
          // again
        }
      }
    } finally {
      deflater.end();
      out.close();
    }
  }

  /** CRC-32 of the bytes written. */
  long crc() {
    return crc.getValue();
  }

  /** Bytes written, uncompressed. */
  long size() {
    return size;
  }

  /** Bytes this piece compressed them to. */
  long compressedSize() {
    return compressedSize;
  }

  /**
   * What a closed piece that is not the last holds, read back uncompressed from {@code in} (its
   * compressed bytes): for readers of a sheet's rows other than the zip, such as POI's own.
   */
  static InputStream inflating(InputStream in) {
    Inflater inflater = new Inflater(true);
    return new InflaterInputStream(
        new SequenceInputStream(in, new ByteArrayInputStream(FINAL_EMPTY_BLOCK)), inflater) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          inflater.end();
        }
      }
    };
  }

  /**
   * The CRC-32 of two byte runs one after the other, from each run's CRC and the second's length
   * (zlib's crc32_combine: the first CRC advanced over len2 zero bytes by squaring the operator
   * that advances it over one, in GF(2), then the second's added).
   */
  static long combine(long crc1, long crc2, long len2) {
    if (len2 <= 0) {
      return crc1;
    }
    long[] even = new long[32];
    long[] odd = new long[32];
    odd[0] = 0xedb88320L; // the CRC-32 polynomial, reflected: the operator for one zero bit
    long row = 1;
    for (int n = 1; n < 32; n++) {
      odd[n] = row;
      row <<= 1;
    }
    square(even, odd); // two zero bits
    square(odd, even); // four
    long crc = crc1;
    long len = len2;
    do {
      square(even, odd); // the first pass: one zero byte
      if ((len & 1) != 0) {
        crc = times(even, crc);
      }
      len >>= 1;
      if (len == 0) {
        break;
      }
      square(odd, even);
      if ((len & 1) != 0) {
        crc = times(odd, crc);
      }
      len >>= 1;
    } while (len != 0);
    return crc ^ crc2;
  }

  private static long times(long[] matrix, long vector) {
    long sum = 0;
    for (int i = 0; vector != 0; i++, vector >>>= 1) {
      if ((vector & 1) != 0) {
        sum ^= matrix[i];
      }
    }
    return sum;
  }

  private static void square(long[] square, long[] matrix) {
    for (int n = 0; n < 32; n++) {
      square[n] = times(matrix, matrix[n]);
    }
  }
}
