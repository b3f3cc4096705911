-- The run store in PostgreSQL: runs, parts of sharded runs and stored workbooks, the tables
-- SqliteRunStore, SqlitePartStore and SqliteWorkbookStore make in SQLite, with the same columns.
-- Dates and times are ISO-8601 text as there, so one row reader serves both databases and a
-- malformed value written by someone else is read as a noted problem, not a failed query.

-- One row per run (RunTable): the text fields, then one count per RunCounts.KEYS entry. A count
-- added to the code later is added as a column by PgRunStore's first write, not by a script here.
CREATE TABLE reconciliation_runs (
  run_id text PRIMARY KEY,
  business_date text NOT NULL,
  started_at text NOT NULL,
  finished_at text,
  status text NOT NULL,
  report_path text,
  error text,
  amounts text,
  match_rate text,
  sales_rows bigint,
  processor_rows bigint,
  matched bigint,
  missing_in_processor bigint,
  missing_in_sales bigint,
  amount_mismatch bigint,
  failed_payment bigint,
  currency_mismatch bigint,
  duplicate_id bigint,
  refund bigint,
  chargeback bigint,
  fee bigint,
  payout bigint,
  rejected bigint,
  exact_duplicates bigint,
  in_transit bigint,
  open_items bigint,
  went_missing bigint,
  cleared bigint,
  resolved bigint,
  oldest_open_days bigint
);

-- A run's start as an instant when its text is an ISO-8601 date-time, else null: the newest-first
-- order of PgRunStore, which must not fail on a row whose start is 'yesterday' or '2026-02-31T…'
-- (SQLite's julianday gives null there too). A time without an offset is read as UTC.
CREATE FUNCTION reconciler_run_start(started text) RETURNS timestamptz
LANGUAGE plpgsql STABLE SET timezone = 'UTC' AS $$
BEGIN
  IF started !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:' THEN
    RETURN NULL;
  END IF;
  RETURN started::timestamptz;
EXCEPTION WHEN OTHERS THEN
  RETURN NULL;
END
$$;

-- One row per (run, shard) of a sharded run, until its merge records the run (JdbcPartStore).
CREATE TABLE run_parts (
  run_id text NOT NULL,
  shard_index integer NOT NULL,
  shard_count integer NOT NULL,
  created_at text NOT NULL,
  bytes bytea NOT NULL,
  PRIMARY KEY (run_id, shard_index)
);

-- One row per run whose workbook was stored or pruned, and its bytes in 1 MiB chunks
-- (JdbcWorkbookStore).
CREATE TABLE run_workbooks (
  run_id text PRIMARY KEY,
  file_name text NOT NULL,
  size bigint,
  sha256 text,
  created_at text NOT NULL,
  pruned_at text
);

CREATE TABLE run_workbook_chunks (
  run_id text NOT NULL,
  seq integer NOT NULL,
  bytes bytea NOT NULL,
  PRIMARY KEY (run_id, seq)
);

-- A workbook is a zip file already: out of line, uncompressed, saves PostgreSQL trying again.
ALTER TABLE run_workbook_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
