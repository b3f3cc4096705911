package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.ledger.LedgerLock;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Resolution;
import dev.reconciler.core.ledger.ResolveRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler resolve: finance closes open items the data cannot, one or a file of many. */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    description =
        "Take an open item off the ledger (see 'reconciler ledger'), recording who, when, why and"
            + " the amount; it shows once on the next run's Resolved sheet. With --file, a CSV"
            + " (header source,transaction_id,as,note[,by]) is resolved whole or not at all."
            + " Exit 2 when refused (an item not open, a bad value, a blank note, dates a rerun"
            + " made stale not yet run again).")
final class ResolveCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin LedgerOptions ledger;

  @Mixin ItemOptions item;

  @Option(names = "--as", paramLabel = "OUTCOME", description = "explained or written_off")
  String as;

  @Option(names = "--note", paramLabel = "TEXT", description = "why (required)")
  String note;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description = "who resolves (default: the OS user; a file's by column wins)")
  String by;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "a CSV of resolutions, instead of --source/--id/--as/--note")
  Path file;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    if (file != null && (item.source != null || item.id != null || as != null || note != null)) {
      throw new UserError("use either --file or --source, --id, --as and --note, not both");
    }
    // The arguments are checked before the database is opened: a typo is named as a typo.
    ResolveRequest one = file == null ? request(clock) : null;
    try (LedgerStore store = ledger.open(settings, clock);
        LedgerLock lock = ledger.lock(settings)) {
      // Confirmed just before the commit: a lock whose session ended (PostgreSQL) may be a run's
      // now, and a resolution made beside a run falls between its read and its record.
      List<Resolution> done =
          store.resolveAll(one != null ? List.of(one) : fromFile(store, clock), lock::confirmHeld);
      done.forEach(r -> System.out.println(line(r)));
      if (file != null) {
        System.out.printf(
            "Resolved %d item(s) from %s%n", done.size(), SafeText.line(file.toString(), 300));
      }
    }
    return 0;
  }

  private ResolveRequest request(Clock clock) {
    if (item.source == null || item.id == null || as == null || note == null) {
      throw new UserError(
          "resolve needs --source, --id, --as and --note (or --file): see 'reconciler ledger'"
              + " for the items open now");
    }
    return new ResolveRequest(
        ResolveFields.source(item.source, "--source"),
        ResolveFields.transactionId(item.id, "--id"),
        ResolveFields.as(as, "--as"),
        ResolveFields.note(note, "--note"),
        ResolveFields.by(by),
        clock.instant());
  }

  /** The file's resolutions, every line checked first: one bad line and nothing is resolved. */
  private List<ResolveRequest> fromFile(LedgerStore store, Clock clock) {
    ResolutionsFile resolutions = ResolutionsFile.read(file, by, clock.instant());
    List<String> problems = resolutions.problems(store.openNow());
    if (!problems.isEmpty()) {
      problems.forEach(System.err::println);
      throw new UserError(
          "nothing resolved: "
              + problems.size()
              + " of "
              + resolutions.size()
              + " line(s) refused (listed above); fix them and resolve the file again");
    }
    return resolutions.requests();
  }

  static String line(Resolution r) {
    return String.format(
        "Resolved %s item %s as %s: %s, opened on %s; it shows on the Resolved sheet of the next"
            + " run",
        r.source().id(),
        LedgerOptions.id(r.transactionId()),
        r.as().id(),
        Money.withCode(r.amount(), r.currency()),
        r.openedOn());
  }
}
