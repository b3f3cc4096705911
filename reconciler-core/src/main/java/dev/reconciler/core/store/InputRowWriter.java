package dev.reconciler.core.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the generator appends input rows in the upstream contract's shape ({@code sales} and {@code
 * processor_transactions}): a fresh SQLite file ({@link InputWriter}) or PostgreSQL tables ({@link
 * PgInputWriter}). Each append returns the row's line, counted from 1 per table.
 *
 * <p>Amounts and fees are a {@link Double} (an amount as upstream stores a number), a {@link
 * String} (kept exactly, dirty text included) or null.
 */
public interface InputRowWriter extends AutoCloseable {
  /** The sales columns a row is written to, in {@link #sale}'s order. */
  List<String> SALES_COLUMNS =
      List.of(
          "transaction_id",
          "order_id",
          "customer_id",
          "amount",
          "currency",
          "status",
          "created_at");

  /** The processor columns a row is written to, in {@link #processorTransaction}'s order. */
  List<String> PROCESSOR_COLUMNS =
      List.of(
          "processor_ref", "transaction_id", "amount", "currency", "fee", "status", "processed_at");

  /** Appends a sales row and returns its line. */
  long sale(
      String transactionId,
      String orderId,
      String customerId,
      Object amount,
      String currency,
      String status,
      String createdAt)
      throws IOException;

  /** Appends a processor row and returns its line. */
  long processorTransaction(
      String processorRef,
      String transactionId,
      Object amount,
      String currency,
      Object fee,
      String status,
      String processedAt)
      throws IOException;

  /** Writes what is buffered and commits; without this, {@link #close} discards everything. */
  void commit() throws IOException;

  @Override
  void close() throws IOException;

  /** Opens a writer replacing the input tables; {@code db} is the SQLite file, if one is used. */
  @FunctionalInterface
  interface Opener {
    InputRowWriter open(Path db) throws IOException;
  }
}
