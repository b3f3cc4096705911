package dev.reconciler.core.ledger;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.match.DiscrepancyKind;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * An open item whose other half arrived on a later run.
 *
 * @param item the item as it was open before this run
 * @param counterpart the row of the other source that cleared it
 * @param clearedOn the run date
 * @param kind what the late pair is besides cleared (amount, currency mismatch or failed payment),
 *     or null when it agrees
 */
public record ClearedItem(
    OpenItem item, Txn counterpart, LocalDate clearedOn, DiscrepancyKind kind) {

  /** Days between the item's opening business date and the day it cleared. */
  public long daysLate() {
    return ChronoUnit.DAYS.between(item.openedOn(), clearedOn);
  }

  public String transactionId() {
    return item.transactionId();
  }

  public Txn sale() {
    return item.source() == Source.SALES ? item.row() : counterpart;
  }

  public Txn processor() {
    return item.source() == Source.PROCESSOR ? item.row() : counterpart;
  }
}
