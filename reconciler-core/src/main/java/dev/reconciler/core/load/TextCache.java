package dev.reconciler.core.load;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Remembers what the first few distinct raw texts of a column clean to (and the latest one past
 * them), keyed by their bytes, so the load decodes none of the million statuses and currencies that
 * repeat a handful of values (and a run's read of its carried items none of their repeated dates
 * and codes).
 */
public final class TextCache<V> {
  private static final int LIMIT = 64;

  private final Function<String, V> compute;
  private final byte[][] keys = new byte[LIMIT][];
  private final Object[] values = new Object[LIMIT];
  private int size;

  /** The entry the last lookup found: rows often repeat the value of the row before. */
  private int last;

  /** {@code compute} gets the decoded text; its answers (null included) are cached. */
  public TextCache(Function<String, V> compute) {
    this.compute = compute;
  }

  /** What the UTF-8 text {@code bytes[from, to)} computes to. */
  @SuppressWarnings("unchecked")
  public V get(byte[] bytes, int from, int to) {
    if (last < size && matches(keys[last], bytes, from, to)) {
      return (V) values[last];
    }
    for (int i = 0; i < size; i++) {
      if (matches(keys[i], bytes, from, to)) {
        last = i;
        return (V) values[i];
      }
    }
    V value = compute.apply(Utf8.decode(bytes, from, to));
    // Once full, the last entry holds the latest text: a run of rows of a text first met late
    // (the newest of a year of dates) still decodes it once.
    int slot = size < LIMIT ? size++ : LIMIT - 1;
    keys[slot] = Arrays.copyOfRange(bytes, from, to);
    values[slot] = value;
    last = slot;
    return value;
  }

  private static boolean matches(byte[] key, byte[] bytes, int from, int to) {
    return key.length == to - from && Arrays.equals(key, 0, key.length, bytes, from, to);
  }
}
