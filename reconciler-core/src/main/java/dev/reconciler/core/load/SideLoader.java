package dev.reconciler.core.load;

import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.InputField;
import dev.reconciler.core.store.InputSource;
import dev.reconciler.core.store.RawRow;
import dev.reconciler.core.store.RowFields;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;

/** Loads and cleans one side's rows for a business date. */
public final class SideLoader {
  private static final int PROGRESS_EVERY = 50_000;

  /**
   * Most rows a side is sized for before reading: a table holding many days must not reserve memory
   * for all of them; a bigger day grows past it.
   */
  private static final int MAX_PRESIZE = 1 << 20;

  /**
   * Cleaned rows indexed together (see {@link LoadedSide#acceptAll}), in the order read, so the
   * first row of an id stays its canonical row.
   */
  private static final int BATCH = 16;

  private final Cleaner cleaner;
  private final CleanedRow[] waiting = new CleanedRow[BATCH];
  private final long[] waitingLines = new long[BATCH];
  private int waitingCount;
  private final Instant start;
  private final Instant end;
  private final long dayStart;
  private final long dayEnd;

  /** Not thread-safe: the cleaner and the row it cleans into are used from one thread. */
  public SideLoader(Cleaner cleaner, LocalDate businessDate) {
    this.cleaner = cleaner;
    ZoneId zone = cleaner.timestamps().zone();
    this.start = businessDate.atStartOfDay(zone).toInstant();
    this.end = businessDate.plusDays(1).atStartOfDay(zone).toInstant();
    this.dayStart = start.toEpochMilli();
    this.dayEnd = end.toEpochMilli();
    for (int i = 0; i < BATCH; i++) {
      waiting[i] = new CleanedRow();
    }
  }

  /** Reads, cleans and indexes every row of the business date from one side. */
  public LoadedSide load(InputSource input, Source source, Progress progress) {
    return load(input, source, Shard.ALL, progress);
  }

  /** As {@link #load(InputSource, Source, Progress)}, the rows of one part of the day only. */
  public LoadedSide load(InputSource input, Source source, Shard shard, Progress progress) {
    LoadedSide side =
        new LoadedSide(
            source,
            input.name(source),
            (int) Math.min(MAX_PRESIZE, input.sizeHint(source) / shard.count()));
    long[] seen = {0};
    input.readDay(
        source,
        start,
        end,
        shard,
        raw -> {
          add(side, raw);
          if (++seen[0] % PROGRESS_EVERY == 0) {
            progress.advance(PROGRESS_EVERY);
          }
        });
    progress.advance(seen[0] % PROGRESS_EVERY);
    resolveRepeats(side, lines -> input.fetchRows(source, lines));
    return side;
  }

  /**
   * Indexes the rows still waiting, then decides the repeated ids on their full rows, fetched by
   * line.
   */
  void resolveRepeats(LoadedSide side, Function<long[], Map<Long, RawRow>> fetch) {
    indexWaiting(side);
    Map<Long, RawRow> full = fetch.apply(side.repeatLines());
    side.resolveRepeats(line -> RowContent.of(cleaner, full.get(line)));
  }

  /** Routes one row: another day (skipped), rejected, or accepted (indexed in batches). */
  void add(LoadedSide side, RowFields raw) {
    CleanedRow cleaned = waiting[waitingCount];
    String rejection = cleaner.clean(raw, cleaned);
    if (isOtherDay(cleaned.epochMillis)) {
      return;
    }
    side.countRead();
    if (rejection != null) {
      side.reject(new RejectedRow(raw.source(), raw.line(), raw.text(InputField.ID), rejection));
      return;
    }
    waitingLines[waitingCount++] = raw.line();
    if (waitingCount == BATCH) {
      indexWaiting(side);
    }
  }

  private void indexWaiting(LoadedSide side) {
    side.acceptAll(waiting, waitingLines, waitingCount);
    waitingCount = 0;
  }

  private boolean isOtherDay(long epochMillis) {
    return epochMillis != TimestampParser.INVALID
        && (epochMillis < dayStart || epochMillis >= dayEnd);
  }
}
