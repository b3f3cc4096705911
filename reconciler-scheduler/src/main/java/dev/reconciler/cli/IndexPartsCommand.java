package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.reconcile.ReconcileService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler index-parts: the indexes that let each part of a sharded day read only its rows. */
@Command(
    name = "index-parts",
    mixinStandardHelpOptions = true,
    description =
        "Index the sales and processor tables of a SQLite database so that each part of a day read"
            + " in N parts ([reconciliation] shards) reads only its own rows instead of every row"
            + " of the table; indexes made for another N are dropped. The first run in N parts"
            + " makes them itself when runs are recorded in the input database; run this when"
            + " they are not ([paths] runs_database), as a user that may write the input. Once"
            + " made, SQLite keeps them as rows are written. Exit 0 when they are there.")
final class IndexPartsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--shards",
      paramLabel = "N",
      description = "parts a day is read in, 2 to 256 (default: [reconciliation] shards)")
  Integer shards;

  @Option(
      names = "--db",
      paramLabel = "PATH",
      description = "SQLite database holding both tables (default: [paths] database)")
  Path db;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    int count = shards != null ? shards : settings.reconciliation().shards();
    if (count < 2 || count > Shard.MAX_COUNT) {
      throw new UserError(
          "index-parts needs --shards N, 2 to "
              + Shard.MAX_COUNT
              + (shards == null ? " ([reconciliation] shards is not a number above 1)" : "")
              + ": a day read whole reads every row anyway");
    }
    Path target = db != null ? db : settings.paths().database();
    long start = System.nanoTime();
    boolean made =
        new ReconcileService(settings, Clock.systemUTC(), Progress.NONE).indexParts(target, count);
    System.out.printf(
        "%s %s and %s in %s for days read in %d parts%s%n",
        made ? "Indexed" : "Already indexed:",
        settings.database().salesTable(),
        settings.database().processorTable(),
        settings.database().shown(target),
        count,
        made ? String.format(" in %.1f s", (System.nanoTime() - start) / 1e9) : "");
    return 0;
  }
}
