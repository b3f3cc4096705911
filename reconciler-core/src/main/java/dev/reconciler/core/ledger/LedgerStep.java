package dev.reconciler.core.ledger;

import dev.reconciler.core.match.Discrepancy;
import java.util.List;

/**
 * What the ledger rules made of one run.
 *
 * @param outcome the ledger after the run, to record and report
 * @param discrepancies the run's findings from the ledger: items that went missing on this run and
 *     late pairs that did not agree, unsorted
 */
public record LedgerStep(LedgerOutcome outcome, List<Discrepancy> discrepancies) {}
