package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Source;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The shuffled order in which each table's rows are inserted, as slots {@code index << 1} (a row of
 * transaction index; listed twice when the id repeats) or {@code index << 1 | 1} (its rejected
 * row). Which of a repeated id's rows is canonical is decided at write time by which slot comes
 * first, so the shuffle can never put a copy before its original.
 */
final class InsertionOrder {
  private final Slots sales = new Slots();
  private final Slots processor = new Slots();

  /** Only rows landing this many days after their transaction's day are kept (see Plan). */
  private final int dayOffset;

  /** The rows of one day's transactions that land on that day. */
  InsertionOrder() {
    this(0);
  }

  InsertionOrder(int dayOffset) {
    this.dayOffset = dayOffset;
  }

  void add(Plan p) {
    Category c = p.category;
    add(sales, p, Source.SALES, c.hasSale());
    add(processor, p, Source.PROCESSOR, c.hasProcessorRows());
  }

  private void add(Slots slots, Plan p, Source side, boolean hasRow) {
    if (p.dayOffset(side) != dayOffset) {
      return;
    }
    int slot = p.index << 1;
    if (hasRow) {
      slots.add(slot);
    }
    if (p.extraOn(side)) {
      slots.add(slot);
    }
    if (p.rejectOn(side)) {
      slots.add(slot | 1);
    }
  }

  int[] shuffled(Source side, long seed) {
    Slots slots = side == Source.SALES ? sales : processor;
    int[] order = Arrays.copyOf(slots.values, slots.size);
    SplittableRandom random = new SplittableRandom(Planner.mix(seed ^ (side.ordinal() + 1L)));
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  long rows(Source side) {
    return side == Source.SALES ? sales.size : processor.size;
  }

  static boolean isRejected(int slot) {
    return (slot & 1) == 1;
  }

  static int index(int slot) {
    return slot >>> 1;
  }

  /** A growable int array: a million boxed Integers would cost more than the rows. */
  private static final class Slots {
    int[] values = new int[1024];
    int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }
  }
}
