package dev.reconciler.worker.jobs;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.runs.RunWorkbooks;
import dev.reconciler.core.runs.StoredWorkbook;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's workbook read back from the database into a private temporary file, to attach to its
 * alert on a host whose report_dir does not have it; deleted when closed.
 */
final class StoredCopy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoredCopy.class);

  /** No copy: nothing to attach from the database. */
  static final StoredCopy NONE = new StoredCopy(null, null);

  private final Path dir;
  private final Path file;

  private StoredCopy(Path dir, Path file) {
    this.dir = dir;
    this.file = file;
  }

  /** The run's stored workbook when the alert may attach it (attach_report, attach_max_bytes). */
  static StoredCopy of(RunWorkbooks workbooks, String runId, Settings.Email email) {
    if (!email.attachReport()) {
      return NONE;
    }
    StoredWorkbook stored = workbooks.stored(runId);
    if (stored == null || stored.size() == null || stored.size() > email.attachMaxBytes()) {
      return NONE;
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("reconciler-alert-");
      // The name only: AlertEmails sanitises it again for the attachment header.
      Path file = dir.resolve(Path.of(stored.fileName()).getFileName().toString());
      try (OutputStream out = Files.newOutputStream(file)) {
        workbooks.copyTo(runId, out);
      }
      return new StoredCopy(dir, file);
    } catch (IOException | RuntimeException e) {
      new StoredCopy(dir, null).close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** The copy to attach, or null when there is none. */
  Path file() {
    return file;
  }

  @Override
  public void close() {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.warn("Could not delete the workbook copy in {}: {}", dir, e.toString());
    }
  }
}
