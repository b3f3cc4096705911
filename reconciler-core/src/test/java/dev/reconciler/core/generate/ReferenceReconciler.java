package dev.reconciler.core.generate;

import dev.reconciler.core.generate.GroundTruth.Finding;
import dev.reconciler.core.generate.GroundTruth.PerSource;
import dev.reconciler.core.generate.GroundTruth.Rejection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A deliberately naive, independent reading of the reconciliation rules in the input contract, used
 * to check that the ground truth predicts them. It knows nothing of how rows were planned.
 */
final class ReferenceReconciler {
  private static final Pattern AMOUNT =
      Pattern.compile("[$€£¥]?\\d{1,3}(,\\d{3})*(\\.\\d{1,4})?|[$€£¥]?\\d+(\\.\\d{1,4})?");
  private static final Set<String> CURRENCIES =
      Set.of(
          "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK", "INR",
          "BRL", "MXN", "SGD", "HKD", "NZD", "ZAR", "CNY");
  private static final Map<String, String> STATUSES = new HashMap<>();

  static {
    for (String s :
        List.of("completed", "complete", "paid", "success", "succeeded", "settled", "captured")) {
      STATUSES.put(s, "paid");
    }
    for (String s : List.of("failed", "declined", "error", "rejected")) {
      STATUSES.put(s, "failed");
    }
    for (String s : List.of("pending", "processing", "authorized")) {
      STATUSES.put(s, "pending");
    }
    for (String s : List.of("cancelled", "canceled", "voided", "void")) {
      STATUSES.put(s, "cancelled");
    }
    for (String s : List.of("refunded", "chargeback")) {
      STATUSES.put(s, "refunded");
    }
  }

  /** A cleaned row; {@code content} is everything compared to tell exact from conflicting. */
  record Row(
      String source,
      long line,
      String id,
      BigDecimal amount,
      String currency,
      String status,
      List<Object> content) {}

  /**
   * What a reconciliation found, in the ground truth's terms.
   *
   * @param leftovers paid sales without a processor row and processor rows without a sale: what the
   *     missing findings are made of, for a ledger to carry
   * @param unpaid unpaid sales without a processor row (the unsettled ones), which a ledger keeps
   */
  record Outcome(
      long matched,
      long unsettled,
      PerSource exact,
      PerSource conflicting,
      List<Finding> findings,
      List<Rejection> rejected,
      List<Row> leftovers,
      List<Row> unpaid) {}

  private static final List<String> KINDS =
      List.of(
          "missing_in_processor",
          "missing_in_sales",
          "amount_mismatch",
          "failed_payment",
          "currency_mismatch",
          "duplicate_id");

