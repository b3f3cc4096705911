package dev.reconciler.core.store;

import static dev.reconciler.core.store.InputField.AMOUNT;
import static dev.reconciler.core.store.InputField.CURRENCY;
import static dev.reconciler.core.store.InputField.CUSTOMER;
import static dev.reconciler.core.store.InputField.FEE;
import static dev.reconciler.core.store.InputField.ID;
import static dev.reconciler.core.store.InputField.REFERENCE;
import static dev.reconciler.core.store.InputField.STATUS;
import static dev.reconciler.core.store.InputField.TIMESTAMP;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The input contract: each side's table, and which of its columns holds each {@link InputField}.
 */
public record InputSchema(String salesTable, String processorTable, String matchKey) {
  /** Sales rows have no fee. */
  private static final Map<InputField, String> SALES =
      Map.of(
          AMOUNT, "amount",
          CURRENCY, "currency",
          STATUS, "status",
          TIMESTAMP, "created_at",
          REFERENCE, "order_id",
          CUSTOMER, "customer_id");

  /** Processor rows have no customer. */
  private static final Map<InputField, String> PROCESSOR =
      Map.of(
          AMOUNT, "amount",
          CURRENCY, "currency",
          STATUS, "status",
          TIMESTAMP, "processed_at",
          REFERENCE, "processor_ref",
          FEE, "fee");

  /** The column holding a side's timestamp, which is the same in every schema. */
  static String timestampColumn(Source source) {
    return (source == Source.SALES ? SALES : PROCESSOR).get(TIMESTAMP);
  }

  /** Table holding one side. */
  public String table(Source source) {
    return source == Source.SALES ? salesTable : processorTable;
  }

  /** The column holding {@code field} on a side, or null when the side has no such field. */
  public String column(Source source, InputField field) {
    if (field == ID) {
      return matchKey;
    }
    return (source == Source.SALES ? SALES : PROCESSOR).get(field);
  }

  /** The side's columns by field, in field order; the fields the side lacks are not keys. */
  public Map<InputField, String> columns(Source source) {
    Map<InputField, String> columns = new EnumMap<>(InputField.class);
    for (InputField field : InputField.values()) {
      String column = column(source, field);
      if (column != null) {
        columns.put(field, column);
      }
    }
    return columns;
  }

  /** The error for a side's table missing from {@code where} (a file, a database URL). */
  UserError noTable(String table, Object where) {
    return new UserError(
        "table '"
            + table
            + "' not found in "
            + where
            + " (the input contract needs tables "
            + salesTable
            + " and "
            + processorTable
            + ")");
  }

  /** The error for a table in {@code where} lacking a column; {@code why} is "" or more. */
  static UserError noColumn(String table, Object where, String column, String why) {
    return new UserError(
        "table '" + table + "' in " + where + " has no column '" + column + "'" + why);
  }

  /** The columns a side's table must have, in field order. */
  public List<String> requiredColumns(Source source) {
    return new ArrayList<>(columns(source).values());
  }
}
