package dev.reconciler.core.settle;

import java.math.BigDecimal;

/** What every settlement finding shows on the Summary: its currency and the amount at stake. */
public interface SettlementFinding {
  /** ISO-4217 code of {@link #atStake()}. */
  String currency();

  /** The money this finding puts in question, never negative. */
  BigDecimal atStake();
}
