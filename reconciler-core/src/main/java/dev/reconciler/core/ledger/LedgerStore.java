package dev.reconciler.core.ledger;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the open-items ledger lives between runs. Every change a run makes is kept with the run's
 * business date, so a rerun of an earlier date can put the ledger back as it stood before that date
 * and the later dates can be run again in order.
 */
public interface LedgerStore extends AutoCloseable {

  /**
   * The items open after the run of {@code date - 1} and the resolutions {@code date} shows. An
   * item's row holds what the rules need (id, amount, currency); {@link #complete} reads the rest.
   */
  LedgerState before(LocalDate date);

  /** The same items with their rows in full, as they were recorded, in the same order. */
  List<OpenItem> complete(List<OpenItem> items);

  /**
   * The unpaid sales kept by runs before {@code date} ({@link LedgerOutcome#unpaid}) with one of
   * {@code ids}, that no processor row had paired by then, in full: none when {@code date - 1} was
   * never run, and none from before the series of runs that ends there (as {@link #before}).
   */
  List<OpenItem> unpaidSales(LocalDate date, Collection<String> ids);

  /**
   * Replaces whatever an earlier run of {@code outcome.runDate()} and of every later date did with
   * this outcome, in one transaction, and marks every later date that had been run as stale: its
   * report no longer follows from the ledger until it is run again.
   */
  void record(String runId, LedgerOutcome outcome);

  /**
   * Writes what {@link #record} writes, in a transaction left open until {@link Recording#commit}:
   * a run writes its ledger while it writes its report, and keeps it only if it is not stopped
   * meanwhile. Closing a recording not committed undoes it.
   */
  Recording prepare(String runId, LedgerOutcome outcome);

  /** A ledger record written but not yet committed; it holds the ledger's write lock. */
  interface Recording extends AutoCloseable {
    /** Makes the record durable. */
    void commit();

    /** Undoes the record unless it was committed, and lets the lock go. */
    @Override
    void close();
  }

  /** Dates run before and made stale by a rerun of an earlier date, in date order. */
  List<LocalDate> staleDates();

  /** The latest date with a recorded run, if any. */
  Optional<LocalDate> lastRunDate();

  /**
   * When the run of {@code date} that the ledger holds was recorded, if it holds one that no rerun
   * of an earlier date made stale since.
   */
  Optional<Instant> recordedAt(LocalDate date);

  /** The items open now: after the latest run, without those resolved since. */
  List<OpenItem> openNow();

  /**
   * Takes an item open now off the ledger: it shows on the Resolved sheet of the next run of a date
   * after {@link #lastRunDate()} and is never open again unless {@link #unresolve}d.
   *
   * @throws dev.reconciler.core.domain.UserError when no such item is open
   */
  Resolution resolve(ResolveRequest request);

  /**
   * Resolves every item of {@code requests} in one transaction, or none: when one is not open, or
   * one item is named twice, nothing is resolved.
   *
   * @throws dev.reconciler.core.domain.UserError naming the first item refused
   */
  List<Resolution> resolveAll(List<ResolveRequest> requests);

  /**
   * As {@link #resolveAll(List)}, running {@code beforeCommit} just before the commit: an
   * operator's command confirms there that it still holds the ledger's lock ({@link
   * LedgerLock#confirmHeld}), and a failure there commits nothing.
   */
  List<Resolution> resolveAll(List<ResolveRequest> requests, Runnable beforeCommit);

  /**
   * Puts a resolved item back on the ledger from the next run on.
   *
   * @throws dev.reconciler.core.domain.UserError when the item has no resolution in force
   */
  Resolution unresolve(Source source, String transactionId);

  /** As {@link #unresolve(Source, String)}, running {@code beforeCommit} just before the commit. */
  Resolution unresolve(Source source, String transactionId, Runnable beforeCommit);

  /** The other inputs this ledger holds runs of, each with the date of its latest run, by name. */
  Map<String, LocalDate> otherInputs();

  /**
   * Takes over the ledger of the input named {@code from} (this input before its database was moved
   * or renamed): its runs, items and resolutions become this input's, in one transaction. With
   * {@code replace}, this input's own runs (made since, from an empty ledger) and all they wrote
   * are dropped first.
   *
   * @throws dev.reconciler.core.domain.UserError when the ledger holds no run of {@code from}, or
   *     runs of this input and not {@code replace}
   */
  Takeover takeOver(String from, boolean replace);

  /** What {@link #takeOver} moved, and the dates of this input's own runs it dropped. */
  record Takeover(int runs, int items, int resolutions, List<LocalDate> dropped) {}

  /**
   * Deletes the history no run of a date from {@code before} on reads, in one transaction: items
   * cleared before it, unpaid sales paired before it, and unpaid sales kept before it that no
   * processor row has paired (from then on a processor row with such a sale's id opens an item
   * instead). Open items, resolutions and the runs' dates are kept. A run of a date before {@code
   * before} is refused from then on; the date only moves forward. The caller holds the ledger's
   * lock.
   *
   * @throws dev.reconciler.core.domain.UserError when the ledger holds no run of this input, its
   *     latest run is before {@code before}, or a stale run before it waits to run again
   */
  Pruned prune(LocalDate before);

  /** What {@link #prune} deleted, and the date before which the history is now pruned. */
  record Pruned(LocalDate before, int items, int unpaidSales) {}

  /** The date before which this input's history was pruned, if it was. */
  Optional<LocalDate> prunedBefore();

  /**
   * Refuses a run of {@code date} when the history it would read was pruned: the items it would
   * find open, or the unpaid sales it would pair, may be gone, so its report would be wrong.
   *
   * @throws UserError saying from which date on runs can be made
   */
  default void refusePruned(LocalDate date) {
    refusePruned(prunedBefore(), date);
  }

  /**
   * Refuses a run of {@code date} when the history before {@code horizon}, if any, was pruned: the
   * one check, however the horizon was read.
   */
  static void refusePruned(Optional<LocalDate> horizon, LocalDate date) {
    if (horizon.isPresent() && date.isBefore(horizon.get())) {
      throw new UserError(
          "the ledger's history before "
              + horizon.get()
              + " was pruned ('reconciler ledger --prune-before'), so a run of "
              + date
              + " cannot be made: it would read what was deleted. Dates from "
              + horizon.get()
              + " on can be run");
    }
  }

  @Override
  void close();
}
