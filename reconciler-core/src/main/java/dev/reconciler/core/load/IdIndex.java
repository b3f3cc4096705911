package dev.reconciler.core.load;

/**
 * Open-addressing index from transaction id to its position in {@link Ids}. Each slot holds the
 * id's hash beside its position, so a probe touches the id bytes only when the hashes agree: most
 * lookups cost one cache miss. A million ids take 16 MB of slots.
 *
 * <p>Slots fill up to {@link #FULL_EIGHTHS} eighths before the index doubles. At half full, a day
 * that just crossed a power of two had 32 bytes of slots per row, the largest part of a loaded row;
 * a little fuller costs a slot or two more per probe, mostly in the same cache line.
 */
final class IdIndex {
  private static final int FULL_EIGHTHS = 5;

  private long[] slots;
  private int size;

  /** An index that holds {@code expected} ids without growing. */
  IdIndex(int expected) {
    long least = Math.max(1024, (long) Math.max(1, expected) * 8 / FULL_EIGHTHS + 1);
    slots = new long[(int) Math.min(1 << 30, Long.highestOneBit(least - 1) << 1)];
  }

  /** Whether one more id would fill the slots past {@link #FULL_EIGHTHS}. */
  private boolean full() {
    return (size + 1L) * 8 > (long) slots.length * FULL_EIGHTHS;
  }

  /** Position of the id {@code b[from, to)}, or -1. */
  int find(byte[] b, int from, int to, Ids ids) {
    return find(hash(b, from, to), b, from, to, ids);
  }

  /** As {@link #find(byte[], int, int, Ids)}, for an id whose {@link #hash} is known. */
  int find(int hash, byte[] b, int from, int to, Ids ids) {
    int mask = slots.length - 1;
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        return -1;
      }
      if ((int) (slot >>> 32) == hash && ids.equals((int) slot - 1, b, from, to)) {
        return (int) slot - 1;
      }
    }
  }

  /** The first slot a lookup of {@code hash} reads: reading it early brings it into the cache. */
  long firstSlot(int hash) {
    return slots[spread(hash) & (slots.length - 1)];
  }

  /**
   * Position of the id (whose {@link #hash} is {@code hash}) if already present; otherwise records
   * it at {@code candidate} (the position the caller adds it at next) and returns -1. One probe
   * sequence for the load's find-then-add.
   */
  int findOrAdd(int hash, byte[] b, int from, int to, Ids ids, int candidate) {
    if (full()) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        slots[i] = ((long) hash << 32) | (candidate + 1L);
        size++;
        return -1;
      }
      if ((int) (slot >>> 32) == hash && ids.equals((int) slot - 1, b, from, to)) {
        return (int) slot - 1;
      }
    }
  }

  /**
   * The position of the first id whose hash equals {@code hash} on its probe sequence, or -1: the
   * row a lookup will most likely compare, so a batch can read it ahead.
   */
  int candidate(int hash) {
    int mask = slots.length - 1;
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        return -1;
      }
      if ((int) (slot >>> 32) == hash) {
        return (int) slot - 1;
      }
    }
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    int mask = bigger.length - 1;
    for (long slot : slots) {
      if (slot != 0) {
        int i = spread((int) (slot >>> 32)) & mask;
        while (bigger[i] != 0) {
          i = (i + 1) & mask;
        }
        bigger[i] = slot;
      }
    }
    slots = bigger;
  }

  static int hash(byte[] b, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + b[i];
    }
    return h;
  }

  /** Fibonacci hashing: the product's high bits are well mixed, so they pick the slot. */
  private static int spread(int h) {
    return (int) (((h & 0xffffffffL) * 0x9E3779B97F4A7C15L) >>> 32);
  }
}
