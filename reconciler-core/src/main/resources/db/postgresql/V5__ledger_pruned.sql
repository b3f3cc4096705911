-- How far back each input's ledger history was pruned, as SQLite keeps it
-- (dev.reconciler.core.ledger.JdbcLedgerStore, prune): the cleared items and the unpaid sales no run
-- from before_date on reads are deleted, so a run of an earlier date is refused from then on.

CREATE TABLE reconciler_ledger_pruned (
  input_db text NOT NULL PRIMARY KEY,
  before_date text COLLATE "C" NOT NULL,
  pruned_at text NOT NULL
);
