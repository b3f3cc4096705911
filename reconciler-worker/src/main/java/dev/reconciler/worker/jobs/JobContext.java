package dev.reconciler.worker.jobs;

import dev.reconciler.core.config.Settings;
import dev.reconciler.worker.mail.AlertSender;
import dev.reconciler.worker.queue.RedisConnector;
import java.time.Clock;

/** What jobs share in one worker process: settings, time, Redis (for idempotency keys), mail. */
public record JobContext(
    Settings settings, Clock clock, RedisConnector redis, AlertSender alerts) {}
