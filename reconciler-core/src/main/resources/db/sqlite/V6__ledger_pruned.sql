-- How far back each input's ledger history was pruned (dev.reconciler.core.ledger.JdbcLedgerStore,
-- prune): the cleared items and the unpaid sales no run from before_date on reads are deleted, so a
-- run of an earlier date, which would read them, is refused from then on.

CREATE TABLE IF NOT EXISTS reconciler_ledger_pruned (
  input_db TEXT NOT NULL PRIMARY KEY,
  before_date TEXT NOT NULL,
  pruned_at TEXT NOT NULL
);
