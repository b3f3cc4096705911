package dev.reconciler.core.match;

import static dev.reconciler.core.match.DiscrepancyKind.AMOUNT_MISMATCH;
import static dev.reconciler.core.match.DiscrepancyKind.CURRENCY_MISMATCH;
import static dev.reconciler.core.match.DiscrepancyKind.FAILED_PAYMENT;
import static dev.reconciler.core.match.DiscrepancyKind.MISSING_IN_PROCESSOR;
import static dev.reconciler.core.match.DiscrepancyKind.MISSING_IN_SALES;

import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.load.LoadedSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Joins the canonical rows of both sides on the normalised id and classifies every pair. A pair
 * gets exactly one classification, checked in order: currency mismatch, failed payment, amount
 * mismatch, else matched.
 */
public final class Matcher {
  private final long tolerance;

  /** Tolerance: the largest absolute difference still counted as a match. */
  public Matcher(BigDecimal tolerance) {
    this.tolerance = Money.fromDecimal(tolerance);
  }

  public MatchOutcome match(LoadedSide sales, LoadedSide processor) {
    List<Finding> findings = new ArrayList<>();
    BitSet paired = new BitSet(processor.size());
    long matched = 0;
    long unsettled = 0;
    for (int s = 0; s < sales.size(); s++) {
      int p = processor.find(sales.id(s));
      if (p < 0) {
        if (isPaid(sales, s)) {
          findings.add(new Finding(MISSING_IN_PROCESSOR, s, -1));
        } else {
          unsettled++;
        }
        continue;
      }
      paired.set(p);
      DiscrepancyKind kind = classify(sales, s, processor, p);
      if (kind == null) {
        matched++;
      } else {
        findings.add(new Finding(kind, s, p));
      }
    }
    for (int p = paired.nextClearBit(0); p < processor.size(); p = paired.nextClearBit(p + 1)) {
      findings.add(new Finding(MISSING_IN_SALES, -1, p));
    }
    return new MatchOutcome(matched, unsettled, findings);
  }

  /** The finding for a pair, or null when it matches. */
  DiscrepancyKind classify(LoadedSide sales, int s, LoadedSide processor, int p) {
    if (!sales.currency(s).equals(processor.currency(p))) {
      return CURRENCY_MISMATCH;
    }
    if (isPaid(sales, s) && processor.status(p) == Status.FAILED) {
      return FAILED_PAYMENT;
    }
    if (Math.abs(processor.amount(p) - sales.amount(s)) > tolerance) {
      return AMOUNT_MISMATCH;
    }
    return null;
  }

  private static boolean isPaid(LoadedSide sales, int s) {
    return sales.status(s) == Status.PAID;
  }
}
