package dev.reconciler.core.runs;

import java.util.List;

/** Where runs are recorded and read back: the audit trail of every reconciliation. */
public interface RunStore {
  /** Records the run, replacing the record with its run id if there is one. */
  void save(RunRecord run);

  /**
   * The runs recorded, newest start first, at most {@code limit}. Reads only: works on a store that
   * cannot be written and beside a writer that holds it.
   */
  List<RunRecord> recent(int limit);

  /** The run with this id, or null; reads only. */
  RunRecord find(String runId);
}
