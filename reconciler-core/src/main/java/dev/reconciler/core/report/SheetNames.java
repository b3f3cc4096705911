package dev.reconciler.core.report;

import org.apache.poi.ss.util.WorkbookUtil;

/** Valid sheet names: Excel allows 31 characters and forbids {@code / \ ? * [ ] :}. */
final class SheetNames {
  static final int MAX_LENGTH = 31;

  private SheetNames() {}

  /** The name of part n (from 1) of a table: "label", then "label (2)", "label (3)", ... */
  static String part(String label, int part) {
    String suffix = part == 1 ? "" : " (" + part + ")";
    String base = WorkbookUtil.createSafeSheetName(label);
    if (base.length() + suffix.length() > MAX_LENGTH) {
      base = base.substring(0, MAX_LENGTH - suffix.length()).stripTrailing();
    }
    return base + suffix;
  }
}
