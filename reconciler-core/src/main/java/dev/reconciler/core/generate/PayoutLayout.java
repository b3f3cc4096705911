package dev.reconciler.core.generate;

import dev.reconciler.core.imports.ImportFormat;

/**
 * How a format's rows are grouped into payouts, numbered 0..count-1 account by account: Stripe has
 * one account and two payouts a day per currency; Adyen two merchant accounts and PayPal two
 * account sections, each with one batch or withdrawal per currency.
 */
final class PayoutLayout {
  private static final int CURRENCIES = CurrencyMix.values().length;

  final int accounts;
  private final int batches;

  PayoutLayout(ImportFormat format) {
    this.accounts = format == ImportFormat.STRIPE ? 1 : 2;
    this.batches = format == ImportFormat.STRIPE ? 2 : 1;
  }

  int count() {
    return accounts * CURRENCIES * batches;
  }

  /** The account of a plan that drew {@code drawn} (0 or 1). */
  int account(int drawn) {
    return drawn % accounts;
  }

  int payout(int account, CurrencyMix currency, int drawnBatch) {
    return (account * CURRENCIES + currency.ordinal()) * batches + drawnBatch % batches;
  }

  int accountOf(int payout) {
    return payout / (CURRENCIES * batches);
  }

  CurrencyMix currencyOf(int payout) {
    return CurrencyMix.values()[payout / batches % CURRENCIES];
  }
}
