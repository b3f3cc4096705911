package dev.reconciler.core.match;

import java.util.List;

/** What matching decided, by positions in the loaded sides. */
public record MatchOutcome(long matched, long unsettledSales, List<Finding> findings) {}
