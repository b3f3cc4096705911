package dev.reconciler.core.reconcile;

import java.util.Set;

/**
 * A digest of the carried processor ids a part of a day picked its unpaid sales with: the merge
 * compares it with the ids the ledger carries once it holds the ledger's lock. A part reads the
 * ledger without the lock (parts run side by side), so an earlier date run or rerun between a part
 * and the merge would otherwise leave an unpaid sale unfetched and its carried item open.
 */
final class CarriedIds {
  private CarriedIds() {}

  /** The same for the same set in any order; a different set differs but by a 2^-64 chance. */
  static long digest(Set<String> ids) {
    long sum = 0;
    for (String id : ids) {
      sum += mix(fnv(id));
    }
    return mix(sum ^ mix(ids.size()));
  }

  private static long fnv(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /** MurmurHash3's 64-bit finaliser: spreads every input bit over the whole result. */
  private static long mix(long k) {
    k = (k ^ (k >>> 33)) * 0xff51afd7ed558ccdL;
    k = (k ^ (k >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return k ^ (k >>> 33);
  }
}
