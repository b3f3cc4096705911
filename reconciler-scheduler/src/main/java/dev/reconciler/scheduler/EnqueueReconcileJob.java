package dev.reconciler.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The Quartz job: only enqueues the reconcile task for the fire time's business date, retrying
 * while Redis fails (Quartz itself never retries a job that threw).
 */
@DisallowConcurrentExecution
public final class EnqueueReconcileJob implements Job {
  static final String SCHEDULER_KEY = "reconciler.scheduler";

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    scheduler(context).enqueueRetrying(context.getScheduledFireTime().toInstant());
  }

  static DailyScheduler scheduler(JobExecutionContext context) throws JobExecutionException {
    try {
      return (DailyScheduler) context.getScheduler().getContext().get(SCHEDULER_KEY);
    } catch (SchedulerException e) {
      throw new JobExecutionException("no scheduler in Quartz's context: " + e.getMessage(), e);
    }
  }
}
