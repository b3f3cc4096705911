package dev.reconciler.core.load;

import dev.reconciler.core.store.RawRow;

/**
 * 64-bit FNV-1a over a row's normalised content, to tell an exact duplicate (dropped) from a
 * conflicting one (reported). Only rows that already share an id are compared, so a false "exact"
 * needs a 64-bit collision between two rows of the same id.
 */
final class ContentHash {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private ContentHash() {}

  static long of(CleanRow row, RawRow raw) {
    long h = OFFSET;
    h = mix(h, row.id());
    h = mix(h, row.amount());
    h = mix(h, row.currency());
    h = mix(h, row.status().ordinal());
    h = mix(h, row.epochMillis());
    h = mix(h, row.fee());
    h = mix(h, raw.reference());
    return mix(h, raw.customerId());
  }

  private static long mix(long h, String s) {
    if (s == null) {
      return mix(h, -1L);
    }
    String t = s.strip();
    for (int i = 0; i < t.length(); i++) {
      h = (h ^ t.charAt(i)) * PRIME;
    }
    return (h ^ 0xff) * PRIME;
  }

  private static long mix(long h, long v) {
    for (int i = 0; i < 8; i++) {
      h = (h ^ ((v >>> (i * 8)) & 0xff)) * PRIME;
    }
    return h;
  }
}
