package dev.reconciler.core.match;

/**
 * A finding before its rows are fetched for display.
 *
 * @param salePosition position in the sales side, or -1
 * @param processorPosition position in the processor side, or -1
 */
public record Finding(DiscrepancyKind kind, int salePosition, int processorPosition) {}
