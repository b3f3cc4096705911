package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.InputSource;
import dev.reconciler.core.store.RowFields;
import dev.reconciler.core.store.SqliteInputSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-flight heap estimate: when it counts, when it collects, and the line that refuses. */
class HeapCheckTest {
  private static final long MB = 1024 * 1024;
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  /** The input in the SQLite file of the request, as by default. */
  private static final Settings.Database SQLITE = SettingsLoader.load(null, Map.of()).database();

  @TempDir Path dir;

  /**
   * A heap of {@code max} bytes with {@code used} in use, {@code live} of it after a collection.
   */
  private static final class TestHeap implements HeapCheck.Heap {
    final long max;
    final long used;
    final long live;
    int collections;

    TestHeap(long max, long used, long live) {
      this.max = max;
      this.used = used;
      this.live = live;
    }

    @Override
    public long max() {
      return max;
    }

    @Override
    public long used() {
      return used;
    }

    @Override
    public long usedAfterCollecting() {
      collections++;
      return live;
    }
  }

  @Test
  void aDayWhoseTablesClearlyFitIsNeitherCountedNorCollected() throws Exception {
    TestHeap heap = new TestHeap(64 * MB, 10 * MB, 10 * MB);
    Path db = twoPairs().file();

    try (Recording input = new Recording(db)) {
      new HeapCheck(heap, SQLITE).check(input, () -> new Recording(db), request(), 1);

      assertThat(counted).isEmpty();
      assertThat(heap.collections).isZero();
    }
  }

  @Test
  void tablesHoldingManyDaysAreCountedAndTheirDayFits() throws Exception {
    TestDatabase tables = twoPairs();
    // One row far along the rowids: the line range says ten million rows, the day holds two.
    tables.exec(
        "INSERT INTO sales (rowid, transaction_id, amount, currency, status, created_at)"
            + " VALUES (10000000, 'OLD', '1.00', 'USD', 'paid', '2026-10-01T10:00:00Z')");
    TestHeap heap = new TestHeap(64 * MB, 10 * MB, 10 * MB);
    Path db = tables.file();

    try (Recording input = new Recording(db)) {
      new HeapCheck(heap, SQLITE).check(input, () -> new Recording(db), request(), 1);

      assertThat(counted).containsExactlyInAnyOrder(Source.SALES, Source.PROCESSOR);
      assertThat(heap.collections).isZero();
    }
  }

  @Test
  void aDayThatFitsOnlyOnceGarbageIsCollectedRuns() throws Exception {
    long need = HeapCheck.need(4);
    TestHeap heap = new TestHeap(64 * MB, 64 * MB - need + 1, 10 * MB);
    Path db = twoPairs().file();

    try (Recording input = new Recording(db)) {
      new HeapCheck(heap, SQLITE).check(input, () -> new Recording(db), request(), 1);
    }

    assertThat(heap.collections).isEqualTo(1);
  }

  @Test
  void aDayThatCannotFitIsRefusedWithOneLineNamingRowsNeedHeapLeftAndTheRemedy() throws Exception {
    long need = HeapCheck.need(4);
    TestHeap heap = new TestHeap(64 * MB, 64 * MB - need + 1, 64 * MB - need + 1);
    Path db = twoPairs().file();

    try (Recording input = new Recording(db)) {
      assertThatThrownBy(
              () -> new HeapCheck(heap, SQLITE).check(input, () -> new Recording(db), request(), 1))
          .isInstanceOf(UserError.class)
          .hasMessage(
              "not enough memory to reconcile 2026-11-24 of "
                  + dir.resolve("in.db")
                  + ": 2 sales rows and 2 processor rows need about 1 MB of heap (100 bytes per"
                  + " row of each side), and this process has 0 MB left of its 64 MB; give it"
                  + " more heap: RECONCILER_HEAP=1g or more for bin/reconciler, or in the worker"
                  + " units (see README, Gotchas); or reconcile it in parts: [reconciliation]"
                  + " shards = 2 (RECONCILER_RECONCILIATION_SHARDS)");
    }
    assertThat(heap.collections).isEqualTo(1);
  }

