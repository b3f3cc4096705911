package dev.reconciler.core.imports;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;

/**
 * [import.csv]: the generic format's header names (an optional column's name empty when unused) and
 * which type-column values mean which row type. Lives here, not in config, so that the parser needs
 * nothing of config.
 *
 * @param typeValues type-column value, lower-cased with Locale.ROOT, to its row type
 * @param amounts how the file signs gross and net
 * @param decimals the decimal separator of its amounts
 * @param delimiter the character between its cells, and its key
 * @param timestampFormat a java.time pattern its times are written in; empty: ISO-8601
 * @param timestampLocale the language of the month and day names in that pattern (ROOT: English)
 * @param encoding the character set its bytes are in (UTF-8 unless set)
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
    Map<String, RowType> typeValues,
    Amounts amounts,
    DecimalMark decimals,
    ExportCsv.Separator delimiter,
    String timestampFormat,
    Locale timestampLocale,
    Charset encoding) {

  public CsvMapping {
    typeValues = Map.copyOf(typeValues);
  }

  /** How a file signs its gross and net amounts ([import.csv] amounts). */
  public enum Amounts {
    /** From the account's side, money in positive: a refund's gross is negative. */
    SIGNED,
    /**
     * Every gross and net written positive, the row type saying which way the money went: payments
     * and chargeback reversals in; refunds, chargebacks, fees and payouts out; "other" as written.
     */
    UNSIGNED
  }
}
