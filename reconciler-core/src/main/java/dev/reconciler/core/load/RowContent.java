package dev.reconciler.core.load;

import dev.reconciler.core.store.RawRow;

/**
 * Everything a row says once cleaned, for telling an exact duplicate from a conflicting one:
 * "1,234.50" and 1234.5 are the same amount, " Completed " and "completed" the same status. The
 * cleaned columns are the cleaner's own {@link CleanRow}; the two columns it does not read are
 * compared stripped.
 */
record RowContent(CleanRow cleaned, String reference, String customerId) {

  /** The content of a row the cleaner accepts. */
  static RowContent of(Cleaner cleaner, RawRow raw) {
    return new RowContent(
        cleaner.clean(raw), Cleaner.strip(raw.reference()), Cleaner.strip(raw.customerId()));
  }
}
