package dev.reconciler.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * The Quartz job that catches up missed fire times while the scheduler runs: a fire lost to a
 * misfire (the process stopped over it) or to an outage longer than its retries is enqueued by the
 * next run, not only by the next start.
 */
@DisallowConcurrentExecution
public final class CatchUpJob implements Job {
  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    EnqueueReconcileJob.scheduler(context).catchUpWhileRunning();
  }
}
