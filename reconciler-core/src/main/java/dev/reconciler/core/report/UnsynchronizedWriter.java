package dev.reconciler.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered UTF-8 writer for one thread. {@link java.io.BufferedWriter} takes a lock on every
 * call, and POI's sheet writer makes about a dozen calls per cell; an {@link
 * java.io.OutputStreamWriter} then copies the chars again and encodes them through a CharBuffer.
 * Here a call encodes straight into one byte buffer, and text known to be ASCII (the sheet's markup
 * and nearly every cell) is copied in whole by {@link #writeAscii}. Encodes as OutputStreamWriter
 * does, byte for byte: a surrogate pair split across two calls stays whole, and an unpaired
 * surrogate becomes '?'.
 */
final class UnsynchronizedWriter extends Writer {
  /** Room for the longest encoding of one char, a pending surrogate's '?' included. */
  private static final int MAX_BYTES_PER_CHAR = 5;

  private final OutputStream out;
  private final byte[] buffer = new byte[64 * 1024];
  private int size;

  /** A high surrogate whose low half has not been written yet, or 0. */
  private char pendingHigh;

  UnsynchronizedWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes {@code text}, every char of which the caller knows to be below 0x80: as {@code
   * write(text)}, with one copy. Callers pass markup, digits, and text they have just scanned; a
   * char above would lose its high bits (asserted in tests, where assertions are on).
   */
  @SuppressWarnings("deprecation") // the getBytes that copies a Latin-1 string's bytes as they are
  void writeAscii(String text) throws IOException {
    int length = text.length();
    if (pendingHigh != 0 || length > buffer.length) {
      write(text, 0, length);
      return;
    }
    if (length > buffer.length - size) {
      flushBuffer();
    }
    assert text.chars().allMatch(c -> c < 0x80) : text;
    text.getBytes(0, length, buffer, size);
    size += length;
  }

  /**
   * Writes {@code bytes}, UTF-8 this writer made earlier (a whole cell's tail), as writing their
   * chars again would: after the '?' of a high surrogate still waiting for its low half.
   */
  void writeBytes(byte[] bytes) throws IOException {
    if (pendingHigh != 0) {
      pendingHigh = 0;
      encode('?');
    }
    if (bytes.length > buffer.length - size) {
      flushBuffer();
      if (bytes.length > buffer.length) {
        out.write(bytes);
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  @Override
  public void write(int c) throws IOException {
    encode((char) c);
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    for (int i = offset, end = offset + length; i < end; i++) {
      encode(chars[i]);
    }
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    for (int i = offset, end = offset + length; i < end; i++) {
      encode(text.charAt(i));
    }
  }

  private void encode(char c) throws IOException {
    if (size > buffer.length - MAX_BYTES_PER_CHAR) {
      flushBuffer();
    }
    if (c < 0x80 && pendingHigh == 0) {
      buffer[size++] = (byte) c;
      return;
    }
    if (pendingHigh != 0) {
      char high = pendingHigh;
      pendingHigh = 0;
      if (Character.isLowSurrogate(c)) {
        int cp = Character.toCodePoint(high, c);
        buffer[size++] = (byte) (0xf0 | (cp >> 18));
        buffer[size++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        buffer[size++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        buffer[size++] = (byte) (0x80 | (cp & 0x3f));
        return;
      }
      buffer[size++] = '?';
    }
    if (c < 0x80) {
      buffer[size++] = (byte) c;
    } else if (c < 0x800) {
      buffer[size++] = (byte) (0xc0 | (c >> 6));
      buffer[size++] = (byte) (0x80 | (c & 0x3f));
    } else if (Character.isHighSurrogate(c)) {
      pendingHigh = c;
    } else if (Character.isLowSurrogate(c)) {
      buffer[size++] = '?';
    } else {
      buffer[size++] = (byte) (0xe0 | (c >> 12));
      buffer[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
      buffer[size++] = (byte) (0x80 | (c & 0x3f));
    }
  }

  private void flushBuffer() throws IOException {
    if (size > 0) {
      out.write(buffer, 0, size);
      size = 0;
    }
  }

  /** Writes what is buffered; a high surrogate still waiting for its low half stays waiting. */
  @Override
  public void flush() throws IOException {
    flushBuffer();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      if (pendingHigh != 0) {
        pendingHigh = 0;
        encode('?');
      }
      flushBuffer();
    } finally {
      out.close();
    }
  }
}
