package dev.reconciler.core.settle;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Futures;
import dev.reconciler.core.domain.TwoThreads;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ProcessorTable;
import dev.reconciler.core.load.Cleaner;
import dev.reconciler.core.store.PgSettlementReader;
import dev.reconciler.core.store.SettlementReader;
import dev.reconciler.core.store.SettlementSource;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the four settlement rules (refunds, chargebacks, fees, payouts) over an imported processor
 * table for one business day. A table without row_type holds payments only: nothing to find, and
 * one schema query is all it costs. The fee pass, one scan of the day's payments that also adds
 * them up per payout ({@link PayoutTotals}), and the scan of the sales table for the refunded sales
 * run on {@link TwoThreads}' other threads while this one reads the day's other rows and the rows
 * linked to them, each on its own connection.
 */
public final class SettlementRules {
  private final Settings settings;

  public SettlementRules(Settings settings) {
    this.settings = settings;
  }

  /** What the rules find in the database for the day. */
  public Settlement check(Path db, LocalDate businessDate) {
    try (SettlementSource reader = reader(db)) {
      if (!imported(reader, settings.database().shown(db))) {
        return Settlement.none();
      }
    }
    DayWindow day = new DayWindow(businessDate, settings.reconciliation().timezone());
    PayoutTotals payouts = new PayoutTotals();
    CompletableFuture<List<FeeFinding>> fees =
        TwoThreads.onAnother(
            () -> {
              try (SettlementSource reader = reader(db)) {
                return new FeeRule(settings.fees()).check(reader, day, payouts);
              }
            });
    // The sales of the refunded transactions (one scan of the sales table) are read on another
    // connection while this one reads the linked rows: those of the ids the refund rows carry at
    // once, those of the rows whose id only their payment gives afterwards (usually none).
    CompletableFuture<Map<String, SettlementReader.Sale>> salesRead =
        CompletableFuture.completedFuture(Map.of());
    try (SettlementSource reader = reader(db)) {
      List<SettlementReader.Stored> dayRows = new ArrayList<>();
      reader.nonPayments(day.sql(), dayRows::add);
      Set<String> carried = LinkedRows.idsOnRefundRows(dayRows, day);
      if (!carried.isEmpty()) {
        salesRead = TwoThreads.onAnother(() -> sales(db, carried));
      }
      LinkedRows rows = LinkedRows.read(reader, day, dayRows);
      Set<String> resolved = rows.refundIds();
      resolved.removeAll(carried);
      Map<String, SettlementReader.Sale> sales = new HashMap<>(Futures.join(salesRead));
      if (!resolved.isEmpty()) {
        sales.putAll(reader.sales(resolved));
      }
      List<RefundFinding> refunds =
          new RefundRule(new Cleaner(settings.reconciliation())).check(rows, sales);
      List<ChargebackFinding> chargebacks = new ChargebackRule().check(rows);
      List<FeeFinding> feeFindings = Futures.join(fees);
      // The fee pass has added the day's payments; the day's other rows and the payouts' rows of
      // other days complete each payout. A table holding only rows of the day's window (these
      // reads saw as many rows as it has) has no other rows to scan for.
      dayRows.forEach(payouts::add);
      if (payouts.rows() != reader.rowCount()) {
        reader.payoutRowsElsewhere(day.sql(), payouts.payoutIds(), payouts::add);
      }
      List<PayoutFinding> payoutFindings = new PayoutRule().check(payouts.payouts(), day);
      return new Settlement(refunds, chargebacks, feeFindings, payoutFindings);
    } catch (RuntimeException e) {
      // The other passes must not outlive the run that asked for them: wait, whatever they did.
      Futures.await(fees);
      Futures.await(salesRead);
      throw e;
    }
  }

  /**
   * True when the processor table has row types; such a table must also have the other columns an
   * import adds, else the rules could not read it: a {@link UserError} names the first missing.
   */
  private static boolean imported(SettlementSource reader, String where) {
    Set<String> columns = reader.columns();
    if (!columns.contains("row_type")) {
      return false;
    }
    for (String column : ProcessorTable.ADDED_COLUMNS) {
      if (!columns.contains(column)) {
        throw new UserError(
            "table '"
                + reader.table()
                + "' in "
                + where
                + " has row_type but no column '"
                + column
                + "': a table of row types needs every column an import adds ("
                + String.join(", ", ProcessorTable.ADDED_COLUMNS)
                + ")");
      }
    }
    return true;
  }

  private Map<String, SettlementReader.Sale> sales(Path db, Set<String> ids) {
    try (SettlementSource reader = reader(db)) {
      return reader.sales(ids);
    }
  }

  /** A reader of [database] url's tables: PostgreSQL's, or those of the SQLite file db. */
  private SettlementSource reader(Path db) {
    String matchKey = settings.reconciliation().matchKey();
    return settings.database().postgres()
        ? new PgSettlementReader(settings.database(), matchKey)
        : new SettlementReader(db, settings.database(), matchKey);
  }
}
