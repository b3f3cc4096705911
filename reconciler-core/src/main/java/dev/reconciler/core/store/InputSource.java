package dev.reconciler.core.store;

import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a reconciliation reads its two sides from: what the loaders and the service use, whatever
 * holds the rows ({@link SqliteInputSource} for a SQLite database).
 *
 * <p>A row's <em>line</em> is the source's own identity for it: stable while the source is read,
 * unique within a side, increasing in the order rows are streamed, and what an operator is shown to
 * find the row again (SQLite: the rowid). The processor side holds payments only: a source whose
 * processor rows have other types (refunds, fees, payouts) leaves those out of every read here.
 *
 * <p>Rows are handed out as one reused {@link RowFields}, valid only during the callback.
 */
public interface InputSource extends AutoCloseable {
  /** Fails with a {@link dev.reconciler.core.domain.UserError} naming what the source lacks. */
  void checkSchema();

  /** What a side is called in reports and messages (SQLite: its table's name). */
  String name(Source side);

  /**
   * About how many rows a side holds, for sizing before a read: cheap, at least the row count for a
   * source without gaps in its lines, and possibly far more (a side holding many days).
   */
  long sizeHint(Source side);

  /**
   * About how many rows of a side the business date {@code date} holds, counted without reading
   * them, to tell before a load whether it fits: the rows whose timestamp carries that date as
   * written (at whatever offset it was written), plus those {@link #readDay} streams because no day
   * can place them. A scan of the side where nothing indexes the timestamps.
   */
  long countDay(Source side, LocalDate date);

  /**
   * Streams, in line order, every row of a side whose timestamp may lie in {@code [dayStart,
   * dayEnd)}, plus every row whose timestamp cannot be placed (to be rejected); the caller cuts the
   * day exactly, by instant. The rows need not carry {@link InputField#REFERENCE} or {@link
   * InputField#CUSTOMER} (null there): {@link #fetch} reads rows whole. The bytes of a row handed
   * to {@code sink} ({@link RowFields#bytes}) are never written again: the loader keeps a batch of
   * rows' ids where they lie until it indexes them.
   */
  void readDay(Source side, Instant dayStart, Instant dayEnd, Consumer<RowFields> sink);

  /**
   * As {@link #readDay(Source, Instant, Instant, Consumer)}, only the rows of one {@link Shard}:
   * those whose id, normalised as the matcher compares it, falls in that part. Every row of the day
   * is in exactly one part of any count, and equal normalised ids in the same one.
   *
   * @throws UserError when the source cannot read a part of the day
   */
  default void readDay(
      Source side, Instant dayStart, Instant dayEnd, Shard shard, Consumer<RowFields> sink) {
    if (!shard.whole()) {
      throw new UserError("this input cannot read a day in parts: set [reconciliation] shards = 1");
    }
    readDay(side, dayStart, dayEnd, sink);
  }

  /** Streams the rows at the given lines, every field; a line the side has no row at is skipped. */
  void fetch(Source side, long[] lines, Consumer<RowFields> sink);

  /** The rows at the given lines, keyed by line. */
  default Map<Long, RawRow> fetchRows(Source side, long[] lines) {
    Map<Long, RawRow> rows = new HashMap<>(lines.length * 2);
    fetch(side, lines, fields -> rows.put(fields.line(), fields.toRawRow()));
    return rows;
  }

  @Override
  void close();
}
