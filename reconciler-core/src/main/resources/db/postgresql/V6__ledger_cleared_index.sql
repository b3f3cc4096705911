-- The cleared marks' index (V2) holds only cleared items, as on SQLite: every statement that reads
-- it names a cleared_on range (a rerun's take-back, a prune, the items a run reads that a rerun
-- finds cleared after its date), which implies the index's condition. Each run adds thousands of
-- items not yet cleared, which the index then no longer takes in.

DROP INDEX IF EXISTS reconciler_ledger_items_cleared;

CREATE INDEX reconciler_ledger_items_cleared
  ON reconciler_ledger_items (input_db, cleared_on) WHERE cleared_on IS NOT NULL;