  /** Report order: by kind, then transaction id; stable, so a duplicate group keeps its order. */
  static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> KINDS.indexOf(f.kind()))
          .thenComparing(Finding::transactionId);

  private final BigDecimal tolerance;
  private final List<Rejection> rejected = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();

  ReferenceReconciler(BigDecimal tolerance) {
    this.tolerance = tolerance;
  }

  Outcome reconcile(Path db) throws SQLException {
    return reconcile(db, row -> true);
  }

  /** Only the rows whose timestamp falls on date in zone, as a run of that business date reads. */
  Outcome reconcileDay(Path db, LocalDate date, ZoneId zone) throws SQLException {
    return reconcile(
        db,
        row ->
            OffsetDateTime.parse(text(row.get(7)))
                .atZoneSameInstant(zone)
                .toLocalDate()
                .equals(date));
  }

  private Outcome reconcile(Path db, Predicate<List<Object>> onDay) throws SQLException {
    long[] exact = new long[2];
    long[] conflicting = new long[2];
    Map<String, Row> sales =
        canonical(clean("sales", read(db, InputRows.SALES, onDay)), exact, conflicting, 0);
    Map<String, Row> processor =
        canonical(clean("processor", read(db, InputRows.PROCESSOR, onDay)), exact, conflicting, 1);
    List<Row> leftovers = new ArrayList<>();
    List<Row> unpaid = new ArrayList<>();
    long matched = 0;
    long unsettled = 0;
    for (Row sale : sales.values()) {
      Row p = processor.get(sale.id());
      boolean paid = sale.status().equals("paid");
      if (p == null) {
        if (paid) {
          finding("missing_in_processor", sale, null);
          leftovers.add(sale);
        } else {
          unsettled++;
          unpaid.add(sale);
        }
      } else if (!sale.currency().equals(p.currency())) {
        finding("currency_mismatch", sale, p);
      } else if (p.status().equals("failed") && paid) {
        finding("failed_payment", sale, p);
      } else if (p.amount().subtract(sale.amount()).abs().compareTo(tolerance) > 0) {
        finding("amount_mismatch", sale, p);
      } else {
        matched++;
      }
    }
    for (Row p : processor.values()) {
      if (!sales.containsKey(p.id())) {
        finding("missing_in_sales", null, p);
        leftovers.add(p);
      }
    }
    findings.sort(ORDER);
    return new Outcome(
        matched,
        unsettled,
        new PerSource(exact[0], exact[1]),
        new PerSource(conflicting[0], conflicting[1]),
        findings,
        rejected,
        leftovers,
        unpaid);
  }

  private static List<List<Object>> read(Path db, String table, Predicate<List<Object>> onDay)
      throws SQLException {
    return InputRows.read(db, table).stream().filter(onDay).toList();
  }

  /** The sales table's canonical rows by id, cleaned as the rules clean them. */
  Map<String, Row> sales(Path db) throws SQLException {
    return canonical(
        clean("sales", InputRows.read(db, InputRows.SALES)), new long[2], new long[2], 0);
  }

  private List<Row> clean(String source, List<List<Object>> raw) {
    List<Row> rows = new ArrayList<>();
    boolean sales = source.equals("sales");
    for (List<Object> r : raw) {
      long line = ((Number) r.get(0)).longValue();
      String id = text(r.get(sales ? 1 : 2));
      Object amountRaw = r.get(4 - (sales ? 0 : 1));
      String currency = text(r.get(sales ? 5 : 4));
      String status = text(r.get(6));
      String reason = null;
      BigDecimal amount = amount(amountRaw);
      if (id == null || id.isEmpty()) {
        reason = "missing_id";
      } else if (amountRaw == null || amountRaw.toString().isBlank()) {
        reason = "blank_amount";
      } else if (amount == null) {
        reason = "unparseable_amount";
      } else if (!CURRENCIES.contains(currency)) {
        reason = "unknown_currency";
      } else if (status == null || !STATUSES.containsKey(status.toLowerCase(Locale.ROOT))) {
        reason = "unknown_status";
      }
      if (reason != null) {
        rejected.add(new Rejection(source, line, reason));
        continue;
      }
      String normal = STATUSES.get(status.toLowerCase(Locale.ROOT));
      long instant = OffsetDateTime.parse(text(r.get(7))).toInstant().toEpochMilli();
      List<Object> content =
          sales
              ? List.of(amount.stripTrailingZeros(), currency, normal, instant, r.get(2), r.get(3))
              : List.of(
                  amount.stripTrailingZeros(),
                  currency,
                  normal,
                  instant,
                  r.get(1),
                  amount(r.get(5)).stripTrailingZeros());
      rows.add(
          new Row(source, line, id.toUpperCase(Locale.ROOT), amount, currency, normal, content));
    }
    return rows;
  }

  private Map<String, Row> canonical(List<Row> rows, long[] exact, long[] conflicting, int side) {
    Map<String, Row> first = new LinkedHashMap<>();
    Map<String, List<Row>> conflicts = new LinkedHashMap<>();
    for (Row row : rows) {
      Row canonical = first.putIfAbsent(row.id(), row);
      if (canonical == null) {
        continue;
      }
      if (canonical.content().equals(row.content())) {
        exact[side]++;
      } else {
        conflicting[side]++;
        conflicts.computeIfAbsent(row.id(), k -> new ArrayList<>(List.of(canonical))).add(row);
      }
    }
    conflicts.values().forEach(group -> group.forEach(r -> duplicate(r)));
    return first;
  }

  private void duplicate(Row r) {
    boolean sales = r.source().equals("sales");
    findings.add(
        new Finding(
            "duplicate_id",
            r.id(),
            r.source(),
            sales ? two(r.amount()) : null,
            sales ? null : two(r.amount()),
            r.currency()));
  }

  static void finding(List<Finding> to, String kind, Row sale, Row processor) {
    to.add(
        new Finding(
            kind,
            (sale != null ? sale : processor).id(),
            null,
            sale == null ? null : two(sale.amount()),
            processor == null ? null : two(processor.amount()),
            (sale != null ? sale : processor).currency()));
  }

  private void finding(String kind, Row sale, Row processor) {
    finding(findings, kind, sale, processor);
  }

  private static String two(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }

  private static BigDecimal amount(Object raw) {
    if (raw instanceof Number n) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    String s = raw == null ? "" : raw.toString().strip();
    if (!AMOUNT.matcher(s).matches()) {
      return null;
    }
    return new BigDecimal(s.replaceAll("[$€£¥,]", ""));
  }

  private static String text(Object value) {
    return value == null ? null : Objects.toString(value).strip();
  }
}
