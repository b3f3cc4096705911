package dev.reconciler.core.generate;

/** The one defect a rejected row carries; {@link #id()} is the ground truth's reason. */
enum Defect {
  MISSING_ID("missing_id"),
  BLANK_AMOUNT("blank_amount"),
  UNPARSEABLE_AMOUNT("unparseable_amount"),
  UNKNOWN_CURRENCY("unknown_currency"),
  UNKNOWN_STATUS("unknown_status");

  private final String id;

  Defect(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }
}
