package dev.reconciler.core.store;

import dev.reconciler.core.domain.Source;
import java.util.ArrayList;
import java.util.List;

/** The input contract: which columns each side's table must have, in the order they are read. */
public record InputSchema(String salesTable, String processorTable, String matchKey) {

  /** Table holding one side. */
  public String table(Source source) {
    return source == Source.SALES ? salesTable : processorTable;
  }

  /**
   * Columns read for a side, in {@link RawRow} order: key, amount, currency, status, timestamp,
   * reference, customer, fee ("NULL" where the side has no such column).
   */
  public List<String> columns(Source source) {
    return source == Source.SALES
        ? List.of(
            matchKey,
            "amount",
            "currency",
            "status",
            "created_at",
            "order_id",
            "customer_id",
            "NULL")
        : List.of(
            matchKey,
            "amount",
            "currency",
            "status",
            "processed_at",
            "processor_ref",
            "NULL",
            "fee");
  }

  /**
   * The columns the bulk load needs, in the same order, with "NULL" for the reference and customer
   * columns: only rows whose id repeats need them, and those are fetched again whole.
   */
  public List<String> loadColumns(Source source) {
    List<String> columns = new ArrayList<>(columns(source));
    columns.set(5, "NULL");
    columns.set(6, "NULL");
    return columns;
  }

  /** Name of the timestamp column that selects the business date. */
  public String timestampColumn(Source source) {
    return columns(source).get(4);
  }
}
