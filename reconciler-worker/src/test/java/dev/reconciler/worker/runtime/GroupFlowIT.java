package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.task.ImportArgs;
import dev.reconciler.worker.mail.AlertSenders;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.Signature;
import dev.reconciler.worker.queue.TaskClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups and chords with an in-process worker running the real task catalog and a real Redis: a
 * chord's callback runs once after its members, and a member that fails for good fails the chord
 * with one alert naming it.
 */
class GroupFlowIT {
  private static final Duration LONG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private GroupView group(String id) {
    return new QueueInspector(harness.queue).group(id);
  }

  private GroupView awaitGroup(String id, String state) {
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> state.equals(group(id).state()));
    return group(id);
  }

  @Test
  void aChordRunsItsCallbackOnceAfterEveryMemberSucceededWithTheGroupIdToReadTheirResults() {
    harness = new WorkerHarness(dir, Map.of());
    harness.startWorker();
    String id = TaskClient.newGroupId();
    Signature ping = new Signature("ping", List.of());

    assertThat(harness.client.sendGroup(id, List.of(ping, ping, ping), ping)).isTrue();
    GroupView chord = awaitGroup(id, "SUCCESS");

    assertThat(chord.kind()).isEqualTo(GroupView.CHORD);
    assertThat(chord.done()).isEqualTo(3);
    assertThat(chord.members())
        .extracting(GroupView.Member::taskId)
        .containsExactly(id + ".0", id + ".1", id + ".2");
    assertThat(chord.members()).extracting(GroupView.Member::result).containsOnly("pong");
    assertThat(chord.callback().state()).isEqualTo("SUCCESS");
    Map<String, String> callback = harness.queue.state(GroupView.callbackId(id));
    assertThat(callback).containsEntry("deliveries", "1").containsEntry("args", "[\"" + id + "\"]");
    // As instants: Instant.toString() leaves out a whole second's ".000" (see
    // ChordCrashRecoveryIT).
    assertThat(Instant.parse(callback.get("started_at")))
        .isAfterOrEqualTo(Instant.parse(harness.queue.state(id + ".2").get("finished_at")));
    assertThat(chord.summary()).isEqualTo("chord SUCCESS: 3 of 3 done, callback SUCCESS");
  }

  @Test
  void aMemberThatFailsForGoodFailsTheChordWithOneAlertNamingItAndTheCallbackNeverRuns()
      throws Exception {
    harness = new WorkerHarness(dir, Map.of("RECONCILER_TASKS_IMPORT_MAX_RETRIES", "0"));
    harness.startWorker();
    String id = TaskClient.newGroupId();
    // Two members that fail for good (their file is not there), one that succeeds.
    Signature missing =
        new Signature(ImportArgs.TASK, List.of("stripe", dir.resolve("missing.csv").toString()));
    Signature ping = new Signature("ping", List.of());

    harness.client.sendGroup(id, List.of(missing, ping, missing), ping);
    awaitGroup(id, "FAILURE");
    await().atMost(LONG).until(() -> "FAILURE".equals(harness.queue.state(id + ".2").get("state")));
    await().atMost(LONG).until(() -> "SUCCESS".equals(harness.queue.state(id + ".1").get("state")));
    String runId = RunIds.forTask(LocalDate.now(ZoneOffset.UTC), id);
    Path alert = AlertSenders.outboxFile(harness.settings, runId, AlertKind.FAILURE);
    await().atMost(LONG).until(() -> Files.isRegularFile(alert));

    GroupView chord = group(id);
    assertThat(chord.fields()).containsEntry("failed_task", id + ".0");
    assertThat(chord.fields().get("error")).contains("missing.csv");
    assertThat(chord.callback().state()).isNull();
    assertThat(chord.summary()).startsWith("chord FAILURE: 1 of 3 done, callback not queued");
    assertThat(Emails.parse(alert).getSubject()).contains("FAILED group " + id);
    assertThat(Emails.plainText(Emails.parse(alert)))
        .contains("Group or chord " + id + " failed")
        .contains(id + ".0")
        .contains("reconciler status " + id);
    try (var files = Files.list(harness.settings.paths().outboxDir())) {
      assertThat(files.toList()).hasSize(1);
    }
    assertThat(harness.failedCount()).isEqualTo(2);
  }
}
