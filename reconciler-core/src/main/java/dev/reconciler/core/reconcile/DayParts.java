package dev.reconciler.core.reconcile;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.runs.PartStore;
import dev.reconciler.core.runs.RunStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a sharded run where every host that records runs can read them (the run store's
 * database, {@link PartStore}): each part task stores its own, the merge reads them all and, once
 * it has recorded the run, deletes them.
 */
public final class DayParts {
  private static final Logger log = LoggerFactory.getLogger(DayParts.class);

  private final PartStore store;
  private final Clock clock;

  DayParts(PartStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The parts of the runs that read {@code inputDatabase}, beside their run records. */
  public static DayParts open(Settings settings, Path inputDatabase, Clock clock) {
    return new DayParts(RunStores.parts(settings, inputDatabase), clock);
  }

  /** Stores one part of a run, replacing what the same part stored before. */
  public void put(String runId, Shard shard, DayPart part) {
    store.put(runId, shard, DayPartCodec.encode(part), clock.instant());
  }

  /**
   * Every part of a run split in {@code count}, in shard order.
   *
   * @throws MissingParts when one is not stored (yet, or any more)
   * @throws IllegalArgumentException when one is not a sound part
   */
  public List<DayPart> all(String runId, int count) {
    Map<Integer, byte[]> stored = store.parts(runId, count);
    List<Integer> missing = new ArrayList<>();
    List<DayPart> parts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] bytes = stored.remove(i);
      if (bytes == null) {
        missing.add(i + 1);
      } else if (missing.isEmpty()) {
        parts.add(decode(runId, new Shard(i, count), bytes));
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingParts(
          "run "
              + runId
              + " lacks part(s) "
              + missing
              + " of "
              + count
              + " in "
              + store
              + " (not stored yet, or deleted once the run was recorded)");
    }
    return parts;
  }

  private static DayPart decode(String runId, Shard shard, byte[] bytes) {
    try {
      return DayPartCodec.decode(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "part " + shard + " of run " + runId + ": " + e.getMessage(), e);
    }
  }

  /**
   * How long a part whose run was never merged is kept: a run whose part failed for good can still
   * be finished by retrying that part from the failed set (the merge then reads the others), which
   * an operator does within days, not weeks.
   */
  static final Duration UNMERGED_KEPT = Duration.ofDays(14);

  /**
   * Deletes every part of a run, and the parts of runs never merged that are older than {@link
   * #UNMERGED_KEPT}: without this, each chord that failed would keep its parts' findings forever.
   */
  public void delete(String runId) {
    store.delete(runId);
    int stale = store.deleteStoredBefore(clock.instant().minus(UNMERGED_KEPT));
    if (stale > 0) {
      log.info(
          "Deleted {} parts of runs never merged, stored over {} days ago",
          stale,
          UNMERGED_KEPT.toDays());
    }
  }

  /** A part of a run is not stored. */
  public static final class MissingParts extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MissingParts(String message) {
      super(message);
    }
  }
}
