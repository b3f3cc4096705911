package dev.reconciler.core.task;

import dev.reconciler.core.domain.Shard;
import java.util.ArrayList;
import java.util.List;

/**
 * Arguments of the reconcile_merge task, the callback of a sharded reconcile's chord: [run id,
 * shard count, business date, database or null, report dir or null, chain id or null, chain until
 * or null], then the group id the chord appends.
 *
 * @param reconcile the reconcile task's arguments, chain included: the merge runs its next link
 * @param groupId null until the chord appended it
 */
public record ReconcileMergeArgs(String runId, int count, ReconcileArgs reconcile, String groupId) {
  public static final String TASK = "reconcile_merge";

  /** Parses and validates the job's argument list; anything off is {@link BadArguments}. */
  public static ReconcileMergeArgs from(List<Object> args) {
    Args a = new Args(TASK, args, 7, 8);
    ReconcileArgs reconcile = ReconcileArgs.from(a.slice(2, 7));
    return new ReconcileMergeArgs(
        a.runId(0, "run id", reconcile.businessDate()),
        a.integer(1, "shard count", 2, Shard.MAX_COUNT),
        reconcile,
        a.optionalTaskId(7, "group id"));
  }

  /** The list without the group id, as the chord's callback is sent. */
  public List<Object> toList() {
    List<Object> list = new ArrayList<>(List.of(runId, count));
    List<Object> r = reconcile.toList();
    list.addAll(r);
    for (int i = r.size(); i < 5; i++) {
      list.add(null);
    }
    return list;
  }
}
