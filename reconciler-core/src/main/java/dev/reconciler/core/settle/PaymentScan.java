package dev.reconciler.core.settle;

import static dev.reconciler.core.store.SettlementReader.FIELD_SEPARATOR;
import static dev.reconciler.core.store.SettlementReader.ROW_SEPARATOR;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Money;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The Fees rule's fast pass over packed payment rows: plain decimals read as scaled longs ({@link
 * Money}) and checked with long arithmetic, no object per row. It only sorts out the rows that are
 * certainly fine; every other row (a difference, text that is no plain decimal of at most 4 places,
 * an amount too large for the long arithmetic) is handed on by rowid for the exact check. Every row
 * is also added to the day's {@link PayoutTotals} while its values are at hand.
 */
final class PaymentScan {
  /** What {@link #plain} returns for text that is no plain decimal of the scale. */
  static final long INVALID = Long.MIN_VALUE;

  private static final int FIELDS = 8;
  private static final int MAX_INTEGER_DIGITS = 14;

  /** Largest gross or fixed fee (scaled) whose price fits a long: 4e12 * 1e6 twice is 8e18. */
  private static final long LARGEST_PRICED = 4_000_000_000_000L;

  private static final long[] POWERS = {1L, 10L, 100L, 1_000L, 10_000L};

  /** The rate card as scaled longs, per currency code as UTF-8. */
  private final byte[][] codes;

  private final long[] percents;
  private final long[] fixed;
  private final int[] digits;
  private final long tolerance;

  PaymentScan(Settings.Fees fees) {
    int n = fees.rateCard().size();
    codes = new byte[n][];
    percents = new long[n];
    fixed = new long[n];
    digits = new int[n];
    int i = 0;
    for (Map.Entry<String, Settings.Rate> e : fees.rateCard().entrySet()) {
      codes[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
      percents[i] = Money.fromDecimal(e.getValue().percent());
      fixed[i] = Money.fromDecimal(e.getValue().fixed());
      digits[i] = Math.min(Money.fractionDigits(e.getKey()), Money.SCALE);
      i++;
    }
    tolerance = Money.fromDecimal(fees.tolerance());
  }

  /** Per row of the last chunk split: where each field starts, and one past the row's end. */
  private int[] bounds = new int[0];

  private long[] rowids = new long[0];

  /**
   * Hands the rowid of every row of the chunk that is not certainly fine to {@code suspect}, and
   * adds every row to {@code payouts}; returns false, having done neither, when the chunk does not
   * split into {@code rows} rows of 8 values (a value holding a separator), and then the caller
   * reads all its rows as stored.
   */
  boolean scan(byte[] packed, int rows, LongConsumer suspect, PayoutTotals payouts) {
    if (!split(packed, rows)) {
      return false;
    }
    for (int row = 0; row < rows; row++) {
      int at = row * (FIELDS + 1);
      if (!fine(packed, at)) {
        suspect.accept(rowids[row]);
      }
      payouts.addPayment(
          packed,
          bounds[at + 6],
          bounds[at + 7] - 1,
          bounds[at + 7],
          bounds[at + 8] - 1,
          bounds[at + 3],
          bounds[at + 4] - 1,
          bounds[at + 2],
          bounds[at + 3] - 1,
          bounds[at + 5],
          bounds[at + 6] - 1);
    }
    return true;
  }

  /** Finds every row's fields and rowid; false when the chunk is not {@code rows} such rows. */
  private boolean split(byte[] packed, int rows) {
    if (rowids.length < rows) {
      rowids = new long[rows];
      bounds = new int[rows * (FIELDS + 1)];
    }
    int seen = 0;
    int from = 0;
    while (from <= packed.length && seen < rows) {
      int base = seen * (FIELDS + 1);
      int to = from;
      int fields = 0;
      bounds[base] = from;
      while (to < packed.length && packed[to] != ROW_SEPARATOR) {
        if (packed[to] == FIELD_SEPARATOR) {
          if (++fields >= FIELDS) {
            return false;
          }
          bounds[base + fields] = to + 1;
        }
        to++;
      }
      if (fields != FIELDS - 1) {
        return false;
      }
      bounds[base + FIELDS] = to + 1;
      long rowid = plain(packed, bounds[base + 4], bounds[base + 5] - 1, 0);
      if (rowid == INVALID) {
        return false;
      }
      rowids[seen++] = rowid;
      from = to + 1;
    }
    return seen == rows && from >= packed.length;
  }

  /**
   * True when gross - fee = net and the fee is within tolerance of its rate-card price. An empty
   * value (NULL or '', which the packing does not tell apart) is left to the exact check.
   */
  private boolean fine(byte[] b, int at) {
    long gross = plain(b, bounds[at], bounds[at + 1] - 1, Money.SCALE);
    long fee = plain(b, bounds[at + 1], bounds[at + 2] - 1, Money.SCALE);
    long net = plain(b, bounds[at + 2], bounds[at + 3] - 1, Money.SCALE);
    if (gross == INVALID || fee == INVALID || net == INVALID || gross - fee != net) {
      return false;
    }
    int rate = rate(b, bounds[at + 3], bounds[at + 4] - 1);
    if (rate < 0) {
      return true;
    }
    if (Math.abs(gross) > LARGEST_PRICED || fixed[rate] > LARGEST_PRICED) {
      return false;
    }
    return Math.abs(fee - price(gross, rate)) <= tolerance;
  }

  /** The rate-card fee of a gross, scaled: percent of it plus fixed, half-up to minor units. */
  long price(long gross, int rate) {
    // In units of 10^-10: gross (10^-4) times percent (10^-4, of 100) plus fixed (10^-4).
    long exact = gross * percents[rate] + fixed[rate] * 1_000_000L;
    long unit = 1_000_000L * POWERS[Money.SCALE - digits[rate]];
    long rounded = (Math.abs(exact) + unit / 2) / unit;
    return (exact < 0 ? -rounded : rounded) * POWERS[Money.SCALE - digits[rate]];
  }

  /** Index of the rate for the currency packed in {@code b[from, to)} ("v" and the code), or -1. */
  private int rate(byte[] b, int from, int to) {
    if (from == to) {
      return -1;
    }
    for (int i = 0; i < codes.length; i++) {
      if (java.util.Arrays.equals(codes[i], 0, codes[i].length, b, from + 1, to)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A plain decimal ([-]digits[.digits]) in {@code b[from, to)} as a long with {@code scale}
   * decimals, or {@link #INVALID}: anything else, more decimals than {@code scale}, more than 14
   * integer digits.
   */
  static long plain(byte[] b, int from, int to, int scale) {
    int i = from;
    boolean negative = i < to && b[i] == '-';
    if (negative) {
      i++;
    }
    long value = 0;
    int integerDigits = 0;
    int decimals = -1;
    int digitCount = 0;
    for (; i < to; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        if (decimals >= 0) {
          if (++decimals > scale) {
            return INVALID;
          }
        } else if (++integerDigits > MAX_INTEGER_DIGITS) {
          return INVALID;
        }
        value = value * 10 + (c - '0');
        digitCount++;
      } else if (c == '.' && decimals < 0) {
        decimals = 0;
      } else {
        return INVALID;
      }
    }
    if (digitCount == 0) {
      return INVALID;
    }
    value *= POWERS[scale - Math.max(decimals, 0)];
    return negative ? -value : value;
  }
}
