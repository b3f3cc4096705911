package dev.reconciler.core.imports;

import java.util.List;

/**
 * The column layouts the processors document (see PROCESSOR-FORMATS.md), in their order: what the
 * generator writes and what tests build files from. The parsers map columns by name and need only
 * some of them, in any order.
 */
public final class DocumentedColumns {
  private DocumentedColumns() {}

  /** Adyen's Settlement details report: the 30 documented columns. */
  public static final List<String> ADYEN =
      List.of(
          "Company Account",
          "Merchant Account",
          "Psp Reference",
          "Merchant Reference",
          "Payment Method",
          "Creation Date",
          "TimeZone",
          "Type",
          "Modification Reference",
          "Gross Currency",
          "Gross Debit (GC)",
          "Gross Credit (GC)",
          "Exchange Rate",
          "Net Currency",
          "Net Debit (NC)",
          "Net Credit (NC)",
          "Commission (NC)",
          "Markup (NC)",
          "Scheme Fees (NC)",
          "Interchange (NC)",
          "Payment Method Variant",
          "Modification Merchant Reference",
          "Batch Number",
          "Reserved4",
          "Reserved5",
          "Reserved6",
          "Reserved7",
          "Reserved8",
          "Reserved9",
          "Reserved10");

  /**
   * PayPal's STL v9 CH record: the 21 column names after the record type, with the gross direction
   * spelled with one space (older files have two).
   */
  public static final List<String> PAYPAL =
      List.of(
          "Transaction ID",
          "Invoice ID",
          "PayPal Reference ID",
          "PayPal Reference ID Type",
          "Transaction Event Code",
          "Transaction Initiation Date",
          "Transaction Completion Date",
          "Transaction Debit or Credit",
          "Gross Transaction Amount",
          "Gross Transaction Currency",
          "Fee Debit or Credit",
          "Fee Amount",
          "Fee Currency",
          "Custom Field",
          "Consumer ID",
          "Payment Tracking ID",
          "Store ID",
          "Bank Reference ID",
          "Credit Transactional Fee",
          "Credit Promotional Fee",
          "Credit Term");
}
