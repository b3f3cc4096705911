-- The unpaid sales a day left without a processor row (dev.reconciler.core.ledger.JdbcLedgerStore,
-- UNPAID), as SQLite keeps them: never items (nothing was expected to settle), but a processor row
-- of a later day with the same id is their other half, as a pending sale and its settlement on one
-- day are a pair (authorise one day, capture the next). The columns are the items' own; cleared_on
-- is the date a processor row paired the sale.

CREATE TABLE reconciler_ledger_unpaid (
  input_db text NOT NULL,
  source text NOT NULL,
  transaction_id text NOT NULL,
  opened_on text COLLATE "C" NOT NULL,
  missing_since text COLLATE "C",
  cleared_on text COLLATE "C",
  line bigint,
  amount text,
  currency text,
  status text,
  status_text text,
  occurred_at text,
  reference text,
  customer_id text,
  fee text,
  PRIMARY KEY (input_db, source, transaction_id, opened_on)
);

-- What a rerun of a date takes back (the sales it kept, the pairings it marked), found without
-- reading every unpaid sale of the ledger's history.
CREATE INDEX reconciler_ledger_unpaid_opened
  ON reconciler_ledger_unpaid (input_db, opened_on);

CREATE INDEX reconciler_ledger_unpaid_cleared
  ON reconciler_ledger_unpaid (input_db, cleared_on) WHERE cleared_on IS NOT NULL;
