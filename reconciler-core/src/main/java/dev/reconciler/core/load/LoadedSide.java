package dev.reconciler.core.load;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.domain.MoneySum;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One side's accepted rows for the business date, held column-wise (ids as bytes, scaled amounts,
 * currencies, statuses, lines) so a million rows take ~60 MB and a handful of objects rather than
 * ~400 MB as objects, plus what happened to every other row. Only canonical rows (first of each id)
 * are held; the report fetches the few rows it shows by line.
 */
public final class LoadedSide {
  private static final Status[] STATUSES = Status.values();

  private final Source source;
  private final String table;
  private final IdIndex index;
  private final Ids ids;
  private long[] amounts;
  private final Codes currencies;

  /** Ordinals of {@link Status}: a byte each, where a reference took four. */
  private byte[] statuses;

  private final Lines lines;
  private int size;
  private long rowsRead;
  private long exactDuplicates;
  private final List<RejectedRow> rejected = new ArrayList<>();

  /** Pairs (canonical position, line of a conflicting row). */
  private long[] conflicts = new long[16];

  private int conflictCount;

  /** Pairs (canonical position, line of a later row with the same id), until resolved. */
  private long[] repeats = new long[16];

  private int repeatCount;

  /**
   * Where {@link #find(LoadedSide, int, int, int[])} and {@link #acceptAll} add up what they read
   * ahead, so no compiler can drop those reads as unused. Its value means nothing; the matcher's
   * two threads both add to it, unsynchronised, once per batch.
   */
  @SuppressWarnings("unused")
  private long readAhead;

  LoadedSide(Source source, String table) {
    this(source, table, 0);
  }

  /**
   * A side sized for about {@code expectedRows} rows, so the load neither copies its arrays nor
   * rehashes its index as they grow (it still grows past the estimate).
   */
  LoadedSide(Source source, String table, int expectedRows) {
    this.source = source;
    this.table = table;
    int capacity = Math.max(1024, expectedRows);
    index = new IdIndex(capacity);
    ids = new Ids(capacity);
    amounts = new long[capacity];
    currencies = new Codes(capacity);
    statuses = new byte[capacity];
    lines = new Lines(capacity);
  }

  void countRead() {
    rowsRead++;
  }

  void reject(RejectedRow row) {
    rejected.add(row);
  }

  /**
   * Adds cleaned rows in order, as {@link #accept} each. Each row's index slot is a cache miss (the
   * index is ~16 MB, probed at random): the slots of the whole batch are read first, in a loop that
   * does nothing else, so their misses overlap instead of queueing one per row.
   */
  void acceptAll(CleanedRow[] rows, long[] lines, int count) {
    for (int k = 0; k < count; k++) {
      CleanedRow row = rows[k];
      row.idHash = IdIndex.hash(row.idBytes(), row.idFrom(), row.idFrom() + row.idLength());
    }
    long read = 0;
    for (int k = 0; k < count; k++) {
      read += index.firstSlot(rows[k].idHash);
    }
    readAhead += read;
    for (int k = 0; k < count; k++) {
      accept(lines[k], rows[k]);
    }
  }

  /**
   * Adds a cleaned row whose {@code idHash} is set. A row whose id is already held is only noted:
   * whether it is an exact or a conflicting duplicate is decided by {@link #resolveRepeats} on the
   * full rows, exactly.
   */
  private void accept(long line, CleanedRow row) {
    if (size == amounts.length) {
      grow();
    }
    byte[] id = row.idBytes();
    int from = row.idFrom();
    int to = from + row.idLength();
    int existing = index.findOrAdd(row.idHash, id, from, to, ids, size);
    if (existing >= 0) {
      repeats = append(repeats, repeatCount++, existing, line);
      return;
    }
    ids.add(id, from, to);
    amounts[size] = row.amount;
    currencies.set(size, row.currency);
    statuses[size] = (byte) row.status.ordinal();
    lines.set(size, line);
    size++;
  }

  /** Lines of every repeated row and of the canonical row it repeats (the rows to fetch). */
  long[] repeatLines() {
    long[] out = new long[repeatCount * 2];
    for (int i = 0; i < repeatCount; i++) {
      out[i * 2] = lines.get((int) repeats[i * 2]);
      out[i * 2 + 1] = repeats[i * 2 + 1];
    }
    return out;
  }

  /**
   * Decides each repeat: same cleaned content as its canonical row (every column of the contract)
   * is an exact duplicate, dropped and counted; anything else a conflicting one.
   */
  void resolveRepeats(Function<Long, RowContent> contentOfLine) {
    for (int i = 0; i < repeatCount; i++) {
      int canonical = (int) repeats[i * 2];
      long line = repeats[i * 2 + 1];
      if (contentOfLine.apply(lines.get(canonical)).equals(contentOfLine.apply(line))) {
        exactDuplicates++;
      } else {
        conflicts = append(conflicts, conflictCount++, canonical, line);
      }
    }
    repeatCount = 0;
  }

