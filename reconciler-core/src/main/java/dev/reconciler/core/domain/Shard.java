package dev.reconciler.core.domain;

/**
 * One of {@code count} parts of a day's rows, split by the normalised match key, so that a sale and
 * its processor row (and every repeat of an id) always fall in the same part.
 *
 * @param index 0 to count - 1
 */
public record Shard(int index, int count) {
  /** Most parts a day can be split into ([reconciliation] shards). */
  public static final int MAX_COUNT = 256;

  /** The whole day. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + " of " + count);
    }
  }

  /** True for the whole day (one part). */
  public boolean whole() {
    return count == 1;
  }

  @Override
  public String toString() {
    return (index + 1) + " of " + count;
  }
}
