package dev.reconciler.core.ledger;

/** The age ranges the Open Items sheet and the Summary group open items by. */
public enum AgeBucket {
  DAYS_0_1("0–1", 0, 1),
  DAYS_2_7("2–7", 2, 7),
  DAYS_8_30("8–30", 8, 30),
  OVER_30(">30", 31, Long.MAX_VALUE);

  /** values() copies the array at every call; of() runs for every open item of a run. */
  private static final AgeBucket[] ALL = values();

  private final String label;
  private final long from;
  private final long to;

  AgeBucket(String label, long from, long to) {
    this.label = label;
    this.from = from;
    this.to = to;
  }

  /** As shown in the Bucket column and on the Summary. */
  public String label() {
    return label;
  }

  /** The bucket of an age in whole days (0 or more). */
  public static AgeBucket of(long ageDays) {
    if (ageDays < 0) {
      throw new IllegalArgumentException("negative age " + ageDays);
    }
    for (AgeBucket b : ALL) {
      if (ageDays >= b.from && ageDays <= b.to) {
        return b;
      }
    }
    throw new AssertionError(ageDays);
  }
}
