package dev.reconciler.core.report;

import static dev.reconciler.core.report.ResultBuilder.DATE;

import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.ledger.ClearedItem;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.ledger.Resolution;
import dev.reconciler.core.match.DiscrepancyKind;
import java.util.ArrayList;
import java.util.List;

/** Test data: a ledger outcome of a run on {@link ResultBuilder#DATE}, built by hand. */
final class LedgerBuilder {
  private int windowDays = 3;
  private String emptyStart;
  private final List<OpenItem> open = new ArrayList<>();
  private final List<ClearedItem> cleared = new ArrayList<>();
  private final List<Resolution> resolved = new ArrayList<>();

  static LedgerBuilder aLedger() {
    return new LedgerBuilder();
  }

  /** An item opened {@code age} days before the run, not reported missing. */
  static OpenItem inTransit(Txn row, int age) {
    return new OpenItem(row, Status.PAID, DATE.minusDays(age), null);
  }

  /** An item opened {@code age} days before the run, reported missing {@code since} days ago. */
  static OpenItem missing(Txn row, int age, int since) {
    return new OpenItem(row, Status.PAID, DATE.minusDays(age), DATE.minusDays(since));
  }

  /** The item cleared by {@code counterpart} on this run; kind null when the pair agrees. */
  static ClearedItem cleared(OpenItem item, Txn counterpart, DiscrepancyKind kind) {
    return new ClearedItem(item, counterpart, DATE, kind);
  }

  LedgerBuilder window(int days) {
    this.windowDays = days;
    return this;
  }

  LedgerBuilder emptyStart(String why) {
    this.emptyStart = why;
    return this;
  }

  LedgerBuilder open(OpenItem... items) {
    open.addAll(List.of(items));
    return this;
  }

  LedgerBuilder cleared(ClearedItem... items) {
    cleared.addAll(List.of(items));
    return this;
  }

  LedgerBuilder resolved(Resolution... items) {
    resolved.addAll(List.of(items));
    return this;
  }

  LedgerOutcome build() {
    return new LedgerOutcome(
        DATE,
        windowDays,
        emptyStart,
        List.copyOf(open),
        List.copyOf(cleared),
        List.copyOf(resolved));
  }
}
