package dev.reconciler.core.domain;

/** Which upstream side of the reconciliation a row came from. */
public enum Source {
  SALES("Sales"),
  PROCESSOR("Processor");

  private final String label;

  Source(String label) {
    this.label = label;
  }

  /** Human label used in reports and messages. */
  public String label() {
    return label;
  }
}
