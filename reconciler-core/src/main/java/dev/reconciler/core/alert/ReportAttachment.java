package dev.reconciler.core.alert;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.RootedPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Whether a run's report goes with the alert, and the sentence that tells the reader where it is.
 * The path comes from the run record, which whoever can write the database can forge: only a
 * workbook really inside [paths] report_dir is ever attached.
 *
 * @param file the report to attach (its real location), or null
 */
record ReportAttachment(Path file, String note) {

  static ReportAttachment decide(String reportPath, Settings.Email email, Path reportDir) {
    if (reportPath == null || reportPath.isBlank()) {
      return new ReportAttachment(null, "No report was written for this run.");
    }
    if (!email.attachReport()) {
      return new ReportAttachment(null, "The report is at " + reportPath + ".");
    }
    Path path = attachable(reportPath, reportDir);
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

  /** The real location of an .xlsx path inside the report directory, or null. */
  private static Path attachable(String reportPath, Path reportDir) {
    if (RootedPaths.hasParentSegment(reportPath) || !reportPath.endsWith(".xlsx")) {
      return null;
    }
    try {
      return RootedPaths.within(Path.of(reportPath), reportDir);
    } catch (InvalidPathException e) {
      return null;
    }
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