  @Test
  void aDayThatFitsOnlyInPartsRunsWhenSharded() throws Exception {
    long need = HeapCheck.need(4);
    TestHeap heap = new TestHeap(64 * MB, 64 * MB - need + 1, 64 * MB - need + 1);
    Path db = twoPairs().file();

    try (Recording input = new Recording(db)) {
      assertThat(new HeapCheck(heap, SQLITE).check(input, () -> new Recording(db), request(), 2))
          .isEqualTo(2);
      // shards = auto: the fewest parts that fit, instead of the refusal.
      assertThat(
              new HeapCheck(heap, SQLITE)
                  .check(input, () -> new Recording(db), request(), Settings.AUTO_SHARDS))
          .isEqualTo(2);
    }
    assertThat(HeapCheck.need(4_000_000, 4)).isEqualTo(HeapCheck.need(1_250_000));
  }

  @Test
  void autoReadsADayThatFitsWholeInOnePart() throws Exception {
    TestHeap heap = new TestHeap(64 * MB, 10 * MB, 10 * MB);
    Path db = twoPairs().file();

    try (Recording input = new Recording(db)) {
      assertThat(
              new HeapCheck(heap, SQLITE)
                  .check(input, () -> new Recording(db), request(), Settings.AUTO_SHARDS))
          .isEqualTo(1);
    }
  }

  @Test
  void theRefusalOfABigDaySuggestsAHeapWithRoomToSpare() {
    TestHeap heap = new TestHeap(1024 * MB, 30 * MB, 30 * MB);
    long need = HeapCheck.need(12_000_000);

    String line =
        new HeapCheck(heap, SQLITE).refusal(request(), 6_000_000, 6_000_000, need, 30 * MB, 1);

    assertThat(line)
        .contains("6,000,000 sales rows and 6,000,000 processor rows need about 1,145 MB")
        .contains("this process has 994 MB left of its 1,024 MB")
        .contains("RECONCILER_HEAP=2g or more")
        .contains("; or reconcile it in parts: [reconciliation] shards = 2")
        .doesNotContain("\n");
  }

  @Test
  void aDayThatRanOutOfHeapAfterAllSaysSoInOneLineWithTheRemedy() {
    TestHeap heap = new TestHeap(48 * MB, 0, 0);

    assertThat(new HeapCheck(heap, SQLITE).outOfMemory(request()).getMessage())
        .startsWith("not enough memory to reconcile 2026-11-24 of ")
        .contains("ran out of this process's 48 MB of heap")
        .contains("RECONCILER_HEAP=1g or more");
  }

  private ReconcileRequest request() {
    return new ReconcileRequest(DAY, "run-1", dir.resolve("in.db"), dir);
  }

  private TestDatabase twoPairs() throws Exception {
    return new TestDatabase(dir.resolve("in.db")).pair("A", "1.00", "USD").pair("B", "2.00", "USD");
  }

  /** The sides counted, by any source of the test. */
  private final List<Source> counted = Collections.synchronizedList(new ArrayList<>());

  /** The SQLite source of a database, noting in {@link #counted} which sides it counted. */
  private final class Recording implements InputSource {
    final SqliteInputSource real;

    Recording(Path db) {
      real =
          new SqliteInputSource(
              db, new InputSchema("sales", "processor_transactions", "transaction_id"), 5000);
    }

    @Override
    public long countDay(Source side, LocalDate date) {
      counted.add(side);
      return real.countDay(side, date);
    }

    @Override
    public void checkSchema() {
      real.checkSchema();
    }

    @Override
    public String name(Source side) {
      return real.name(side);
    }

    @Override
    public long sizeHint(Source side) {
      return real.sizeHint(side);
    }

    @Override
    public void readDay(Source side, Instant dayStart, Instant dayEnd, Consumer<RowFields> sink) {
      real.readDay(side, dayStart, dayEnd, sink);
    }

    @Override
    public void fetch(Source side, long[] lines, Consumer<RowFields> sink) {
      real.fetch(side, lines, sink);
    }

    @Override
    public void close() {
      real.close();
    }
  }
}
