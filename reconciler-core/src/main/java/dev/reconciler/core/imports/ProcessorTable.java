package dev.reconciler.core.imports;

import java.util.List;

/**
 * The processor table's columns once imports have used it. Today's contract (transaction_id,
 * amount, currency, status, processed_at, processor_ref, fee) is kept: amount holds the gross and
 * processed_at the row's instant as ISO-8601 UTC ("2026-11-28T10:15:30Z"), so the payment loader
 * reads imported rows as it reads generated ones. A table without row_type is all payments.
 */
public final class ProcessorTable {
  private ProcessorTable() {}

  /** Columns an import adds to a table in today's contract (ALTER TABLE ADD COLUMN), in order. */
  public static final List<String> ADDED_COLUMNS =
      List.of(
          "row_type", // RowType.id()
          "raw_type",
          "net",
          "payout_id",
          "account",
          "original_ref",
          "source_format", // ImportFormat.id()
          "source_file",
          "source_line",
          "row_key"); // unique together with source_format

  /**
   * Prefix of a payout id a parser cannot know yet (PayPal names the withdrawal after the rows it
   * pays out): "section:ACCOUNT:SECTION-START:CURRENCY". After inserting a file's rows the store
   * replaces it, on every row carrying it, with the processorRef of the row of type payout that
   * carries it; rows whose section has no payout row keep it.
   */
  public static final String PROVISIONAL_PAYOUT_PREFIX = "section:";

  /** Whether {@code payoutId} is provisional (see {@link #PROVISIONAL_PAYOUT_PREFIX}). */
  public static boolean provisional(String payoutId) {
    return payoutId != null && payoutId.startsWith(PROVISIONAL_PAYOUT_PREFIX);
  }

  /** SQL condition selecting the payment rows of a table that has row_type. */
  public static final String PAYMENTS = "(row_type IS NULL OR row_type = 'payment')";
}
