-- The unpaid sales a day left without a processor row (dev.reconciler.core.ledger.JdbcLedgerStore,
-- UNPAID): never items (nothing was expected to settle), but a processor row of a later day with
-- the same id is their other half, as a pending sale and its settlement on one day are a pair
-- (authorise one day, capture the next). The columns are the items' own; cleared_on is the date a
-- processor row paired the sale.

CREATE TABLE IF NOT EXISTS reconciler_ledger_unpaid (
  input_db TEXT NOT NULL,
  source TEXT NOT NULL,
  transaction_id TEXT NOT NULL,
  opened_on TEXT NOT NULL,
  missing_since TEXT,
  cleared_on TEXT,
  line INTEGER,
  amount TEXT,
  currency TEXT,
  status TEXT,
  status_text TEXT,
  occurred_at TEXT,
  reference TEXT,
  customer_id TEXT,
  fee TEXT,
  PRIMARY KEY (input_db, source, transaction_id, opened_on)
);

-- What a rerun of a date takes back (the sales it kept, the pairings it marked), found without
-- reading every unpaid sale of the ledger's history.
CREATE INDEX IF NOT EXISTS reconciler_ledger_unpaid_opened
  ON reconciler_ledger_unpaid (input_db, opened_on);

CREATE INDEX IF NOT EXISTS reconciler_ledger_unpaid_cleared
  ON reconciler_ledger_unpaid (input_db, cleared_on) WHERE cleared_on IS NOT NULL;
