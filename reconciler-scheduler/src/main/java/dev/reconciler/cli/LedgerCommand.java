package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.ledger.LedgerLock;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.OpenItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler ledger: the items open now, for an operator choosing what to resolve. */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description =
        "List the items open now (after the latest run, less those resolved since), with their"
            + " age as of that run, and any dates a rerun made stale. With --move-from, take over"
            + " the ledger this database had under its old path (it was moved or renamed). With"
            + " --prune-before, delete the history no run from that date on reads.")
final class LedgerCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin LedgerOptions ledger;

  @Option(
      names = "--move-from",
      paramLabel = "OLD_PATH",
      description =
          "the path this database had when its earlier runs were made: their runs, open items"
              + " and resolutions become this database's (the ledger names its input by path)")
  String moveFrom;

  @Option(
      names = "--replace",
      description =
          "with --move-from: drop the runs made under the new path since (each started from an"
              + " empty ledger) and what they wrote; run those dates again afterwards")
  boolean replace;

  @Option(
      names = "--prune-before",
      paramLabel = "DATE",
      description =
          "delete the history no run from DATE on reads: items cleared, and unpaid sales paired or"
              + " kept, before DATE (open items, resolutions and the runs' dates stay); runs of"
              + " dates before DATE are refused from then on. DATE is at most the latest run's")
  String pruneBefore;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    if (replace && moveFrom == null) {
      throw new UserError("--replace goes with --move-from");
    }
    try (LedgerStore store = ledger.open(settings, Clock.systemUTC())) {
      if (moveFrom != null || pruneBefore != null) {
        try (LedgerLock lock = ledger.lock(settings)) {
          if (moveFrom != null) {
            takeOver(store, settings.database().postgres());
          }
          if (pruneBefore != null) {
            prune(store, settings);
          }
        }
      }
      Optional<LocalDate> last = store.lastRunDate();
      if (last.isEmpty()) {
        System.out.println("No run recorded in the ledger (" + store + ") yet: nothing is open.");
        printOthers(store.otherInputs());
      } else {
        print(store.openNow(), last.get());
      }
      store
          .prunedBefore()
          .ifPresent(
              before ->
                  System.out.printf(
                      "History pruned before %s: runs of earlier dates cannot be made.%n", before));
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

  private void prune(LedgerStore store, Settings settings) {
    LocalDate before =
        DateOption.parse(
            "--prune-before", pruneBefore, settings.reconciliation().timezone(), Clock.systemUTC());
    LedgerStore.Pruned done = store.prune(before);
    System.out.printf(
        "Pruned the ledger's history before %s: %,d cleared item(s) and %,d unpaid sale(s)"
            + " deleted. Runs of dates before %s can no longer be made.%n",
        done.before(), done.items(), done.unpaidSales(), done.before());
  }

  private void takeOver(LedgerStore store, boolean postgres) {
    // As the ledger names inputs: on PostgreSQL DATABASE/TABLE; a file's path absolute and
    // normalised (its real path, when it still existed).
    String from = postgres ? moveFrom : Path.of(moveFrom).toAbsolutePath().normalize().toString();
    if (!postgres && Files.exists(Path.of(from))) {
      // Not moved: a copy, or a path given by mistake. Taking the ledger over would leave the
      // database still there to start its next run from an empty one.
      throw new UserError(
          SafeText.line(from, 300)
              + " is still there, so this database was not moved from it: its ledger stays its own"
              + " (a copy starts a ledger of its own)");
    }
    LedgerStore.Takeover done = store.takeOver(from, replace);
    System.out.printf(
        "Took over the ledger of %s: %d run(s), %d item(s), %d resolution(s).%n",
        SafeText.line(from, 300), done.runs(), done.items(), done.resolutions());
    if (!done.dropped().isEmpty()) {
      List<LocalDate> dropped = done.dropped();
      System.out.printf(
          "Dropped %d run(s) made under the new path since (%s to %s): run those dates again, in"
              + " order (reconcile --from %s --to %s).%n",
          dropped.size(),
          dropped.get(0),
          dropped.get(dropped.size() - 1),
          dropped.get(0),
          dropped.get(dropped.size() - 1));
    }
  }

  /**
   * The inputs whose runs the ledger holds instead: after a database was moved, its old path is
   * among them.
   */
  private static void printOthers(Map<String, LocalDate> others) {
    if (others.isEmpty()) {
      return;
    }
    System.out.println("It holds runs of other inputs (latest run):");
    others.forEach(
        (name, latest) -> System.out.printf("  %s  (%s)%n", SafeText.line(name, 300), latest));
    System.out.println(
        "If this database was moved or renamed from one of them: reconciler ledger --move-from"
            + " OLD_PATH");
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
          Money.withCode(item.row().amount(), item.row().currency()));
    }
  }
}
