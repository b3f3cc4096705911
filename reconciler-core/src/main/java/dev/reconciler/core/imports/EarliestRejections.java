package dev.reconciler.core.imports;

import dev.reconciler.core.imports.ImportSummary.Rejection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The rejections with the lowest lines among all offered, at most a bound of them, in any order
 * offered: the parser's and the store's are found apart (the store's at the commit, and on SQLite
 * not in file order within a batch), and a list filled first come, first kept dropped the earlier
 * lines of the later source. Holds no more than the bound, however many are offered.
 */
public final class EarliestRejections {
  private static final Comparator<Rejection> BY_LINE =
      Comparator.comparingLong(Rejection::line).thenComparingLong(Rejection::lastLine);

  private final int kept;

  /** The kept ones, the highest line on top: the one a lower line displaces. */
  private final PriorityQueue<Rejection> latestFirst;

  /** Keeps the {@code kept} with the lowest lines. */
  public EarliestRejections(int kept) {
    this.kept = kept;
    this.latestFirst = new PriorityQueue<>(kept + 1, BY_LINE.reversed());
  }

  /** Keeps {@code rejection} when it is among the lowest lines so far. */
  public void offer(Rejection rejection) {
    if (latestFirst.size() < kept) {
      latestFirst.add(rejection);
    } else if (kept > 0 && BY_LINE.compare(rejection, latestFirst.peek()) < 0) {
      latestFirst.poll();
      latestFirst.add(rejection);
    }
  }

  /** The kept ones, by line. */
  public List<Rejection> byLine() {
    List<Rejection> list = new ArrayList<>(latestFirst);
    list.sort(BY_LINE);
    return list;
  }
}
