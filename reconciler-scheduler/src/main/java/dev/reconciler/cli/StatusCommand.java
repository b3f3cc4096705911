package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.queue.ChainView;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.WrongTypeKey;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** reconciler status: a task's state, like Celery's AsyncResult. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show a task's state, attempt, worker, timestamps and result or error, and for a "
            + "reconcile its chain: every date with its task's state; for a group or chord id, its "
            + "state, count and every task's state. Exit 0 if known.")
final class StatusCommand implements Callable<Integer> {
  private static final List<String> ORDER =
      List.of(
          "state",
          "name",
          "queue",
          "args",
          "attempt",
          "worker",
          "deliveries",
          "redeliveries",
          "enqueued_at",
          "eta",
          "started_at",
          "retry_at",
          "finished_at",
          "result",
          "error_type",
          "error",
          "revoked_at",
          "note");

  /** Most links of a chain listed: a year's range, and its stale dates after. */
  private static final int MAX_LINKS = 1000;

  /** Longest value shown: a state hash is whatever Redis holds. */
  private static final int MAX_VALUE = 10_000;

  @Mixin CommonOptions common;

  @Parameters(paramLabel = "TASK_OR_GROUP_ID")
  String taskId;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    try (Broker broker = Broker.connect(settings, Clock.systemUTC())) {
      QueueInspector inspector = new QueueInspector(broker.queue);
      if (printGroup(inspector, taskId)) {
        return 0;
      }
      Map<String, String> state;
      try {
        state = broker.queue.state(taskId);
      } catch (WrongTypeKey e) {
        // Exit 2 like an unknown task: there is no state to show, and a script polling status
        // must not read exit 0 as "known"; the fix (removing the key) is the operator's.
        throw new UserError(
            "task " + SafeText.line(taskId, 200) + ": state unreadable: " + e.getMessage(), e);
      }
      if (state.isEmpty()) {
        throw new UserError(
            "no task "
                + SafeText.line(taskId, 200)
                + " (unknown, or older than [worker] result_expiry_hours)");
      }
      System.out.println("task_id      " + SafeText.line(taskId, MAX_VALUE));
      print(state);
      String group = state.get("group");
      if (group != null) {
        printGroupLine(inspector, group);
      }
      String chain = QueueInspector.chainOf(state);
      if (chain != null) {
        printChain(inspector, chain);
      }
      if (common.verbose && state.containsKey("traceback")) {
        // Line by line: a traceback has many lines, but each may quote payload data.
        state.get("traceback").lines().map(SafeText::line).forEach(System.out::println);
      }
    }
    return 0;
  }

  /**
   * A group or chord as one unit, if the id is one: its state, count, each member's state and
   * result, and the callback's state. Returns whether it was.
   */
  private static boolean printGroup(QueueInspector inspector, String id) {
    GroupView g;
    try {
      g = inspector.group(id);
    } catch (WrongTypeKey e) {
      throw new UserError("group " + SafeText.line(id, 200) + ": unreadable: " + e.getMessage(), e);
    }
    if (g == null) {
      return false;
    }
    System.out.println("group_id     " + SafeText.line(id, MAX_VALUE));
    System.out.println("kind         " + g.kind());
    print(g.fields());
    for (String key : List.of("created_at", "callback_queued_at", "failed_task")) {
      if (g.fields().containsKey(key)) {
        System.out.printf("%-12s %s%n", key, SafeText.line(g.fields().get(key), MAX_VALUE));
      }
    }
    System.out.println("done         " + g.done() + " of " + g.size());
    for (GroupView.Member m : g.members().subList(0, Math.min(MAX_LINKS, g.members().size()))) {
      printMember("  ", m);
    }
    if (g.callback() != null) {
      printMember("callback ", g.callback());
    }
    return true;
  }

  private static void printMember(String prefix, GroupView.Member m) {
    System.out.printf(
        "%s%s  %-8s %s%n",
        prefix,
        SafeText.line(m.taskId(), 200),
        m.state() == null ? "-" : SafeText.line(m.state(), 20),
        m.result() == null ? "" : SafeText.line(m.result(), 200));
  }

  /** The group or chord a task is part of, on one line. */
  private static void printGroupLine(QueueInspector inspector, String groupId) {
    String shown;
    try {
      GroupView g = inspector.group(groupId);
      shown = g == null ? "expired" : SafeText.line(g.summary());
    } catch (WrongTypeKey e) {
      shown = e.getMessage();
    }
    System.out.printf("group        %s: %s%n", SafeText.line(groupId, 200), shown);
  }

  /** A reconcile task's chain as one unit: its range and state, then every date's task. */
  private static void printChain(QueueInspector inspector, String chainId) {
    ChainView chain;
    try {
      chain = inspector.chain(chainId);
    } catch (WrongTypeKey e) {
      System.out.println("chain        " + SafeText.line(chainId, 200) + ": " + e.getMessage());
      return;
    }
    if (chain == null) {
      System.out.println("chain        " + SafeText.line(chainId, 200) + ": expired");
      return;
    }
    System.out.printf(
        "chain        %s: %s%n", SafeText.line(chainId, 200), SafeText.line(chain.summary()));
    for (ChainView.Link link :
        chain.links().subList(0, Math.min(MAX_LINKS, chain.links().size()))) {
      System.out.printf(
          "  %s  %-8s %s%n",
          link.date(),
          link.state() == null ? "expired" : SafeText.line(link.state(), 20),
          SafeText.line(link.taskId(), 200));
    }
    List<LocalDate> rest = chain.notQueued();
    if (!rest.isEmpty()) {
      System.out.printf(
          "  %s  %s%n",
          rest.size() == 1 ? rest.get(0) : rest.get(0) + " to " + rest.get(rest.size() - 1),
          chain.stoppedAt() == null
              ? "to come"
              : "not run: the chain stopped at the "
                  + (chain.failed() == null ? "revoked date" : "failure"));
    }
  }

  static void print(Map<String, String> state) {
    for (String key : ORDER) {
      if (state.containsKey(key) && !state.get(key).isEmpty()) {
        System.out.printf("%-12s %s%n", key, SafeText.line(state.get(key), MAX_VALUE));
      }
    }
  }
}
