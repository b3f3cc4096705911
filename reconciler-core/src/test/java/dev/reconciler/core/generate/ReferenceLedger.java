package dev.reconciler.core.generate;

import dev.reconciler.core.generate.GroundTruth.Finding;
import dev.reconciler.core.generate.MultiDayTruth.Cleared;
import dev.reconciler.core.generate.MultiDayTruth.Item;
import dev.reconciler.core.generate.ReferenceReconciler.Outcome;
import dev.reconciler.core.generate.ReferenceReconciler.Row;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A naive reading of the ledger rules over the rows of a generated database, day after day from an
 * empty ledger, knowing nothing of plans: what each day's truth must say.
 */
final class ReferenceLedger {
  /** One day's run: the findings with the missing kinds replaced by the ledger's. */
  record Day(
      Outcome sameDay,
      List<Finding> findings,
      List<Item> inTransit,
      List<Item> open,
      List<Cleared> cleared) {}

  private static final class Open {
    final Row row;
    final LocalDate openedOn;
    LocalDate missingSince;

    Open(Row row, LocalDate openedOn) {
      this.row = row;
      this.openedOn = openedOn;
    }
  }

  private final BigDecimal tolerance;
  private final int window;
  private final Map<String, Open> open = new HashMap<>();

  /** Unpaid sales of earlier days no processor row came for yet, by id. */
  private final Map<String, Open> kept = new HashMap<>();

  ReferenceLedger(BigDecimal tolerance, int window) {
    this.tolerance = tolerance;
    this.window = window;
  }

  /** Runs the next date; dates must come in order from the first. */
  Day run(Path db, LocalDate date, ZoneId zone) throws SQLException {
    Outcome outcome = new ReferenceReconciler(tolerance).reconcileDay(db, date, zone);
    List<Finding> findings = new ArrayList<>();
    outcome.findings().stream()
        .filter(f -> !f.kind().startsWith("missing_"))
        .forEach(findings::add);
    List<Cleared> cleared = new ArrayList<>();
    List<Open> opened = new ArrayList<>();
    for (Row row : outcome.leftovers()) {
      boolean sale = row.source().equals("sales");
      Open hit = open.remove((sale ? "processor" : "sales") + "|" + row.id());
      if (hit == null && !sale) {
        hit = kept.remove(row.id());
      }
      if (hit == null) {
        opened.add(new Open(row, date));
        continue;
      }
      clear(hit, row, date, findings, cleared);
    }
    // An unpaid sale clears a processor row that came first; else it is kept for a later one.
    List<Open> keep = new ArrayList<>();
    for (Row row : outcome.unpaid()) {
      Open hit = open.remove("processor|" + row.id());
      if (hit == null) {
        keep.add(new Open(row, date));
      } else {
        clear(hit, row, date, findings, cleared);
      }
    }
    opened.forEach(o -> open.put(o.row.source() + "|" + o.row.id(), o));
    keep.forEach(o -> kept.put(o.row.id(), o));
    List<Item> items = new ArrayList<>();
    for (Open o : open.values()) {
      if (o.missingSince == null && days(o, date) >= window) {
        o.missingSince = date;
        boolean sale = o.row.source().equals("sales");
        ReferenceReconciler.finding(
            findings,
            sale ? "missing_in_processor" : "missing_in_sales",
            sale ? o.row : null,
            sale ? null : o.row);
      }
      items.add(new Item(o.row.source(), o.row.id(), o.openedOn, days(o, date), o.missingSince));
    }
    findings.sort(ReferenceReconciler.ORDER);
    List<Item> inTransit = items.stream().filter(i -> i.missingSince() == null).toList();
    return new Day(outcome, findings, inTransit, items, cleared);
  }

  private void clear(
      Open hit, Row row, LocalDate date, List<Finding> findings, List<Cleared> cleared) {
    boolean sale = row.source().equals("sales");
    Row s = sale ? row : hit.row;
    Row p = sale ? hit.row : row;
    String kind = kind(s, p);
    if (kind != null) {
      ReferenceReconciler.finding(findings, kind, s, p);
    }
    cleared.add(new Cleared(hit.row.source(), row.id(), hit.openedOn, days(hit, date), kind));
  }

  private String kind(Row sale, Row processor) {
    if (!sale.currency().equals(processor.currency())) {
      return "currency_mismatch";
    }
    if (processor.status().equals("failed") && sale.status().equals("paid")) {
      return "failed_payment";
    }
    boolean beyond = processor.amount().subtract(sale.amount()).abs().compareTo(tolerance) > 0;
    return beyond ? "amount_mismatch" : null;
  }

  private static long days(Open o, LocalDate date) {
    return ChronoUnit.DAYS.between(o.openedOn, date);
  }
}
