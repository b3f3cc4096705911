package dev.reconciler.core.match;

import static dev.reconciler.core.match.DiscrepancyKind.AMOUNT_MISMATCH;
import static dev.reconciler.core.match.DiscrepancyKind.CURRENCY_MISMATCH;
import static dev.reconciler.core.match.DiscrepancyKind.FAILED_PAYMENT;
import static dev.reconciler.core.match.DiscrepancyKind.MISSING_IN_PROCESSOR;
import static dev.reconciler.core.match.DiscrepancyKind.MISSING_IN_SALES;

import dev.reconciler.core.domain.Futures;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.TwoThreads;
import dev.reconciler.core.load.LoadedSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Joins the canonical rows of both sides on the normalised id and classifies every pair. A pair
 * gets exactly one classification, checked in order: currency mismatch, failed payment, amount
 * mismatch, else matched.
 */
public final class Matcher {
  /** Ids looked up together; see {@link LoadedSide#find(LoadedSide, int, int, int[])}. */
  private static final int BATCH = 64;

  private final long tolerance;

  /** Tolerance: the largest absolute difference still counted as a match. */
  public Matcher(BigDecimal tolerance) {
    this.tolerance = Money.fromDecimal(tolerance);
  }

  /** Matches both sides: the first half of the sales on a second thread, the rest on this one. */
  public MatchOutcome match(LoadedSide sales, LoadedSide processor) {
    int half = sales.size() / 2;
    CompletableFuture<Part> first =
        TwoThreads.onAnother(() -> matchRange(sales, processor, 0, half));
    Part second = matchRange(sales, processor, half, sales.size());
    Part part = Futures.join(first);
    List<Finding> findings = new ArrayList<>(part.findings);
    findings.addAll(second.findings);
    BitSet paired = part.paired;
    paired.or(second.paired);
    for (int p = paired.nextClearBit(0); p < processor.size(); p = paired.nextClearBit(p + 1)) {
      findings.add(new Finding(MISSING_IN_SALES, -1, p));
    }
    int[] unsettled = Arrays.copyOf(part.unsettled, part.unsettledCount + second.unsettledCount);
    System.arraycopy(second.unsettled, 0, unsettled, part.unsettledCount, second.unsettledCount);
    return new MatchOutcome(part.matched + second.matched, unsettled.length, findings, unsettled);
  }

  /** What one range of sales found, and which processor rows it paired. */
  private static final class Part {
    final List<Finding> findings = new ArrayList<>();
    final BitSet paired;
    long matched;
    int[] unsettled = new int[64];
    int unsettledCount;

    Part(int processorSize) {
      paired = new BitSet(processorSize);
    }
  }

  private Part matchRange(LoadedSide sales, LoadedSide processor, int from, int to) {
    Part part = new Part(processor.size());
    int[] found = new int[BATCH];
    for (int batch = from; batch < to; batch += BATCH) {
      int count = Math.min(BATCH, to - batch);
      processor.find(sales, batch, count, found);
      for (int k = 0; k < count; k++) {
        pair(part, sales, batch + k, processor, found[k]);
      }
    }
    return part;
  }

  private void pair(Part part, LoadedSide sales, int s, LoadedSide processor, int p) {
    if (p < 0) {
      if (isPaid(sales, s)) {
        part.findings.add(new Finding(MISSING_IN_PROCESSOR, s, -1));
      } else {
        if (part.unsettledCount == part.unsettled.length) {
          part.unsettled = Arrays.copyOf(part.unsettled, part.unsettledCount * 2);
        }
        part.unsettled[part.unsettledCount++] = s;
      }
      return;
    }
    part.paired.set(p);
    DiscrepancyKind kind = classify(sales, s, processor, p);
    if (kind == null) {
      part.matched++;
    } else {
      part.findings.add(new Finding(kind, s, p));
    }
  }

  /** The finding for a pair, or null when it matches. */
  DiscrepancyKind classify(LoadedSide sales, int s, LoadedSide processor, int p) {
    return classify(
        sales.currency(s),
        sales.status(s),
        sales.amount(s),
        processor.currency(p),
        processor.status(p),
        processor.amount(p),
        tolerance);
  }

  /**
   * The one rule every sale/processor pair is judged by, same-day or late: currency mismatch, else
   * failed payment (a paid sale whose processor row failed), else amount mismatch beyond {@code
   * tolerance} (scaled, as the amounts), else null for a pair that agrees.
   */
  public static DiscrepancyKind classify(
      String saleCurrency,
      Status saleStatus,
      long saleAmount,
      String processorCurrency,
      Status processorStatus,
      long processorAmount,
      long tolerance) {
    if (!saleCurrency.equals(processorCurrency)) {
      return CURRENCY_MISMATCH;
    }
    if (saleStatus == Status.PAID && processorStatus == Status.FAILED) {
      return FAILED_PAYMENT;
    }
    // Cannot overflow: the parser takes at most 14 integer digits, so an amount is under 10^18
    // units and a difference under 2 * 10^18, well inside a long.
    if (Math.abs(processorAmount - saleAmount) > tolerance) {
      return AMOUNT_MISMATCH;
    }
    return null;
  }

  private static boolean isPaid(LoadedSide sales, int s) {
    return sales.status(s) == Status.PAID;
  }
}
