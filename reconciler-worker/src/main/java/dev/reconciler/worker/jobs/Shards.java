package dev.reconciler.worker.jobs;

import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.task.BadArguments;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.task.TaskEnvelope;

/**
 * The chord of a sharded reconcile, whose group id the reconcile task's id gives ({@link
 * GroupView#fannedOutAs}): its parts and merge must be the tasks of that chord.
 */
final class Shards {
  private Shards() {}

  /**
   * Refuses a part or merge whose task is not {@code expectedTaskId} of the chord of the run it
   * names: a payload cannot write into another run's parts.
   *
   * @param runId a run id already checked to be of the accepted shape
   */
  static String checkInChord(
      TaskEnvelope task, String runId, java.util.function.UnaryOperator<String> expectedTaskId) {
    String group = GroupView.fannedOutAs(RunIds.taskIdOf(runId));
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
