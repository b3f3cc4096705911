package dev.reconciler.core.report;

import java.io.IOException;
import java.io.Writer;

/**
 * A buffered writer for one thread. {@link java.io.BufferedWriter} takes a lock on every call, and
 * POI's sheet writer makes about a dozen calls per cell; here a call only copies into the buffer,
 * and the underlying writer (which encodes, and keeps a surrogate pair split across two of our
 * buffers whole) sees a few large writes.
 */
final class UnsynchronizedWriter extends Writer {
  private final Writer out;
  private final char[] buffer = new char[16 * 1024];
  private int size;

  UnsynchronizedWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void write(int c) throws IOException {
    if (size == buffer.length) {
      flushBuffer();
    }
    buffer[size++] = (char) c;
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    if (length > buffer.length - size) {
      flushBuffer();
      if (length > buffer.length) {
        out.write(chars, offset, length);
        return;
      }
    }
    System.arraycopy(chars, offset, buffer, size, length);
    size += length;
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    if (length > buffer.length - size) {
      flushBuffer();
      if (length > buffer.length) {
        out.write(text, offset, length);
        return;
      }
    }
    text.getChars(offset, offset + length, buffer, size);
    size += length;
  }

  private void flushBuffer() throws IOException {
    if (size > 0) {
      out.write(buffer, 0, size);
      size = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    flushBuffer();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      flushBuffer();
    } finally {
      out.close();
    }
  }
}
