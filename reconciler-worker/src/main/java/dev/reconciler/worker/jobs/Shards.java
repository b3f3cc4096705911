package dev.reconciler.worker.jobs;

import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.task.BadArguments;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.task.TaskEnvelope;

/**
 * The chord of a sharded reconcile: its group id is derived from the reconcile task's id (a UUID,
 * name-based, so any task id fits a group id's length), so a redelivered reconcile task sends
 * nothing twice; its parts and merge must be the tasks of that chord.
 */
final class Shards {
  private Shards() {}

  /** The group id of the chord the reconcile task {@code taskId} sends. */
  static String groupId(String reconcileTaskId) {
    return GroupView.fannedOutAs(reconcileTaskId);
  }

  /**
   * Refuses a part or merge whose task is not {@code expectedTaskId} of the chord of the run it
   * names: a payload cannot write into another run's parts.
   *
   * @param runId a run id already checked to be of the accepted shape
   */
  static String checkInChord(
      TaskEnvelope task, String runId, java.util.function.UnaryOperator<String> expectedTaskId) {
    String group = groupId(RunIds.taskIdOf(runId));
    if (!group.equals(task.group()) || !task.taskId().equals(expectedTaskId.apply(group))) {
      throw new BadArguments(
          task.name()
              + ": task "
              + task.taskId()
              + " is not "
              + expectedTaskId.apply(group)
              + " of the chord "
              + group
              + " of run "
              + runId);
    }
    return group;
  }

  /** The member id of part {@code index}. */
  static java.util.function.UnaryOperator<String> member(int index) {
    return group -> GroupView.memberId(group, index);
  }
}
