package dev.reconciler.worker.jobs;

import dev.reconciler.core.config.Settings;
import dev.reconciler.worker.mail.AlertSender;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.queue.TaskQueue;
import java.time.Clock;

/** What jobs share in one worker process: settings, time, Redis (for idempotency keys), mail. */
public record JobContext(Settings settings, Clock clock, RedisConnector redis, AlertSender alerts) {

  /** A client that sends tasks through this worker's Redis (a task that fans out sends a chord). */
  public TaskClient tasks() {
    return new TaskClient(
        new TaskQueue(redis, settings.redis().namespace(), settings.worker().resultExpiry(), clock),
        settings,
        clock);
  }
}
