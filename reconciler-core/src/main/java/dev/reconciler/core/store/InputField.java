package dev.reconciler.core.store;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The fields a loader reads from an input row, by name; each side maps them to columns of its own
 * ({@link InputSchema}), and a side may lack one (sales rows carry no fee, processor rows no
 * customer).
 */
public enum InputField {
  /** The transaction id matched on ({@code [reconciliation] match_key}). */
  ID,
  AMOUNT,
  CURRENCY,
  STATUS,
  /** What places a row on its business day. */
  TIMESTAMP,
  /** order_id for a sale, processor_ref for a processor row. */
  REFERENCE,
  CUSTOMER,
  FEE;

  /** Number of fields: {@link RowFields} indexes its arrays by {@link #ordinal()}. */
  public static final int COUNT = values().length;

  /**
   * Whether the field holds money, which a source must hand over exactly or mark as inexact (see
   * {@link RowFields#isInexactReal}).
   */
  public boolean isMoney() {
    return this == AMOUNT || this == FEE;
  }

  /**
   * What a day's bulk read takes: only rows whose id repeats need the rest, fetched again whole.
   */
  public static final Set<InputField> LOAD =
      Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(REFERENCE, CUSTOMER)));

  /** Every field: a row read whole. */
  public static final Set<InputField> WHOLE =
      Collections.unmodifiableSet(EnumSet.allOf(InputField.class));
}
