package dev.reconciler.core.store;

import dev.reconciler.core.store.SettlementReader.LinkedLine;
import dev.reconciler.core.store.SettlementReader.PaymentChunks;
import dev.reconciler.core.store.SettlementReader.Sale;
import dev.reconciler.core.store.SettlementReader.Stored;
import dev.reconciler.core.store.SettlementReader.Window;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the settlement rules read from an imported processor table and the sales table, on either
 * database: {@link SettlementReader} (SQLite, rows by rowid) and {@link PgSettlementReader}
 * (PostgreSQL, rows by line). A row's line is its rowid or line; the methods are documented on
 * {@link SettlementReader}.
 */
public interface SettlementSource extends AutoCloseable {
  /** The processor table's column names, lower case. */
  Set<String> columns();

  /** The processor table's row count. */
  long rowCount();

  /** The processor table's name. */
  String table();

  /** Rows other than payments that may lie in the day. */
  void nonPayments(Window day, Consumer<Stored> sink);

  /** Rows of the given types, any date, linked to one of {@code ids} or {@code refs}. */
  void linked(
      Collection<String> types,
      Collection<String> ids,
      Collection<String> refs,
      Consumer<Stored> sink);

  /** The rows {@link #linked} finds as their linking columns only, or null: read them whole. */
  List<LinkedLine> linkedLines(
      Collection<String> types, Collection<String> ids, Collection<String> refs);

  /** The lines of the rows of any type linked to {@code ids} or {@code refs}, ascending. */
  long[] linkedRowids(Collection<String> ids, Collection<String> refs);

  /** The rows at the given lines, as stored, in line order. */
  void rowsAt(long[] lines, Consumer<Stored> sink);

  /** The first sale of each id, any date; ids compared trimmed and upper case. */
  Map<String, Sale> sales(Collection<String> ids);

  /** The payment rows that may lie in the day, in packed chunks (see {@link PaymentChunks}). */
  void payments(Window day, PaymentChunks sink);

  /** The payment rows at the given lines that may lie in the day, as stored. */
  void payments(Window day, long[] lines, Consumer<Stored> sink);

  /** The payment rows of line in (after, last] that may lie in the day, as stored. */
  void payments(Window day, long after, long last, Consumer<Stored> sink);

  /** The rows of the given payouts whose processed_at lies outside the day's window. */
  void payoutRowsElsewhere(Window day, Collection<String> payoutIds, Consumer<Stored> sink);

  @Override
  void close();
}
