package dev.reconciler.worker.mail;

import dev.reconciler.core.alert.Alert;
import dev.reconciler.core.alert.AlertKind;
import java.nio.file.Path;
import java.util.List;

/** Test data: alerts as the composer would make them, without needing a run record. */
final class Alerts {
  static final String RUN_ID = "run-2026-11-24-task-7";

  private Alerts() {}

  /** A run id and subject carrying a header line, as a hostile payload would have made them. */
  static Alert anAlertWithInjectedHeaders() {
    String runId = "run-y\r\nBcc: evil@attacker.example";
    return new Alert(
        runId,
        AlertKind.FAILURE,
        List.of("ops@example.com"),
        "reconciler@example.com",
        "[Reconciler] FAILED\r\nBcc: evil2@attacker.example",
        "body\r\n",
        "<html><body>body</body></html>",
        Alert.messageId(runId, AlertKind.FAILURE),
        null);
  }

  /** An alert of one run and kind, the rest fixed: for tests of what the ids become. */
  static Alert anAlert(String runId, AlertKind kind) {
    return new Alert(
        runId,
        kind,
        List.of("ops@example.com"),
        "reconciler@example.com",
        "[Reconciler] " + kind.id(),
        "body\n",
        "<html><body>body</body></html>",
        Alert.messageId(runId, kind),
        null);
  }

  static Alert aDiscrepancyAlert(Path attachmentOrNull) {
    return new Alert(
        RUN_ID,
        AlertKind.DISCREPANCIES,
        List.of("ops@example.com", "cfo@example.com"),
        "reconciler@example.com",
        "[Reconciler] 2026-11-24: 123 discrepancies (match rate 96.00%)",
        "The reconciliation of 2026-11-24 found 123 discrepancies.\n",
        "<html><body><p>The reconciliation of 2026-11-24 found <b>123</b> discrepancies.</p>"
            + "</body></html>",
        Alert.messageId(RUN_ID, AlertKind.DISCREPANCIES),
        attachmentOrNull);
  }
}
