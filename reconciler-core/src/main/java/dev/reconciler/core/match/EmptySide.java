package dev.reconciler.core.match;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The side of a run that read no rows of its day while the other read some: what a processor file
 * not imported, or a sales table not filled, looks like. Its rows then wait in transit or count as
 * missing on the other side, so the run says so wherever its numbers are read.
 */
public enum EmptySide {
  PROCESSOR("processor", "sales", "was the day's processor file imported?"),
  SALES("sales", "processor", "was the sales table filled for the day?");

  private final String name;
  private final String other;
  private final String question;

  EmptySide(String name, String other, String question) {
    this.name = name;
    this.other = other;
    this.question = question;
  }

  /**
   * The side that read no rows while the other read some, else null (both read rows, or neither
   * did, or a count is unknown: null).
   */
  public static EmptySide of(Long salesRows, Long processorRows) {
    if (salesRows == null || processorRows == null || (salesRows == 0) == (processorRows == 0)) {
      return null;
    }
    return processorRows == 0 ? PROCESSOR : SALES;
  }

  /** "processor" or "sales". */
  public String side() {
    return name;
  }

  /**
   * "No processor rows were read for 2026-11-24 (sales rows: 120): was the day's processor file
   * imported?", given the rows each side read.
   */
  public String question(LocalDate date, long salesRows, long processorRows) {
    return String.format(
        Locale.ROOT,
        "No %s rows were read for %s (%s rows: %,d): %s",
        name,
        date,
        other,
        this == PROCESSOR ? salesRows : processorRows,
        question);
  }
}
