package dev.reconciler.scheduler;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** The Quartz job: only enqueues the reconcile task for the fire time's business date. */
public final class EnqueueReconcileJob implements Job {
  static final String SCHEDULER_KEY = "reconciler.scheduler";

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      DailyScheduler scheduler =
          (DailyScheduler) context.getScheduler().getContext().get(SCHEDULER_KEY);
      scheduler.enqueueFor(context.getScheduledFireTime().toInstant());
    } catch (SchedulerException | RuntimeException e) {
      throw new JobExecutionException(
          "enqueue of the reconcile task failed: " + e.getMessage(), e, false);
    }
  }
}
