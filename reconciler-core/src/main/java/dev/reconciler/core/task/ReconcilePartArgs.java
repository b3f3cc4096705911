package dev.reconciler.core.task;

import dev.reconciler.core.domain.Shard;
import java.util.ArrayList;
import java.util.List;

/**
 * Arguments of the reconcile_part task, one part of a sharded reconcile: [run id, shard index,
 * shard count, business date, database or null, report dir or null].
 *
 * @param runId the run the part belongs to, of the business date
 * @param reconcile the reconcile task's date and paths (no chain: the merge carries that)
 */
public record ReconcilePartArgs(String runId, Shard shard, ReconcileArgs reconcile) {
  public static final String TASK = "reconcile_part";

  /** Parses and validates the job's argument list; anything off is {@link BadArguments}. */
  public static ReconcilePartArgs from(List<Object> args) {
    Args a = new Args(TASK, args, 6, 6);
    ReconcileArgs reconcile = ReconcileArgs.from(a.slice(3, 6));
    String runId = a.runId(0, "run id", reconcile.businessDate());
    int count = a.integer(2, "shard count", 2, Shard.MAX_COUNT);
    int index = a.integer(1, "shard index", 0, count - 1);
    return new ReconcilePartArgs(runId, new Shard(index, count), reconcile);
  }

  public List<Object> toList() {
    List<Object> list = new ArrayList<>(List.of(runId, shard.index(), shard.count()));
    list.addAll(reconcile.toList().subList(0, 3));
    return list;
  }
}
