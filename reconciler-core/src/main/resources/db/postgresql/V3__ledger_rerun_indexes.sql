-- A run of a date first takes back what that date and later ones wrote (JdbcLedgerStore.prepare):
-- the items they opened, the missing marks they set, the resolutions they showed. Without an
-- index on those dates each of its statements read every item of the ledger's history, on every
-- run: a busy merchant's year holds millions. (The cleared marks have reconciler_ledger_items_cleared.)

CREATE INDEX IF NOT EXISTS reconciler_ledger_items_opened
  ON reconciler_ledger_items (input_db, opened_on);

CREATE INDEX IF NOT EXISTS reconciler_ledger_items_missing
  ON reconciler_ledger_items (input_db, missing_since) WHERE missing_since IS NOT NULL;

CREATE INDEX IF NOT EXISTS reconciler_ledger_resolutions_effective
  ON reconciler_ledger_resolutions (input_db, effective_on) WHERE effective_on IS NOT NULL;
