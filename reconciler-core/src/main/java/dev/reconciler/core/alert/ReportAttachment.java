package dev.reconciler.core.alert;

import dev.reconciler.core.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a run's report goes with the alert, and the sentence that tells the reader where it is.
 *
 * @param file the report to attach, or null
 */
record ReportAttachment(Path file, String note) {

  static ReportAttachment decide(String reportPath, Settings.Email email) {
    if (reportPath == null || reportPath.isBlank()) {
      return new ReportAttachment(null, "No report was written for this run.");
    }
    Path path = Path.of(reportPath);
    if (!email.attachReport()) {
      return new ReportAttachment(null, "The report is at " + reportPath + ".");
    }
    if (!Files.isRegularFile(path)) {
      return new ReportAttachment(
          null, "The report should be at " + reportPath + " but was not found there.");
    }
    long size = sizeOf(path);
    if (size < 0 || size > email.attachMaxBytes()) {
      return new ReportAttachment(null, notAttached(reportPath, size, email.attachMaxBytes()));
    }
    return new ReportAttachment(path, "The report is attached; it is also at " + reportPath + ".");
  }

  private static String notAttached(String reportPath, long size, long limit) {
    String why =
        size < 0
            ? "its size could not be read"
            : "too large to attach: " + size + " bytes, limit " + limit;
    return "The report is at " + reportPath + " (" + why + ").";
  }

  private static long sizeOf(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      return -1;
    }
  }
}
