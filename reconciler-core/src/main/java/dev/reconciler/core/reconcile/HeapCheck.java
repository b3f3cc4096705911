package dev.reconciler.core.reconcile;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Futures;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.TwoThreads;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.store.InputSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a day whose two sides cannot fit in the heap this process has left, before loading it:
 * one line with the rows, the estimate, the heap left and the remedies, where an OutOfMemoryError
 * would come seconds into the load. A day that clearly fits costs two indexed lookups per side.
 */
final class HeapCheck {
  /**
   * Heap a run takes per row of each side: the loaded side's columns and its id index, with the
   * slack their doubling growth leaves, and the matcher's per-row arrays. Measured after a
   * collection on a loaded and matched day (HeapEstimateIT keeps it between the measured use and
   * twice that: 72 bytes held per row at 300k rows a side, with currencies, statuses and lines in
   * 2, 1 and 4 bytes); the one figure to change when the per-side storage changes.
   */
  static final long BYTES_PER_ROW = 100;

  private static final Logger log = LoggerFactory.getLogger(HeapCheck.class);

  private static final long MB = 1024 * 1024;
  private static final long GB = 1024 * MB;

  /** The heap as the check sees it: the runtime's, or a test's. */
  interface Heap {
    /** The most the heap may grow to. */
    long max();

    /** Bytes in use now, garbage included. */
    long used();

    /** Bytes in use after a full collection: asked only when {@link #used} leaves too little. */
    long usedAfterCollecting();
  }

  /** This JVM's heap. */
  static final Heap RUNTIME =
      new Heap() {
        @Override
        public long max() {
          return Runtime.getRuntime().maxMemory();
        }

        @Override
        public long used() {
          Runtime runtime = Runtime.getRuntime();
          return runtime.totalMemory() - runtime.freeMemory();
        }

        @Override
        public long usedAfterCollecting() {
          // Rare (a day that may not fit) and the only honest figure: a worker's old generation
          // may still hold an earlier day that no collection has freed yet.
          System.gc();
          return used();
        }
      };

  private final Heap heap;

  /** Where the input is, as the refusals name it. */
  private final Settings.Database database;

  HeapCheck(Heap heap, Settings.Database database) {
    this.heap = heap;
    this.database = database;
  }

  /** Bytes of heap a day of {@code rows} rows (both sides together) needs. */
  static long need(long rows) {
    return rows * BYTES_PER_ROW;
  }

  /**
   * Bytes of heap a day of {@code rows} rows needs when read in {@code shards} parts, one at a
   * time: a part's share, and a quarter more for a part larger than its share (ids do not spread
   * exactly).
   */
  static long need(long rows, int shards) {
    if (shards == 1) {
      return need(rows);
    }
    long part = ceilDiv(rows, shards);
    return need(part + part / 4);
  }

  /**
   * Fails with a {@link UserError} when the request's day cannot fit. First an upper bound that
   * costs nothing (each side's line range); only when that could not fit (a table holding many
   * days), the day's rows counted, a scan of each side (about 65 ms per million rows, measured),
   * the processor side's on another thread through a source of its own from {@code another}; and
   * only when those do not fit either, the heap measured after a collection. With {@code shards} =
   * {@link Settings#AUTO_SHARDS}, a day that does not fit whole is given the fewest parts that do
   * instead of refused.
   *
   * @return the parts to read the day in
   */
  int check(
      InputSource input, Supplier<InputSource> another, ReconcileRequest request, int shards) {
    boolean auto = shards == Settings.AUTO_SHARDS;
    int asked = auto ? 1 : shards;
    long bound = input.sizeHint(Source.SALES) + input.sizeHint(Source.PROCESSOR);
    if (fits(need(bound, asked), heap.used())) {
      return asked;
    }
    LocalDate date = request.businessDate();
    CompletableFuture<Long> processorRows =
        TwoThreads.onAnother(
            () -> {
              try (InputSource own = another.get()) {
                return own.countDay(Source.PROCESSOR, date);
              }
            });
    long sales;
    try {
      sales = input.countDay(Source.SALES, date);
    } finally {
      Futures.await(processorRows);
    }
    long processor = Futures.join(processorRows);
    long need = need(sales + processor, asked);
    if (fits(need, heap.used())) {
      return asked;
    }
    long used = heap.usedAfterCollecting();
    if (fits(need, used)) {
      return asked;
    }
    int parts = auto ? shardsToFit(sales + processor, used) : 0;
    if (parts > 0) {
      log.info(
          "{}: {} sales and {} processor rows do not fit the heap whole: reconciling in {} parts"
              + " ([reconciliation] shards = auto)",
          request.businessDate(),
          sales,
          processor,
          parts);
      return parts;
    }
    throw new UserError(refusal(request, sales, processor, need, used, asked));
  }

  private boolean fits(long need, long used) {
    return need <= heap.max() - used;
  }

  /** The one line that refuses a day, and what would let it run. */
  String refusal(
      ReconcileRequest request, long sales, long processor, long need, long used, int shards) {
    return notEnoughMemory(request)
        + String.format(
            Locale.ROOT,
            ": %,d sales rows and %,d processor rows need about %,d MB of heap (%d bytes per row of"
                + " each side%s), and this process has %,d MB left of its %,d MB; ",
            sales,
            processor,
            ceilDiv(need, MB),
            BYTES_PER_ROW,
            shards == 1 ? "" : ", in " + shards + " parts",
            (heap.max() - used) / MB,
            heap.max() / MB)
        + String.join("; or ", remedies(need + used, shardsToFit(sales + processor, used)));
  }

  /**
   * The fewest parts ([reconciliation] shards) whose largest fits the heap left, or 0 when even the
   * most parts would not.
   */
  private int shardsToFit(long rows, long used) {
    for (int shards = 2; shards <= Shard.MAX_COUNT; shards *= 2) {
      if (fits(need(rows, shards), used)) {
        return shards;
      }
    }
    return 0;
  }

  /**
   * The line for a day that ran out of heap after all (the estimate leaves out, say, unusually long
   * ids or a day of findings): not retried, since the next attempt would run out the same way.
   */
  UserError outOfMemory(ReconcileRequest request) {
    return new UserError(
        notEnoughMemory(request)
            + ": it ran out of this process's "
            + heap.max() / MB
            + " MB of heap; "
            + String.join("; or ", remedies(2 * heap.max(), 0)));
  }

  private String notEnoughMemory(ReconcileRequest request) {
    return "not enough memory to reconcile "
        + request.businessDate()
        + " of "
        + database.shown(request.database());
  }

  /**
   * What lets a day that needs a heap of about {@code bytes} run, each a clause of the line. Half
   * as much again: the young generation, a side's arrays briefly held twice while they grow, and
   * the estimate's own error need room.
   */
  private static List<String> remedies(long bytes, int shards) {
    long gb = Math.max(1, ceilDiv(bytes + bytes / 2, GB));
    List<String> remedies = new ArrayList<>();
    remedies.add(
        "give it more heap: RECONCILER_HEAP="
            + gb
            + "g or more for bin/reconciler, or in the worker units (see README, Gotchas)");
    if (shards > 0) {
      remedies.add(
          "reconcile it in parts: [reconciliation] shards = "
              + shards
              + " (RECONCILER_RECONCILIATION_SHARDS)");
    }
    return remedies;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
