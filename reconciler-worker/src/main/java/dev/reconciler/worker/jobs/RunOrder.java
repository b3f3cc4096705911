package dev.reconciler.worker.jobs;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.store.StoreException;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.queue.ChainLink;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Dates run in order: the ledger carries each date's open items into the next, so a range is run
 * day by day, and a rerun of an early date is followed by the later dates it made stale. One rule
 * for the queue's chains and the command line's synchronous runs.
 */
public final class RunOrder {
  /** Most dates one requested range may hold: a year, leap day included. */
  public static final int MAX_RANGE_DAYS = 366;

  private RunOrder() {}

  /**
   * The date to run after {@code done}: the next date of the requested range (up to {@code until}),
   * else the first stale date after {@code done}; null when there is none.
   *
   * @param stale the ledger's stale dates, ascending: read only after the range's last date, as
   *     reading them opens the ledger
   */
  public static LocalDate next(LocalDate done, LocalDate until, Supplier<List<LocalDate>> stale) {
    if (done.isBefore(until)) {
      return done.plusDays(1);
    }
    return stale.get().stream().filter(d -> d.isAfter(done)).findFirst().orElse(null);
  }

  /** How many dates {@code from} to {@code to} holds, both included. */
  public static long days(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /**
   * The task id of a chain's link for a date after its first: derived (name-based UUID) from the
   * chain and the date, so a link run twice names the same successor and the queue's claim on it
   * keeps it single.
   */
  public static String linkTaskId(String chainId, LocalDate date) {
    return UUID.nameUUIDFromBytes(
            ("chain:" + chainId + ":" + date).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * The first link of a chain that runs {@code first}'s date, then each date up to {@code until},
   * then the stale dates after: a fresh task id, which is the chain's id too.
   */
  public static TaskEnvelope firstLink(ReconcileArgs first, LocalDate until, long nowMs) {
    String id = UUID.randomUUID().toString();
    return new TaskEnvelope(id, ReconcileArgs.TASK, first.inChain(id, until).toList(), 0, nowMs);
  }

  /**
   * Sends a chain from {@code first}'s date to {@code until} (the operator's enqueue, from the CLI
   * or the console), held until {@code eta} when given; returns its id, its first task's.
   */
  public static String sendChain(
      TaskClient client, ReconcileArgs first, LocalDate until, Instant eta, long nowMs) {
    TaskEnvelope link = firstLink(first, until, nowMs);
    // linkOf parses the arguments as a worker will: a bad one is refused before anything is sent.
    client.send(link, linkOf(link), eta);
    return link.taskId();
  }

  /**
   * Refuses, before anything is sent, a chain whose first run a worker would refuse because the
   * ledger's history before its date was pruned: the operator hears it at once, not from the failed
   * list. A ledger this host cannot read (a SQLite file on the workers' host, a server down) is
   * left to the worker, which checks again in the run's own transaction.
   *
   * @throws dev.reconciler.core.domain.UserError when the history the run would read was pruned
   */
  public static void refusePruned(Settings settings, ReconcileArgs first, Clock clock) {
    try (LedgerStore ledger = Ledgers.open(settings, first.databaseIn(settings.paths()), clock)) {
      ledger.refusePruned(first.businessDate());
    } catch (StoreException e) {
      // Not a reason to refuse the enqueue: the worker reads the ledger where it is.
    }
  }

  /** Where a link stands in its chain, for the queue's claim. */
  public static ChainLink linkOf(TaskEnvelope link) {
    ReconcileArgs args = ReconcileArgs.from(link.args());
    return new ChainLink(args.chain().id(), args.businessDate());
  }

  /**
   * The dates a rerun made stale in the ledger of this database, ascending: run before, and to be
   * run again in order, after the date that made them stale.
   */
  public static List<LocalDate> staleDates(Settings settings, Path database, Clock clock) {
    try (LedgerStore ledger = Ledgers.open(settings, database, clock)) {
      return ledger.staleDates();
    }
  }
}
