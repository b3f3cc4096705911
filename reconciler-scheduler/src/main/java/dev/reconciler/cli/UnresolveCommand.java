package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.ledger.LedgerLock;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Resolution;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** reconciler unresolve: withdraws a resolution, putting its item back on the ledger. */
@Command(
    name = "unresolve",
    mixinStandardHelpOptions = true,
    description =
        "Put a resolved item back on the ledger: it is open again and can clear or go missing like"
            + " any other (one its other half cleared meanwhile stays cleared). Exit 2 when the item"
            + " has no resolution in force, or while dates a rerun made stale are not yet run"
            + " again.")
final class UnresolveCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin LedgerOptions ledger;

  @Mixin ItemOptions item;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    if (item.source == null || item.id == null) {
      throw new UserError("unresolve needs --source and --id");
    }
    Source side = ResolveFields.source(item.source, "--source");
    String transactionId = ResolveFields.transactionId(item.id, "--id");
    Clock clock = Clock.systemUTC();
    try (LedgerStore store = ledger.open(settings, clock);
        LedgerLock lock = ledger.lock(settings)) {
      Resolution r = store.unresolve(side, transactionId, lock::confirmHeld);
      System.out.printf(
          "Put back %s item %s (%s, opened on %s): the resolution %s by %s is withdrawn%n",
          r.source().id(),
          LedgerOptions.id(r.transactionId()),
          Money.withCode(r.amount(), r.currency()),
          r.openedOn(),
          r.as().id(),
          LedgerOptions.id(r.by()));
    }
    return 0;
  }
}
