package dev.reconciler.core.ledger;

/**
 * Serialises the runs of one ledger: a run holds it from before it reads the ledger until its
 * record is committed, and another run of the same ledger, anywhere the lock reaches, waits until
 * it is closed. Not reentrant. {@link Ledgers#lock} picks the kind the ledger's database needs.
 */
public interface LedgerLock extends AutoCloseable {
  /**
   * Throws unless this holder still holds the ledger: a run calls it, with its record's write
   * transaction open, just before it commits, so that a run whose lock was lost under it (its
   * PostgreSQL session ended) commits nothing another run may already have read past.
   */
  void confirmHeld();

  /** Lets the next run in. */
  @Override
  void close();
}
