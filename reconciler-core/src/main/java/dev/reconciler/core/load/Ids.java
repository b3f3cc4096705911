package dev.reconciler.core.load;

import java.util.Arrays;

/**
 * Normalised ids as UTF-8 bytes, end to end in one growing array: a million ids take ~20 MB and no
 * objects, where as strings they took ~64 MB that every young collection copied.
 */
final class Ids {
  /** Bytes reserved per expected id; longer ids make the array grow. */
  private static final int EXPECTED_LENGTH = 24;

  private byte[] bytes;
  private int[] ends;
  private int size;

  Ids(int expected) {
    int capacity = Math.max(1024, expected);
    bytes = new byte[capacity * EXPECTED_LENGTH];
    ends = new int[capacity];
  }

  /** Appends an id; returns its position. */
  int add(byte[] b, int from, int to) {
    int start = size == 0 ? 0 : ends[size - 1];
    int length = to - from;
    if (start + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(start + length, bytes.length * 2));
    }
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, size * 2);
    }
    System.arraycopy(b, from, bytes, start, length);
    ends[size] = start + length;
    return size++;
  }

  int size() {
    return size;
  }

  byte[] bytes() {
    return bytes;
  }

  int start(int position) {
    return position == 0 ? 0 : ends[position - 1];
  }

  int end(int position) {
    return ends[position];
  }

  boolean equals(int position, byte[] b, int from, int to) {
    return Arrays.equals(bytes, start(position), ends[position], b, from, to);
  }

  String text(int position) {
    return Utf8.decode(bytes, start(position), ends[position]);
  }
}
