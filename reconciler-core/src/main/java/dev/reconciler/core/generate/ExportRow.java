package dev.reconciler.core.generate;

import dev.reconciler.core.imports.RowType;

/**
 * One row of an export file before a format spells it, reused from row to row. Amounts are signed
 * minor units from the merchant account's side, as in {@code ProcessorRow}: payment +G / F / G-F,
 * refund -R / 0 / -R, chargeback -A / fee / -A-fee, payout -P / 0 / -P.
 */
final class ExportRow {
  RowType type;

  /** A chargeback that follows its reversal: Adyen's SecondChargeback. */
  boolean second;

  /** Our transaction id, or null (batch fees, payouts). */
  String transactionId;

  /** Seed of the row's own processor ids (balance transaction, refund, PSP reference...). */
  long ref;

  /** Seed of the original payment's ids (charge, PSP reference, PayPal transaction). */
  long paymentRef;

  /** When the original payment happened (Stripe's charge_created). */
  int paymentMs;

  CurrencyMix currency;
  long gross;
  long fee;
  long net;
  int msOfDay;
  int account;

  /** Index of the payout the row is paid out with; see {@link PayoutLayout}. */
  int payout;

  /** Fills the fields every row has; transaction and refs are reset. */
  ExportRow set(RowType t, CurrencyMix c, long grossMinor, long feeMinor, long netMinor, int ms) {
    type = t;
    second = false;
    currency = c;
    gross = grossMinor;
    fee = feeMinor;
    net = netMinor;
    msOfDay = ms;
    transactionId = null;
    ref = 0;
    paymentRef = 0;
    paymentMs = ms;
    return this;
  }
}
