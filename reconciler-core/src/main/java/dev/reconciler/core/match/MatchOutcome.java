package dev.reconciler.core.match;

import java.util.List;

/**
 * What matching decided, by positions in the loaded sides.
 *
 * @param unsettledPositions the sales positions counted in {@code unsettledSales}: unpaid sales
 *     with no processor row that day, which may still clear a processor row that came first
 */
public record MatchOutcome(
    long matched, long unsettledSales, List<Finding> findings, int[] unsettledPositions) {}
