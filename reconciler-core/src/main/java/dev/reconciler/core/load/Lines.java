package dev.reconciler.core.load;

import java.util.Arrays;

/**
 * The lines of a side's rows by position: 4 bytes each while every line lies within an int of the
 * first one (a day's rowids or row numbers do), 8 from the first that does not. Lines are a fifth
 * of what a loaded row holds, so the narrow form is what lets a 10 M-row day fit.
 */
final class Lines {
  private long base;
  private int[] narrow;
  private long[] wide;

  Lines(int capacity) {
    narrow = new int[capacity];
  }

  /** Sets the line at {@code position}, which is below the capacity given last. */
  void set(int position, long line) {
    if (wide != null) {
      wide[position] = line;
      return;
    }
    if (position == 0) {
      base = line;
    }
    long offset = line - base;
    if ((int) offset == offset) {
      narrow[position] = (int) offset;
      return;
    }
    widen(position);
    wide[position] = line;
  }

  long get(int position) {
    return wide != null ? wide[position] : base + narrow[position];
  }

  void grow(int capacity) {
    if (wide != null) {
      wide = Arrays.copyOf(wide, capacity);
    } else {
      narrow = Arrays.copyOf(narrow, capacity);
    }
  }

  /** Whether every line so far takes 4 bytes. */
  boolean narrow() {
    return wide == null;
  }

  /** Moves the {@code count} lines held so far to 8 bytes each. */
  private void widen(int count) {
    wide = new long[narrow.length];
    for (int i = 0; i < count; i++) {
      wide[i] = base + narrow[i];
    }
    narrow = null;
  }
}
