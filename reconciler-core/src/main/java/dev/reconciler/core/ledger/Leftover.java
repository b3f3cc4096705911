package dev.reconciler.core.ledger;

import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;

/**
 * A row of the run's own day that found no other half that day: a paid sale without a processor
 * row, or a processor row without a sale.
 *
 * @param status the row's normalised status
 */
public record Leftover(Txn row, Status status) {}
