package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.OpenItem;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** reconciler ledger: the items open now, for an operator choosing what to resolve. */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description =
        "List the items open now (after the latest run, less those resolved since), with their"
            + " age as of that run, and any dates a rerun made stale.")
final class LedgerCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin LedgerOptions ledger;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    try (LedgerStore store = ledger.open(settings, Clock.systemUTC())) {
      Optional<LocalDate> last = store.lastRunDate();
      if (last.isEmpty()) {
        System.out.println("No run recorded in the ledger (" + store + ") yet: nothing is open.");
      } else {
        print(store.openNow(), last.get());
      }
      List<LocalDate> stale = store.staleDates();
      if (!stale.isEmpty()) {
        System.out.printf(
            "Stale dates (an earlier date was rerun): %s: rerun them in order (reconcile --date"
                + " %s)%n",
            stale.stream().map(LocalDate::toString).collect(Collectors.joining(", ")),
            stale.get(0));
      }
    }
    return 0;
  }

  private static void print(List<OpenItem> open, LocalDate last) {
    System.out.printf("Open items after the run of %s: %,d%n", last, open.size());
    if (open.isEmpty()) {
      return;
    }
    System.out.printf(
        "  %-9s  %-28s  %-10s  %4s  %-10s  %s%n",
        "source", "transaction id", "opened on", "age", "state", "amount");
    for (OpenItem item : open) {
      System.out.printf(
          "  %-9s  %-28s  %-10s  %4d  %-10s  %s%n",
          item.source().id(),
          LedgerOptions.id(item.transactionId()),
          item.openedOn(),
          item.age(last),
          item.missing() ? "missing" : "in transit",
          LedgerOptions.money(item.row().amount(), item.row().currency()));
    }
  }
}
