package dev.reconciler.core.settle;

import dev.reconciler.core.store.SettlementReader;
import dev.reconciler.core.store.SettlementReader.Payout;
import dev.reconciler.core.store.SettlementReader.Stored;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Payouts gathered in Java from rows that stream past anyway (the fee pass's packed payments, the
 * day's other rows), instead of a GROUP BY that sorts every row of the payouts: per payout id,
 * account and currency, the same {@link Payout} that {@link SettlementReader#payouts} groups in
 * SQL. Keys and times are compared as UTF-8 bytes, as SQLite compares text; a NULL key is no bytes.
 */
final class PayoutTotals {
  private static final byte[] SEPARATOR = {SettlementReader.NET_SEPARATOR};

  private Group[] table = new Group[64];
  private int size;
  private long rows;

  /** One payout (payout id, account, currency) and what its rows so far add up to. */
  private static final class Group {
    final byte[] payoutId;
    final byte[] account;
    final byte[] currency;
    final int hash;
    long payoutRows;
    final Bytes payoutNets = new Bytes();
    byte[] paidAt;
    byte[] lastAt;
    long members;
    final Bytes memberNets = new Bytes();

    Group(byte[] payoutId, byte[] account, byte[] currency, int hash) {
      this.payoutId = payoutId;
      this.account = account;
      this.currency = currency;
      this.hash = hash;
    }
  }

  /**
   * Adds a payment (not a payout row) given as UTF-8 ranges of {@code b}: the key parts as packed
   * by the fee pass ("" for NULL, else "v" and the value; a NULL payout id is in no payout), its
   * net ("" for NULL) and its processed_at.
   */
  void addPayment(
      byte[] b,
      int payoutFrom,
      int payoutTo,
      int accountFrom,
      int accountTo,
      int currencyFrom,
      int currencyTo,
      int netFrom,
      int netTo,
      int atFrom,
      int atTo) {
    rows++;
    if (payoutTo == payoutFrom) {
      return;
    }
    int hash = hash(b, payoutFrom, payoutTo, accountFrom, accountTo, currencyFrom, currencyTo);
    Group g = find(b, hash, payoutFrom, payoutTo, accountFrom, accountTo, currencyFrom, currencyTo);
    if (g == null) {
      g =
          insert(
              new Group(
                  Arrays.copyOfRange(b, payoutFrom, payoutTo),
                  Arrays.copyOfRange(b, accountFrom, accountTo),
                  Arrays.copyOfRange(b, currencyFrom, currencyTo),
                  hash));
    }
    member(g, b, netFrom, netTo);
    g.lastAt = later(g.lastAt, b, atFrom, atTo);
  }

  /** Adds a stored row of any type; one without payout id is in no payout. */
  void add(Stored r) {
    rows++;
    if (r.payoutId() == null) {
      return;
    }
    byte[] payout = packed(r.payoutId());
    byte[] account = packed(r.account());
    byte[] currency = packed(r.currency());
    int hash =
        hash(payout, 0, payout.length, account, 0, account.length, currency, 0, currency.length);
    Group g = find(payout, account, currency, hash);
    if (g == null) {
      g = insert(new Group(payout, account, currency, hash));
    }
    byte[] net = r.net() == null ? new byte[0] : r.net().getBytes(StandardCharsets.UTF_8);
    byte[] at = r.processedAt() == null ? null : r.processedAt().getBytes(StandardCharsets.UTF_8);
    if ("payout".equals(r.rowType())) {
      append(g.payoutNets, g.payoutRows++, net, 0, net.length);
      if (at != null) {
        g.paidAt = later(g.paidAt, at, 0, at.length);
      }
    } else {
      member(g, net, 0, net.length);
    }
    if (at != null) {
      g.lastAt = later(g.lastAt, at, 0, at.length);
    }
  }

  /** How many rows were added, with or without payout id. */
  long rows() {
    return rows;
  }

  /** The payout ids seen. */
  Set<String> payoutIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (Group g : groups()) {
      ids.add(payoutId(g.payoutId));
    }
    return ids;
  }

  /** The payouts, ordered by payout id, account and currency as SQLite orders them. */
  List<Payout> payouts() {
    List<Group> sorted = groups();
    Comparator<Group> order =
        Comparator.<Group, byte[]>comparing(g -> g.payoutId, Arrays::compareUnsigned)
            .thenComparing(g -> g.account, Arrays::compareUnsigned)
            .thenComparing(g -> g.currency, Arrays::compareUnsigned);
    sorted.sort(order);
    List<Payout> payouts = new ArrayList<>(sorted.size());
    for (Group g : sorted) {
      payouts.add(
          new Payout(
              payoutId(g.payoutId),
              text(g.account),
              text(g.currency),
              g.payoutRows,
              g.payoutRows == 0
                  ? null
                  : new String(g.payoutNets.values, 0, g.payoutNets.size, StandardCharsets.UTF_8),
              g.paidAt == null ? null : new String(g.paidAt, StandardCharsets.UTF_8),
              g.lastAt == null ? null : new String(g.lastAt, StandardCharsets.UTF_8),
              g.members,
              Arrays.copyOf(g.memberNets.values, g.memberNets.size)));
    }
    return payouts;
  }

  private List<Group> groups() {
    List<Group> all = new ArrayList<>(size);
    for (Group g : table) {
      if (g != null) {
        all.add(g);
      }
    }
    return all;
  }

  private static void member(Group g, byte[] b, int from, int to) {
    append(g.memberNets, g.members++, b, from, to);
  }

  /** Appends a net, after a separator unless it is the first of {@code count}. */
  private static void append(Bytes nets, long before, byte[] b, int from, int to) {
    if (before > 0) {
      nets.add(SEPARATOR, 0, 1);
    }
    nets.add(b, from, to);
  }

  /** A growing byte string; unlike ByteArrayOutputStream, no lock per write. */
  private static final class Bytes {
    byte[] values = new byte[256];
    int size;

    void add(byte[] b, int from, int to) {
      int n = to - from;
      if (size + n > values.length) {
        values = Arrays.copyOf(values, Math.max(values.length * 2, size + n));
      }
      System.arraycopy(b, from, values, size, n);
      size += n;
    }
  }

  private static byte[] later(byte[] current, byte[] b, int from, int to) {
    if (current == null || Arrays.compareUnsigned(current, 0, current.length, b, from, to) < 0) {
      return Arrays.copyOfRange(b, from, to);
    }
    return current;
  }

  /** A key part as the fee pass packs it: no bytes for NULL, else "v" and the UTF-8 value. */
  private static byte[] packed(String value) {
    if (value == null) {
      return new byte[0];
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    byte[] packed = new byte[utf8.length + 1];
    packed[0] = 'v';
    System.arraycopy(utf8, 0, packed, 1, utf8.length);
    return packed;
  }

  /**
   * The payout id of a payout key ({@link SettlementReader#FORMAT_SEPARATOR}), without its format.
   */
  private static String payoutId(byte[] key) {
    String text = text(key);
    int cut = text.lastIndexOf(SettlementReader.FORMAT_SEPARATOR);
    return cut < 0 ? text : text.substring(0, cut);
  }

  private static String text(byte[] packed) {
    return packed.length == 0
        ? null
        : new String(packed, 1, packed.length - 1, StandardCharsets.UTF_8);
  }

  private static int hash(byte[] b, int p0, int p1, int a0, int a1, int c0, int c1) {
    return hash(b, p0, p1, b, a0, a1, b, c0, c1);
  }

  private static int hash(
      byte[] p, int p0, int p1, byte[] a, int a0, int a1, byte[] c, int c0, int c1) {
    int h = 1;
    for (int i = p0; i < p1; i++) {
      h = 31 * h + p[i];
    }
    h = 31 * h + (a1 - a0);
    for (int i = a0; i < a1; i++) {
      h = 31 * h + a[i];
    }
    h = 31 * h + (c1 - c0);
    for (int i = c0; i < c1; i++) {
      h = 31 * h + c[i];
    }
    return h ^ (h >>> 16);
  }

  private Group find(byte[] b, int hash, int p0, int p1, int a0, int a1, int c0, int c1) {
    for (int i = hash & (table.length - 1); table[i] != null; i = (i + 1) & (table.length - 1)) {
      Group g = table[i];
      if (g.hash == hash
          && Arrays.equals(g.payoutId, 0, g.payoutId.length, b, p0, p1)
          && Arrays.equals(g.account, 0, g.account.length, b, a0, a1)
          && Arrays.equals(g.currency, 0, g.currency.length, b, c0, c1)) {
        return g;
      }
    }
    return null;
  }

  private Group find(byte[] payout, byte[] account, byte[] currency, int hash) {
    for (int i = hash & (table.length - 1); table[i] != null; i = (i + 1) & (table.length - 1)) {
      Group g = table[i];
      if (g.hash == hash
          && Arrays.equals(g.payoutId, payout)
          && Arrays.equals(g.account, account)
          && Arrays.equals(g.currency, currency)) {
        return g;
      }
    }
    return null;
  }

  private Group insert(Group g) {
    if (2 * (size + 1) > table.length) {
      Group[] old = table;
      table = new Group[old.length * 2];
      for (Group o : old) {
        if (o != null) {
          place(o);
        }
      }
    }
    place(g);
    size++;
    return g;
  }

  private void place(Group g) {
    int i = g.hash & (table.length - 1);
    while (table[i] != null) {
      i = (i + 1) & (table.length - 1);
    }
    table[i] = g;
  }
}
