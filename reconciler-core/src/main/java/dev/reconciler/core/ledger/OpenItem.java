package dev.reconciler.core.ledger;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One unmatched row the ledger keeps open across runs until its other half arrives or finance
 * resolves it.
 *
 * @param row the row as its run showed it; {@code transactionId} is the normalised id it matches by
 * @param status the row's normalised status, which a late pair is classified by
 * @param openedOn the business date of the row that opened the item
 * @param missingSince the run date on which the item's age reached the window and it was reported
 *     missing, or null while it is in transit
 */
public record OpenItem(Txn row, Status status, LocalDate openedOn, LocalDate missingSince) {

  public Source source() {
    return row.source();
  }

  public String transactionId() {
    return row.transactionId();
  }

  /** Whole days from the opening business date to the run date. */
  public long age(LocalDate runDate) {
    return age(openedOn, runDate);
  }

  /** The age on {@code runDate} of an item opened on {@code openedOn}. */
  public static long age(LocalDate openedOn, LocalDate runDate) {
    return ChronoUnit.DAYS.between(openedOn, runDate);
  }

  public AgeBucket bucket(LocalDate runDate) {
    return AgeBucket.of(age(runDate));
  }

  /** True once the item has been reported missing: its age reached the window. */
  public boolean missing() {
    return missingSince != null;
  }

  /**
   * "in transit", or "missing since" the run date that reported it missing: the item's status as
   * the Open Items sheet and the console's Ledger page show it.
   */
  public String state() {
    return state(missingSince);
  }

  /**
   * {@link #state()} of an item reported missing on {@code missingSince}, null while in transit.
   */
  public static String state(LocalDate missingSince) {
    return missingSince == null ? "in transit" : "missing since " + missingSince;
  }

  /** The same item, reported missing on {@code runDate}. */
  OpenItem missingFrom(LocalDate runDate) {
    return new OpenItem(row, status, openedOn, runDate);
  }
}
