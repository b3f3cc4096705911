package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reconciler.worker.queue.TaskStats.Counts;
import dev.reconciler.worker.queue.TaskStats.Outcome;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TaskStatsIT {
  @RegisterExtension static final QueueRedis REDIS = new QueueRedis();

  @Test
  void aDurationOnABoundCountsInThatBucketAndOnePastEveryBoundOnlyInInf() {
    TaskStats stats = new TaskStats(REDIS.connector());
    stats.record("ping", Outcome.SUCCEEDED, Duration.ofMillis(100));
    stats.record("ping", Outcome.RETRIED, Duration.ofMillis(101));
    stats.record("ping", Outcome.FAILED, Duration.ofHours(2));
    assertThat(stats.read()).as("held in memory until flushed").isEmpty();
    stats.flush();

    Counts ping = stats.read().get(0);
    int tenth = TaskStats.BOUNDS.indexOf(0.1);
    assertThat(ping.bucketCounts()[tenth]).isEqualTo(1);
    assertThat(ping.bucketCounts()[tenth + 1]).isEqualTo(1);
    assertThat(ping.bucketCounts()[TaskStats.BOUNDS.size()]).isEqualTo(1);
    assertThat(List.of(ping.succeeded(), ping.retried(), ping.failed(), ping.count()))
        .containsExactly(1L, 1L, 1L, 3L);
    assertThat(ping.sumSeconds()).isCloseTo(7200.201, within(1e-9));
  }

  @Test
  void manyWorkersCountingAtOnceLoseNothingAndBucketsAlwaysAddUpToTheCount() throws Exception {
    TaskStats stats = new TaskStats(REDIS.connector());
    ExecutorService workers = Executors.newFixedThreadPool(2);
    for (int i = 0; i < 200; i++) {
      Duration took = Duration.ofMillis(i * 7L);
      boolean flush = i % 10 == 0;
      workers.submit(
          () -> {
            stats.record("reconcile", Outcome.SUCCEEDED, took);
            if (flush) {
              stats.flush();
            }
          });
    }
    workers.shutdown();
    assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    stats.flush();

    Counts reconcile = stats.read().get(0);
    assertThat(reconcile.task()).isEqualTo("reconcile");
    assertThat(reconcile.succeeded()).isEqualTo(200);
    assertThat(reconcile.count()).isEqualTo(200);
    assertThat(Arrays.stream(reconcile.bucketCounts()).sum()).isEqualTo(200);
  }
}
