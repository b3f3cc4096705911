package dev.reconciler.worker.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.alert.Alert;
import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.fuzz.HostileStrings;
import dev.reconciler.core.reconcile.RunIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AlertEmailsTest {
  private static final String TASK_ID_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

  @Test
  void runIdsThatDifferOnlyInAColonOrAnUnderscoreShareNeitherMessageIdNorFile() {
    Alert colon = Alerts.anAlert("run-2026-11-24-a:b", AlertKind.DISCREPANCIES);
    Alert underscore = Alerts.anAlert("run-2026-11-24-a_b", AlertKind.DISCREPANCIES);

    assertThat(AlertEmails.messageId(colon)).isNotEqualTo(AlertEmails.messageId(underscore));
    assertThat(OutboxAlertSender.fileName(colon))
        .isNotEqualTo(OutboxAlertSender.fileName(underscore));
  }

  @Test
  void aValidRunIdIsKeptAsItIsInMessageIdAndFileName() {
    Alert alert = Alerts.anAlert("run-2026-11-24-A.b_c-9", AlertKind.FAILURE);

    assertThat(AlertEmails.messageId(alert))
        .isEqualTo("<run-2026-11-24-A.b_c-9.failure@reconciler>");
    assertThat(OutboxAlertSender.fileName(alert)).isEqualTo("run-2026-11-24-A.b_c-9.failure.eml");
  }

  @Test
  void noTwoRunIdAndKindPairsShareAMessageIdOrAFileName() {
    List<String> runIds = new ArrayList<>(validRunIds());
    for (String hostile : HostileStrings.generate(8, 3000, List.of("run-2026-11-24-a_b"))) {
      runIds.add("run-2026-11-24-" + hostile);
    }
    assertOneToOne(runIds, AlertEmails::messageId);
    assertOneToOne(runIds, OutboxAlertSender::fileName);
  }

  @Test
  void messageIdsAndFileNamesHoldOnlySafeCharacters() {
    for (String hostile : HostileStrings.generate(9, 3000, List.of("run-2026-11-24-a_b"))) {
      Alert alert = Alerts.anAlert(hostile, AlertKind.FAILURE);
      assertThat(AlertEmails.messageId(alert))
          .as(HostileStrings.escape(hostile))
          .matches("<[A-Za-z0-9._+-]+@reconciler>");
      assertThat(OutboxAlertSender.fileName(alert))
          .as(HostileStrings.escape(hostile))
          .matches("[A-Za-z0-9._+-]+\\.eml");
    }
  }

  /** Run ids the task-id rule accepts, dense in '.', '_' and '-', and some that end like a kind. */
  private static List<String> validRunIds() {
    List<String> ids = new ArrayList<>();
    for (String taskId :
        List.of(
            "a", "a.b", "a_b", "a-b", "a..b", "a__b", "a.failure", "a.discrepancies", "_", ".")) {
      ids.add("run-2026-11-24-" + taskId);
    }
    SplittableRandom random = new SplittableRandom(20261124L);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder taskId = new StringBuilder();
      int length = 1 + random.nextInt(random.nextBoolean() ? 4 : RunIds.TASK_ID_MAX_CHARS);
      for (int c = 0; c < length; c++) {
        // Mostly the separators, so near-misses are common.
        taskId.append(
            random.nextInt(3) == 0
                ? TASK_ID_CHARS.charAt(random.nextInt(TASK_ID_CHARS.length()))
                : "._-ab".charAt(random.nextInt(5)));
      }
      ids.add("run-2026-11-24-" + taskId);
    }
    ids.forEach(id -> assertThat(RunIds.dateOf(id)).as(id).isEqualTo("2026-11-24"));
    return ids;
  }

  private static void assertOneToOne(List<String> runIds, Function<Alert, String> output) {
    Map<String, String> firstInput = new HashMap<>();
    for (String runId : runIds) {
      for (AlertKind kind : AlertKind.values()) {
        String input = runId + " / " + kind.id();
        String before = firstInput.putIfAbsent(output.apply(Alerts.anAlert(runId, kind)), input);
        if (before != null && !before.equals(input)) {
          throw new AssertionError(
              HostileStrings.escape(before) + " and " + HostileStrings.escape(input) + " collide");
        }
      }
    }
  }
}