  private static long[] append(long[] pairs, int index, long first, long second) {
    long[] out = index * 2 + 2 > pairs.length ? Arrays.copyOf(pairs, pairs.length * 2) : pairs;
    out[index * 2] = first;
    out[index * 2 + 1] = second;
    return out;
  }

  private void grow() {
    int n = amounts.length * 2;
    amounts = Arrays.copyOf(amounts, n);
    currencies.grow(n);
    statuses = Arrays.copyOf(statuses, n);
    lines.grow(n);
  }

  public Source source() {
    return source;
  }

  public String table() {
    return table;
  }

  /** Number of distinct accepted ids. */
  public int size() {
    return size;
  }

  /** Position of a normalised id, or -1. */
  public int find(String id) {
    byte[] b = id.getBytes(UTF_8);
    return index.find(b, 0, b.length, ids);
  }

  /** Position here of the id at {@code position} of {@code other}, or -1. */
  public int find(LoadedSide other, int position) {
    byte[] b = other.ids.bytes();
    int from = other.ids.start(position);
    int to = other.ids.end(position);
    return index.find(b, from, to, ids);
  }

  /**
   * Positions here of the ids at {@code [from, from + count)} of {@code other}, or -1 each, into
   * {@code out}. One lookup misses the cache three times in a row (slot, id bytes, row), ~0.5 us
   * all told; a batch hashes every id, then reads every slot in a loop that does nothing else, then
   * every candidate row, then every candidate's bytes, before comparing any, so the misses of the
   * batch overlap (the matcher went from ~0.25 to ~0.12 s per million ids, measured).
   */
  public void find(LoadedSide other, int from, int count, int[] out) {
    int[] hashes = new int[count];
    byte[] theirs = other.ids.bytes();
    long read = 0;
    for (int k = 0; k < count; k++) {
      hashes[k] = IdIndex.hash(theirs, other.ids.start(from + k), other.ids.end(from + k));
    }
    for (int k = 0; k < count; k++) {
      read += index.firstSlot(hashes[k]);
    }
    for (int k = 0; k < count; k++) {
      out[k] = index.candidate(hashes[k]);
    }
    for (int k = 0; k < count; k++) {
      int c = out[k];
      if (c >= 0) {
        read += ids.end(c) + amounts[c] + statuses[c];
      }
    }
    byte[] mine = ids.bytes();
    for (int k = 0; k < count; k++) {
      int c = out[k];
      if (c >= 0) {
        read += mine[ids.start(c)];
      }
    }
    for (int k = 0; k < count; k++) {
      int position = from + k;
      out[k] =
          index.find(hashes[k], theirs, other.ids.start(position), other.ids.end(position), ids);
    }
    readAhead = read;
  }

  public String id(int position) {
    return ids.text(position);
  }

  /** Scaled amount, see {@link dev.reconciler.core.domain.Money}. */
  public long amount(int position) {
    return amounts[position];
  }

  public String currency(int position) {
    return currencies.get(position);
  }

  public Status status(int position) {
    return STATUSES[statuses[position]];
  }

  public long line(int position) {
    return lines.get(position);
  }

  public long rowsRead() {
    return rowsRead;
  }

  public long exactDuplicates() {
    return exactDuplicates;
  }

  public List<RejectedRow> rejected() {
    return rejected;
  }

  /** Number of conflicting duplicate rows (not counting their canonical rows). */
  public int conflictCount() {
    return conflictCount;
  }

  /** Canonical position the i-th conflicting row collides with. */
  public int conflictCanonical(int i) {
    return (int) conflicts[i * 2];
  }

  /** Line of the i-th conflicting row. */
  public long conflictLine(int i) {
    return conflicts[i * 2 + 1];
  }

  /** Sum of accepted amounts per currency code, exact however large (see {@link MoneySum}). */
  public Map<String, BigDecimal> totals() {
    MoneySum[] sums = new MoneySum[currencies.distinct()];
    for (int i = 0; i < size; i++) {
      int code = currencies.code(i);
      if (sums[code] == null) {
        sums[code] = new MoneySum();
      }
      sums[code].add(amounts[i]);
    }
    Map<String, BigDecimal> totals = new TreeMap<>();
    for (int k = 0; k < sums.length; k++) {
      if (sums[k] != null) {
        totals.put(currencies.value(k), sums[k].toDecimal());
      }
    }
    return totals;
  }
}
