package dev.reconciler.core.report;

import dev.reconciler.core.match.DiscrepancyKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The sheet ids {@code [report] sheets} may name: one list, read by the settings and the writer.
 */
public final class SheetIds {
  public static final String IN_TRANSIT = "in_transit";
  public static final String OPEN_ITEMS = "open_items";
  public static final String CLEARED = "cleared";
  public static final String RESOLVED = "resolved";
  public static final String REJECTED = "rejected";

  /** The open-items ledger's sheets, in their default order. */
  public static final List<String> LEDGER = List.of(IN_TRANSIT, OPEN_ITEMS, CLEARED, RESOLVED);

  /**
   * Every id, in the default order: the payment kinds, the ledger's sheets (about the same payments
   * across days), the settlement kinds, the rejected rows.
   */
  public static final List<String> ALL = all();

  private SheetIds() {}

  private static List<String> all() {
    List<String> ids = new ArrayList<>();
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      if (!kind.fromSettlement()) {
        ids.add(kind.id());
      }
    }
    ids.addAll(LEDGER);
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      if (kind.fromSettlement()) {
        ids.add(kind.id());
      }
    }
    ids.add(REJECTED);
    return List.copyOf(ids);
  }

  /** True for an id of {@link #ALL}. */
  public static boolean known(String id) {
    return ALL.contains(id);
  }
}
