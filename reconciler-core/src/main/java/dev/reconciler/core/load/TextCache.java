package dev.reconciler.core.load;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Remembers what the first few distinct raw texts of a column clean to, keyed by their bytes, so
 * the load decodes none of the million statuses and currencies that repeat a handful of values.
 */
final class TextCache<V> {
  private static final int LIMIT = 64;

  private final Function<String, V> compute;
  private final byte[][] keys = new byte[LIMIT][];
  private final Object[] values = new Object[LIMIT];
  private int size;

  /** {@code compute} gets the decoded text; its answers (null included) are cached. */
  TextCache(Function<String, V> compute) {
    this.compute = compute;
  }

  @SuppressWarnings("unchecked")
  V get(byte[] bytes, int from, int to) {
    int length = to - from;
    for (int i = 0; i < size; i++) {
      byte[] key = keys[i];
      if (key.length == length && Arrays.equals(key, 0, length, bytes, from, to)) {
        return (V) values[i];
      }
    }
    V value = compute.apply(Utf8.decode(bytes, from, to));
    if (size < LIMIT) {
      keys[size] = Arrays.copyOfRange(bytes, from, to);
      values[size++] = value;
    }
    return value;
  }
}
