package dev.reconciler.core.ledger;

import dev.reconciler.core.domain.Source;
import java.time.Instant;

/** One item finance closes, as typed on the command line or read from a resolutions file. */
public record ResolveRequest(
    Source source,
    String transactionId,
    Resolution.Outcome as,
    String note,
    String by,
    Instant at) {}
