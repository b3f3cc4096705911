package dev.reconciler.core.generate;

import dev.reconciler.core.imports.ImportFormat;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Spells export rows in one processor's file format. */
interface ExportWriter extends Closeable {

  /** Opens the file (replacing it) and writes what comes before the first row. */
  static ExportWriter open(
      ImportFormat format, Path file, Timestamps clock, PayoutLayout layout, long seed)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Writer out =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    try {
      return switch (format) {
        case STRIPE -> new StripeExport(out, clock, layout, seed);
        case ADYEN -> new AdyenExport(out, clock, layout, seed);
        case PAYPAL -> new PayPalExport(out, clock, layout, seed);
        case CSV -> throw new IllegalArgumentException("csv is not generated");
      };
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Whether an account's rows must stand together in a section of their own (PayPal). */
  default boolean sectioned() {
    return false;
  }

  /** Whether each payout has a fee row of its own (Adyen's batch fee). */
  default boolean batchFees() {
    return false;
  }

  /** Called before the rows of each account when {@link #sectioned}, else once with 0. */
  default void beginSection(int account) throws IOException {}

  void row(ExportRow row) throws IOException;

  /** Called after each {@link #beginSection}'s rows and payouts. */
  default void endSection(int account) throws IOException {}

  /** Writes what follows the last row (footers); the file is complete once closed. */
  default void finish() throws IOException {}

  /** The payout's id as the Payouts sheet shows it when its payout row is in the file. */
  String payoutId(int payout);

  /** The id the import gives a payout whose own row is not in the file. */
  default String absentPayoutId(int payout) {
    return payoutId(payout);
  }

  String accountName(int account);
}
