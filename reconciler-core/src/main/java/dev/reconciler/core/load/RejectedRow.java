package dev.reconciler.core.load;

import dev.reconciler.core.domain.Source;

/**
 * An input row that could not be used, with why.
 *
 * @param line the row's line in its source (see {@link dev.reconciler.core.store.InputSource})
 * @param rawId the key column as it arrived (may be null or blank)
 * @param reason one line a person can act on, e.g. {@code unparseable amount 'abc'}
 */
public record RejectedRow(Source source, long line, String rawId, String reason) {}
