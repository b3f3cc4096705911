package dev.reconciler.web;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.runs.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which workbook a run's download may serve: only the file its record names, and only when that
 * file, its symlinks resolved, is a regular .xlsx file inside [paths] report_dir. The request names
 * a run, never a path.
 */
final class Workbooks {
  private Workbooks() {}

  /** The real path to serve for this run, or null when there is none it may serve. */
  static Path servable(RunRecord run, Settings settings) {
    if (run == null || run.reportPath() == null || run.reportPath().isBlank()) {
      return null;
    }
    try {
      Path root = settings.paths().reportDir().toRealPath();
      Path file = Path.of(run.reportPath()).toRealPath();
      boolean inside = file.startsWith(root) && !file.equals(root);
      boolean workbook = file.getFileName().toString().endsWith(".xlsx");
      return inside && workbook && Files.isRegularFile(file) ? file : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
