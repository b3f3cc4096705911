package dev.reconciler.web;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.worker.metrics.Metrics;
import dev.reconciler.worker.queue.TaskQueue;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;

/** /metrics: the same exposition as {@code reconciler metrics}, read fresh on each scrape. */
final class MetricsEndpoint implements Handler {
  private final Metrics metrics;

  MetricsEndpoint(Settings settings, TaskQueue queue, RunStore runs, Clock clock) {
    this.metrics = new Metrics(settings, queue, runs, clock);
  }

  @Override
  public void handle(Context ctx) {
    ctx.contentType(Metrics.contentType()).result(metrics.scrape());
  }
}
