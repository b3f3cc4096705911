package dev.reconciler.core.imports;

import java.util.Map;

/**
 * [import.csv]: the generic format's header names (an optional column's name empty when unused) and
 * which type-column values mean which row type. Lives here, not in config, so that the parser needs
 * nothing of config.
 *
 * @param typeValues type-column value, lower-cased with Locale.ROOT, to its row type
 */
public record CsvMapping(
    String rowKeyColumn,
    String transactionIdColumn,
    String typeColumn,
    String grossColumn,
    String feeColumn,
    String netColumn,
    String currencyColumn,
    String timestampColumn,
    String payoutIdColumn,
    String accountColumn,
    String referenceColumn,
    String originalReferenceColumn,
    Map<String, RowType> typeValues) {

  public CsvMapping {
    typeValues = Map.copyOf(typeValues);
  }
}
