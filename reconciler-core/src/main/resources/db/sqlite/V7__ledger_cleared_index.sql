-- The cleared marks' index (V3) holds only cleared items: every statement that reads it names a
-- cleared_on range (a rerun's take-back, a prune, the items a rerun finds cleared after its date),
-- and SQLite uses a partial index for a query whose condition implies the index's. Each run adds
-- thousands of items not yet cleared, which the index then no longer takes in.

DROP INDEX IF EXISTS reconciler_ledger_items_open;

CREATE INDEX IF NOT EXISTS reconciler_ledger_items_open
  ON reconciler_ledger_items (input_db, cleared_on, opened_on) WHERE cleared_on IS NOT NULL;
