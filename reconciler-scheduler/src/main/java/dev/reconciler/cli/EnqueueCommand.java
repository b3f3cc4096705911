package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.task.ImportArgs;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.queue.Signature;
import dev.reconciler.worker.queue.TaskClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** reconciler enqueue: an operator's ad-hoc task (a rerun is a new task and a new run). */
@Command(
    name = "enqueue",
    mixinStandardHelpOptions = true,
    description =
        "Enqueue a task for the workers and print its task id. Tasks: reconcile, import, ping; "
            + "'group TASK...' sends tasks as one group, 'chord --callback TASK TASK...' a group "
            + "whose callback runs once all have succeeded (tasks without arguments: ping), and "
            + "prints the group id.")
final class EnqueueCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(
      index = "0",
      paramLabel = "TASK",
      description = "reconcile, import, ping, group or chord")
  String task;

  @Parameters(
      index = "1..*",
      paramLabel = "MEMBER",
      description = "for group and chord: the tasks to send together")
  List<String> members = List.of();

  @Option(
      names = "--callback",
      paramLabel = "TASK",
      description = "for chord: the task to run once every member has succeeded")
  String callback;

  @Option(
      names = "--id",
      paramLabel = "GROUP_ID",
      description =
          "for group and chord: the group id (default a new one); sending an id again adds nothing")
  String groupId;

  @Mixin RunOptions run;

  @Mixin ImportOptions importing;

  @ArgGroup(exclusive = true)
  When when;

  static final class When {
    @Option(
        names = "--countdown",
        paramLabel = "SECONDS",
        description = "run no earlier than this many seconds from now")
    Long countdown;

    @Option(
        names = "--eta",
        paramLabel = "TIME",
        description = "run no earlier than this ISO-8601 time with offset")
    String eta;
  }

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    if (task.equals(GroupView.GROUP) || task.equals(GroupView.CHORD)) {
      return enqueueGroup(settings, clock);
    }
    if (!members.isEmpty() || callback != null || groupId != null) {
      throw new UserError(
          "more tasks, --callback and --id are for 'enqueue group' and 'enqueue chord', not "
              + task);
    }
    if (task.equals(ReconcileArgs.TASK)) {
      return enqueueChain(settings, clock);
    }
    List<Object> args =
        switch (task) {
          case ImportArgs.TASK -> importArgs(settings);
          case TaskCatalog.PING -> List.of();
          default ->
              throw new UserError("cannot enqueue '" + task + "': use reconcile, import or ping");
        };
    Instant eta = eta(clock);
    try (Broker broker = Broker.connect(settings, clock)) {
      String id = new TaskClient(broker.queue, settings, clock).send(task, args, eta);
      System.out.println(id);
    }
    return 0;
  }

  /**
   * A group or chord of tasks that take no arguments, sent in one step; prints the group id, which
   * 'status' and 'revoke' take.
   */
  private int enqueueGroup(Settings settings, Clock clock) {
    boolean chord = task.equals(GroupView.CHORD);
    if (members.isEmpty()) {
      throw new UserError("'enqueue " + task + "' needs the tasks to send, e.g. ping ping ping");
    }
    if (chord != (callback != null)) {
      throw new UserError(
          chord
              ? "'enqueue chord' needs --callback TASK"
              : "--callback is for 'enqueue chord'; a group has none");
    }
    if (when != null
        || importing.given()
        || run.datesGiven()
        || run.db != null
        || run.out != null) {
      throw new UserError("'enqueue " + task + "' takes only tasks, --callback and --id");
    }
    List<Signature> sent = members.stream().map(EnqueueCommand::withoutArguments).toList();
    Signature then = chord ? withoutArguments(callback) : null;
    String id = groupId == null ? TaskClient.newGroupId() : groupId;
    try (Broker broker = Broker.connect(settings, clock)) {
      // A retried send (after a timeout, say) is safe: the id is claimed once, and says so.
      if (!new TaskClient(broker.queue, settings, clock).sendGroup(id, sent, then)) {
        System.err.println("group " + id + " was sent before; nothing was added");
      }
      System.out.println(id);
    }
    return 0;
  }

  /** A member or callback named on the command line, which can give it no arguments. */
  private static Signature withoutArguments(String name) {
    if (!name.equals(TaskCatalog.PING)) {
      throw new UserError(
          "'"
              + name
              + "' cannot be sent in a group from the command line: only tasks that take no"
              + " arguments (ping) can");
    }
    return new Signature(name, List.of());
  }

  /**
   * A reconcile is one chain: its first link runs the first date, and each link that succeeds
   * enqueues the next (the next date of the range, then the dates made stale). Prints the first
   * link's task id, which is the chain's id: 'status' shows the chain under it.
   */
  private int enqueueChain(Settings settings, Clock clock) {
    RequestedDates dates = RequestedDates.of(run, settings.reconciliation().timezone(), clock);
    ReconcileArgs first = reconcileArgs(settings, dates.from());
    Instant eta = eta(clock);
    RunOrder.refusePruned(settings, first, clock);
    try (Broker broker = Broker.connect(settings, clock)) {
      TaskClient client = new TaskClient(broker.queue, settings, clock);
      System.out.println(RunOrder.sendChain(client, first, dates.to(), eta, clock.millis()));
    }
    return 0;
  }

  /**
   * The reconcile task's arguments, refused here (exit 2) when a worker would refuse them: a date
   * out of range, or a --db / --out outside the paths a task may name ([paths] allowed_roots).
   */
  private ReconcileArgs reconcileArgs(Settings settings, LocalDate date) {
    if (importing.given()) {
      throw new UserError("--format and --file are for 'enqueue import', not " + task);
    }
    ReconcileArgs args =
        new ReconcileArgs(
            date,
            run.db == null ? null : run.db.toAbsolutePath().normalize().toString(),
            run.out == null ? null : run.out.toAbsolutePath().normalize().toString());
    ReconcileArgs checked = ReconcileArgs.from(args.toList());
    checked.databaseIn(settings.paths());
    checked.reportDirIn(settings.paths());
    return checked;
  }

  /**
   * The import task's arguments, refused here (exit 2) when a worker would refuse them: a --file or
   * --db outside the paths a task may name. The file's existence is the worker's to check, at run
   * time: it may be copied in after the task is queued for later.
   */
  private List<Object> importArgs(Settings settings) {
    if (run.date != null || run.out != null) {
      throw new UserError("--date and --out are for 'enqueue reconcile', not import");
    }
    if (run.datesGiven()) {
      throw new UserError("--from and --to are for 'enqueue reconcile', not import");
    }
    // A worker would import into PostgreSQL and ignore the file: say so now, as 'import' does.
    CommonOptions.refuseDbOnPostgres(run.db, settings, "the rows");
    ImportFormat format = importing.format();
    List<Object> args =
        new ImportArgs(
                format,
                importing.file().toAbsolutePath().normalize().toString(),
                run.db == null ? null : run.db.toAbsolutePath().normalize().toString())
            .toList();
    ImportArgs checked = ImportArgs.from(args);
    checked.fileIn(settings.paths());
    checked.databaseIn(settings.paths());
    return args;
  }

  /** When to run, checked before connecting: a user error is reported as one, Redis up or not. */
  private Instant eta(Clock clock) {
    if (when == null) {
      return null;
    }
    Instant now = clock.instant();
    if (when.countdown != null) {
      return TaskClient.countdown(now, when.countdown, "--countdown");
    }
    Instant eta;
    try {
      eta = OffsetDateTime.parse(when.eta).toInstant();
    } catch (DateTimeParseException e) {
      throw new UserError(
          "--eta '"
              + when.eta
              + "' is not an ISO-8601 time with offset, e.g. 2026-11-25T06:00:00Z");
    }
    if (eta.isAfter(TaskClient.LATEST_ETA)) {
      throw new UserError(
          "--eta '"
              + when.eta
              + "' is after "
              + TaskClient.LATEST_ETA
              + ", the latest a task may wait for");
    }
    return eta;
  }
}
