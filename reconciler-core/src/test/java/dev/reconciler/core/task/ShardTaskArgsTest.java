package dev.reconciler.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.Shard;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The arguments of a sharded reconcile's part and merge tasks: read back as written, or refused.
 */
class ShardTaskArgsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final String RUN = "run-2026-11-24-abc";

  private static List<Object> args(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  @Test
  void aPartReadsBackAsWrittenWithoutTheChain() {
    ReconcilePartArgs part =
        new ReconcilePartArgs(
            RUN, new Shard(2, 3), new ReconcileArgs(DAY, "/d/in.db", null).inChain("c", DAY));

    ReconcilePartArgs back = ReconcilePartArgs.from(part.toList());

    assertThat(back.runId()).isEqualTo(RUN);
    assertThat(back.shard()).isEqualTo(new Shard(2, 3));
    assertThat(back.reconcile()).isEqualTo(new ReconcileArgs(DAY, "/d/in.db", null));
  }

  @Test
  void aMergeReadsBackAsWrittenWithItsChainAndTheGroupIdTheChordAppends() {
    ReconcileArgs chained =
        new ReconcileArgs(DAY, null, "/d/reports").inChain("c", DAY.plusDays(2));
    List<Object> sent = new ReconcileMergeArgs(RUN, 4, chained, null).toList();
    List<Object> delivered = new ArrayList<>(sent);
    delivered.add("g-1");

    assertThat(ReconcileMergeArgs.from(sent))
        .isEqualTo(new ReconcileMergeArgs(RUN, 4, chained, null));
    assertThat(ReconcileMergeArgs.from(delivered))
        .isEqualTo(new ReconcileMergeArgs(RUN, 4, chained, "g-1"));
    List<Object> unchained =
        new ReconcileMergeArgs(RUN, 4, new ReconcileArgs(DAY, null, null), null).toList();
    unchained.add("g-1");
    assertThat(ReconcileMergeArgs.from(unchained).reconcile().chain()).isNull();
  }

  @Test
  void refusesShardsOutOfRangeRunIdsOfAnotherDateAndWrongTypes() {
    for (List<Object> bad :
        List.of(
            args(RUN, 3L, 3L, "2026-11-24", null, null),
            args(RUN, -1L, 3L, "2026-11-24", null, null),
            args(RUN, 0L, 1L, "2026-11-24", null, null),
            args(RUN, 0L, 257L, "2026-11-24", null, null),
            args(RUN, "0", 3L, "2026-11-24", null, null),
            args("run-2026-11-25-abc", 0L, 3L, "2026-11-24", null, null),
            args("run-2026-11-24-a:b", 0L, 3L, "2026-11-24", null, null),
            args(RUN, 0L, 3L, "2026-11-24", "../in.db", null),
            args(RUN, 0L, 3L, "2026-11-24", null))) {
      assertThatThrownBy(() -> ReconcilePartArgs.from(bad))
          .as(bad.toString())
          .isInstanceOf(BadArguments.class);
    }
    for (List<Object> bad :
        List.of(
            args(RUN, 1L, "2026-11-24", null, null, null, null),
            args(RUN, 3L, "2026-11-24", null, null, "c", null),
            args(RUN, 3L, "2026-11-25", null, null, null, null),
            args(RUN, 3L, "2026-11-24", null, null, null, null, "a:b"),
            args(RUN, 3L, "2026-11-24", null, null, null, null, "g", "extra"))) {
      assertThatThrownBy(() -> ReconcileMergeArgs.from(bad))
          .as(bad.toString())
          .isInstanceOf(BadArguments.class);
    }
  }
}
