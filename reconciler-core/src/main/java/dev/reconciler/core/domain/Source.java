package dev.reconciler.core.domain;

import java.util.Locale;

/** Which upstream side of the reconciliation a row came from. */
public enum Source {
  SALES("Sales"),
  PROCESSOR("Processor");

  private final String label;

  Source(String label) {
    this.label = label;
  }

  /**
   * Lower case ("sales", "processor"): as operators type it and ground truth and messages name it.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Human label used in reports and messages. */
  public String label() {
    return label;
  }
}
