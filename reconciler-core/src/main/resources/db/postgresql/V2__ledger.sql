-- The ledger of open items (dev.reconciler.core.ledger.PgLedgerStore), as SQLite keeps it:
-- every row names its input (input_db); dates are ISO text under the "C" collation, so they
-- compare as dates do and the store's SQL is the same on both databases.

CREATE TABLE reconciler_ledger_items (
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

-- The items a run carries: as many as are open, however long the ledger's history.
CREATE INDEX reconciler_ledger_items_still_open
  ON reconciler_ledger_items (input_db, opened_on) WHERE cleared_on IS NULL;

-- The few cleared after a date that is run again.
CREATE INDEX reconciler_ledger_items_cleared
  ON reconciler_ledger_items (input_db, cleared_on);

CREATE TABLE reconciler_ledger_runs (
  input_db text NOT NULL,
  business_date text COLLATE "C" NOT NULL,
  run_id text NOT NULL,
  window_days integer,
  recorded_at text,
  stale integer NOT NULL DEFAULT 0,
  PRIMARY KEY (input_db, business_date)
);

CREATE TABLE reconciler_ledger_resolutions (
  -- Numbers resolutions in the order they were made (SQLite's rowid does this there).
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  input_db text NOT NULL,
  source text NOT NULL,
  transaction_id text NOT NULL,
  opened_on text COLLATE "C" NOT NULL,
  outcome text NOT NULL,
  note text NOT NULL,
  resolved_by text,
  resolved_at text NOT NULL,
  amount text,
  currency text,
  after_date text COLLATE "C" NOT NULL,
  effective_on text COLLATE "C",
  unresolved_at text,
  unresolved_after text COLLATE "C"
);

CREATE INDEX reconciler_ledger_resolutions_item
  ON reconciler_ledger_resolutions (input_db, source, transaction_id);
