-- The ledger of open items (dev.reconciler.core.ledger.SqliteLedgerStore): every row names its
-- input (input_db); dates are ISO text, which compares as dates do. IF NOT EXISTS: V1 has already
-- completed in place a table a version before Flyway made.

CREATE TABLE IF NOT EXISTS reconciler_ledger_items (
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

-- The few cleared after a date that is run again.
CREATE INDEX IF NOT EXISTS reconciler_ledger_items_open
  ON reconciler_ledger_items (input_db, cleared_on, opened_on);

-- The items a run carries: as many as are open, however long the ledger's history. Its condition
-- is SqliteLedgerStore.STILL_OPEN, spelt the same: SQLite uses a partial index only then.
CREATE INDEX IF NOT EXISTS reconciler_ledger_items_still_open
  ON reconciler_ledger_items (input_db) WHERE cleared_on IS NULL;

CREATE TABLE IF NOT EXISTS reconciler_ledger_runs (
  input_db TEXT NOT NULL,
  business_date TEXT NOT NULL,
  run_id TEXT NOT NULL,
  window_days INTEGER,
  recorded_at TEXT,
  stale INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (input_db, business_date)
);

-- Numbered by rowid in the order they were made (an identity column does that in PostgreSQL).
CREATE TABLE IF NOT EXISTS reconciler_ledger_resolutions (
  input_db TEXT NOT NULL,
  source TEXT NOT NULL,
  transaction_id TEXT NOT NULL,
  opened_on TEXT NOT NULL,
  outcome TEXT NOT NULL,
  note TEXT NOT NULL,
  resolved_by TEXT,
  resolved_at TEXT NOT NULL,
  amount TEXT,
  currency TEXT,
  after_date TEXT NOT NULL,
  effective_on TEXT,
  unresolved_at TEXT,
  unresolved_after TEXT
);
