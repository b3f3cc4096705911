package dev.reconciler.core.runs;

import dev.reconciler.core.domain.Shard;
import java.time.Instant;
import java.util.Map;

/**
 * Parts of sharded runs where every worker that records runs can read them: one per (run id, shard
 * index), with the shard count; a part written again (a redelivered part task) replaces its own.
 */
public interface PartStore {
  /** Stores one part of a run, replacing what that part stored before. */
  void put(String runId, Shard shard, byte[] bytes, Instant createdAt);

  /**
   * The stored parts of a run split in {@code count}, by shard index; a part stored for another
   * count (a run id reused with another shard count) is not one of them.
   */
  Map<Integer, byte[]> parts(String runId, int count);

  /** Deletes every part of a run (once its merge recorded it). */
  void delete(String runId);

  /**
   * Deletes the parts stored before {@code cutoff}, of whatever run: those of runs whose merge
   * never came (a part that failed for good, a chord given up on).
   *
   * @return parts deleted
   */
  int deleteStoredBefore(Instant cutoff);
}
