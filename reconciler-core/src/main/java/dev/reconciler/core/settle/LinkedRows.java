package dev.reconciler.core.settle;

import dev.reconciler.core.imports.RowType;
import dev.reconciler.core.load.Utf8;
import dev.reconciler.core.store.SettlementReader;
import dev.reconciler.core.store.SettlementReader.Stored;
import dev.reconciler.core.store.SettlementSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The refund and dispute rows of the day, and with them every row of the same kind and transaction
 * of any date, grouped by transaction. A row's transaction is our id on the row; without one, the
 * id of the payment row its original_ref points at; without that, it stands alone under its ref.
 */
final class LinkedRows {
  static final Set<String> REFUNDS = Set.of(RowType.REFUND.id());
  static final Set<String> DISPUTES =
      Set.of(RowType.CHARGEBACK.id(), RowType.CHARGEBACK_REVERSAL.id());

  /** A transaction: our id, or (id null) the processor ref its rows share. */
  record Key(String transactionId, String ref) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      // Unresolved keys last, so that the sheets list our ids first.
      if ((transactionId == null) != (o.transactionId == null)) {
        return transactionId == null ? 1 : -1;
      }
      return transactionId != null
          ? transactionId.compareTo(o.transactionId)
          : ref.compareTo(o.ref);
    }
  }

  /** Refund rows of any date, by transaction with a refund row on the day. */
  final Map<Key, List<Stored>> refunds = new TreeMap<>();

  /** Chargeback and reversal rows of any date, by transaction with one on the day. */
  final Map<Key, List<Stored>> disputes = new TreeMap<>();

  private final Map<String, String> idByRef = new HashMap<>();

  /** The rowids of the payments {@link #idByRef} was learnt from. */
  private final Set<Long> paymentLines = new HashSet<>();

  /**
   * The ids the day's refund rows carry themselves: most of the refunded transactions, known before
   * any lookup (those of the rows without id need the payments, see {@link #refundIds}).
   */
  static Set<String> idsOnRefundRows(List<Stored> dayRows, DayWindow day) {
    Set<String> ids = new LinkedHashSet<>();
    for (Stored r : today(dayRows, day)) {
      if (REFUNDS.contains(r.rowType())) {
        addIfPresent(ids, normalId(r.transactionId()));
      }
    }
    return ids;
  }

  /** The ids of the refunded transactions. */
  Set<String> refundIds() {
    Set<String> ids = new LinkedHashSet<>();
    refunds.keySet().forEach(k -> addIfPresent(ids, k.transactionId()));
    return ids;
  }

  private static List<Stored> today(List<Stored> dayRows, DayWindow day) {
    List<Stored> today = new ArrayList<>();
    for (Stored r : dayRows) {
      if (isRefundOrDispute(r) && day.contains(r.processedAt())) {
        today.add(r);
      }
    }
    return today;
  }

  /** {@code dayRows}: the rows other than payments in the day's window. */
  static LinkedRows read(SettlementSource reader, DayWindow day, List<Stored> dayRows) {
    LinkedRows rows = new LinkedRows();
    List<Stored> today = today(dayRows, day);
    if (today.isEmpty()) {
      return rows;
    }
    Set<String> ids = new LinkedHashSet<>();
    Set<String> refs = new LinkedHashSet<>();
    for (Stored r : today) {
      addIfPresent(ids, normalId(r.transactionId()));
      addIfPresent(refs, r.originalRef());
    }
    Set<String> types = new HashSet<>(REFUNDS);
    types.addAll(DISPUTES);
    Set<String> typesAndPayments = new HashSet<>(types);
    typesAndPayments.add(RowType.PAYMENT.id());
    Map<Long, Stored> held = new HashMap<>();
    dayRows.forEach(r -> held.put(r.line(), r));
    // One lookup serves both the payments (which resolve refs to ids) and the refund and dispute
    // rows of the same ids and refs; only what the payments add to these is looked up again.
    List<Stored> linked = rows.lookUp(reader, held, typesAndPayments, types, ids, refs);
    Set<Key> refundKeys = new HashSet<>();
    Set<Key> disputeKeys = new HashSet<>();
    Set<String> moreIds = new LinkedHashSet<>();
    for (Stored r : today) {
      (REFUNDS.contains(r.rowType()) ? refundKeys : disputeKeys).add(rows.key(r));
      String id = rows.idByRef.get(r.originalRef());
      if (id != null && !ids.contains(id)) {
        moreIds.add(id);
      }
    }
    Set<String> moreRefs = new LinkedHashSet<>(rows.idByRef.keySet());
    moreRefs.removeAll(refs);
    if (!moreIds.isEmpty() || !moreRefs.isEmpty()) {
      // No payments here: the rows found are added as the first lookup's are (a row found twice
      // is added once, see add).
      linked.addAll(rows.lookUpMore(reader, held, types, moreIds, moreRefs));
      linked.sort(Comparator.comparingLong(Stored::line));
    }
    Set<Long> seen = new HashSet<>();
    linked.forEach(r -> rows.add(r, refundKeys, disputeKeys, seen));
    // A day row linked by nothing (no id, no original ref) was not read again: add it as it is.
    today.forEach(r -> rows.add(r, refundKeys, disputeKeys, seen));
    return rows;
  }

  /**
   * The refund and dispute rows linked to {@code ids} and {@code refs}, in rowid order, learning
   * the payments' refs on the way. Found by their rowids and linking columns first: the day's own
   * rows ({@code held}, by rowid) are not read again and payments are not read whole; only the rest
   * (older refunds and disputes, few) is.
   */
  private List<Stored> lookUp(
      SettlementSource reader,
      Map<Long, Stored> held,
      Set<String> typesAndPayments,
      Set<String> types,
      Set<String> ids,
      Set<String> refs) {
    List<SettlementReader.LinkedLine> lines = reader.linkedLines(typesAndPayments, ids, refs);
    if (lines == null) {
      List<Stored> linked = new ArrayList<>();
      reader.linked(
          typesAndPayments,
          ids,
          refs,
          r -> {
            if (RowType.PAYMENT.id().equals(r.rowType())) {
              learnPayment(r.line(), r.transactionId(), r.processorRef(), r.originalRef());
            } else {
              linked.add(r);
            }
          });
      return linked;
    }
    List<Long> wanted = new ArrayList<>();
    for (SettlementReader.LinkedLine l : lines) {
      if (RowType.PAYMENT.id().equals(l.rowType())) {
        learnPayment(l.line(), l.transactionId(), l.processorRef(), l.originalRef());
      } else {
        wanted.add(l.line());
      }
    }
    return rowsOf(reader, held, wanted, types);
  }

  /**
   * The rows of {@code types} linked to the ids and refs the payments added. Their refs find the
   * payments themselves again (a payment's original_ref is one of them): so the lookup reads only
   * the indexes, and rows not held already are read whole, unless they are those payments.
   */
  private List<Stored> lookUpMore(
      SettlementSource reader,
      Map<Long, Stored> held,
      Set<String> types,
      Set<String> ids,
      Set<String> refs) {
    List<Long> wanted = new ArrayList<>();
    for (long line : reader.linkedRowids(ids, refs)) {
      if (!paymentLines.contains(line)) {
        wanted.add(line);
      }
    }
    return rowsOf(reader, held, wanted, types);
  }

  /** The rows of {@code types} at {@code lines}, from {@code held} or else read, in rowid order. */
  private static List<Stored> rowsOf(
      SettlementSource reader, Map<Long, Stored> held, List<Long> lines, Set<String> types) {
    List<Stored> found = new ArrayList<>();
    List<Long> unread = new ArrayList<>();
    for (long line : lines) {
      Stored row = held.get(line);
      if (row == null) {
        unread.add(line);
      } else if (types.contains(row.rowType())) {
        found.add(row);
      }
    }
    if (!unread.isEmpty()) {
      reader.rowsAt(
          unread.stream().mapToLong(Long::longValue).toArray(),
          r -> {
            if (types.contains(r.rowType())) {
              found.add(r);
            }
          });
      found.sort(Comparator.comparingLong(Stored::line));
    }
    return found;
  }

  private static boolean isRefundOrDispute(Stored r) {
    return REFUNDS.contains(r.rowType()) || DISPUTES.contains(r.rowType());
  }

  private void learnPayment(
      long line, String transactionId, String processorRef, String originalRef) {
    paymentLines.add(line);
    String id = normalId(transactionId);
    if (id != null) {
      if (processorRef != null) {
        idByRef.putIfAbsent(processorRef, id);
      }
      if (originalRef != null) {
        idByRef.putIfAbsent(originalRef, id);
      }
    }
  }

  private void add(Stored r, Set<Key> refundKeys, Set<Key> disputeKeys, Set<Long> seen) {
    Key key = key(r);
    boolean refund = REFUNDS.contains(r.rowType());
    if ((refund ? refundKeys : disputeKeys).contains(key) && seen.add(r.line())) {
      (refund ? refunds : disputes).computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
  }

  Key key(Stored r) {
    String id = normalId(r.transactionId());
    if (id == null && r.originalRef() != null) {
      id = idByRef.get(r.originalRef());
    }
    if (id != null) {
      return new Key(id, null);
    }
    String ref = r.originalRef() != null ? r.originalRef() : r.processorRef();
    return new Key(null, ref != null ? ref : "line " + r.line());
  }

  /**
   * An id as the matcher compares it: blanks around it dropped (the loaders' {@link Utf8#strip}),
   * ASCII letters upper case (as SQL's upper() does, which the reader compares by); null when
   * blank.
   */
  static String normalId(String raw) {
    String stripped = raw == null ? "" : Utf8.strip(raw);
    if (stripped.isEmpty()) {
      return null;
    }
    char[] chars = stripped.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'a' && chars[i] <= 'z') {
        chars[i] = (char) (chars[i] - 'a' + 'A');
      }
    }
    return new String(chars);
  }

  private static void addIfPresent(Set<String> into, String value) {
    if (value != null) {
      into.add(value);
    }
  }
}
