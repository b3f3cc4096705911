package dev.reconciler.core.alert;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunWorkbooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a run's report goes with the alert, and the sentence that tells the reader where it is.
 * The path comes from the run record, which whoever can write the database can forge: only a
 * workbook really inside [paths] report_dir is ever attached.
 *
 * @param file the report to attach (its real location), or null
 */
record ReportAttachment(Path file, String note) {

  /**
   * @param storedCopy the workbook as read back from the run store's database (a file this process
   *     wrote, no larger than attach_max_bytes), or null: used when the report is not on this host
   * @param replacedBy a later run of the date whose workbook now fills the report file, or null
   */
  static ReportAttachment decide(
      String reportPath,
      Settings.Email email,
      Path reportDir,
      Path storedCopy,
      RunRecord replacedBy) {
    if (storedCopy != null && email.attachReport()) {
      return new ReportAttachment(
          storedCopy,
          "The report is attached, from the database; the run wrote it to " + reportPath + ".");
    }
    if (reportPath == null || reportPath.isBlank()) {
      return new ReportAttachment(null, "No report was written for this run.");
    }
    if (replacedBy != null) {
      return new ReportAttachment(
          null,
          "Its report is gone: run "
              + replacedBy.runId()
              + ", a later run of the same date, wrote its own to "
              + reportPath
              + " before this alert was sent ([report] store = database keeps every run's).");
    }
    if (!email.attachReport()) {
      return new ReportAttachment(null, "The report is at " + reportPath + ".");
    }
    Path path = RunWorkbooks.localFile(reportPath, reportDir);
    if (path == null) {
      return new ReportAttachment(
          null,
          "The report is at "
              + reportPath
              + " (not attached: only a workbook inside "
              + reportDir
              + " is).");
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
