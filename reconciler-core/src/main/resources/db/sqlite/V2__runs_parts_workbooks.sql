-- The run store in SQLite: runs, parts of sharded runs and stored workbooks, with the columns of
-- db/postgresql's V1 in SQLite's types. IF NOT EXISTS: V1 has already completed in place a table
-- a version before Flyway made.

-- One row per run (RunTable): the text fields, then one count per RunCounts.KEYS entry. A count
-- added to the code later is added as a column by SqliteRunStore's first write, not by a script.
CREATE TABLE IF NOT EXISTS reconciliation_runs (
  run_id TEXT PRIMARY KEY,
  business_date TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  report_path TEXT,
  error TEXT,
  amounts TEXT,
  match_rate TEXT,
  sales_rows INTEGER,
  processor_rows INTEGER,
  matched INTEGER,
  missing_in_processor INTEGER,
  missing_in_sales INTEGER,
  amount_mismatch INTEGER,
  failed_payment INTEGER,
  currency_mismatch INTEGER,
  duplicate_id INTEGER,
  refund INTEGER,
  chargeback INTEGER,
  fee INTEGER,
  payout INTEGER,
  rejected INTEGER,
  exact_duplicates INTEGER,
  in_transit INTEGER,
  open_items INTEGER,
  went_missing INTEGER,
  cleared INTEGER,
  resolved INTEGER,
  oldest_open_days INTEGER
);

-- One row per (run, shard) of a sharded run, until its merge records the run (JdbcPartStore).
CREATE TABLE IF NOT EXISTS run_parts (
  run_id TEXT NOT NULL,
  shard_index INTEGER NOT NULL,
  shard_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (run_id, shard_index)
);

-- One row per run whose workbook was stored or pruned, and its bytes in 1 MiB chunks
-- (JdbcWorkbookStore).
CREATE TABLE IF NOT EXISTS run_workbooks (
  run_id TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  size INTEGER,
  sha256 TEXT,
  created_at TEXT NOT NULL,
  pruned_at TEXT
);

CREATE TABLE IF NOT EXISTS run_workbook_chunks (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (run_id, seq)
);
