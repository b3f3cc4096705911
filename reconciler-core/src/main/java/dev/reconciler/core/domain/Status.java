package dev.reconciler.core.domain;

/** The small status vocabulary every raw upstream status is normalised to. */
public enum Status {
  /** Sale paid, or processor settled the money. */
  PAID,
  FAILED,
  PENDING,
  CANCELLED,
  REFUNDED
}
