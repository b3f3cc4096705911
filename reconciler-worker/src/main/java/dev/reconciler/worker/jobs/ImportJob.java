package dev.reconciler.worker.jobs;

import dev.reconciler.core.imports.ImportSummary;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.task.ImportArgs;
import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskResult;
import java.nio.file.Path;

/**
 * The import task: one processor export into the input database. A redelivery or retry is harmless:
 * rows already imported are skipped by their key, and a failed attempt left nothing.
 */
public final class ImportJob implements TaskHandler {
  private final ImportArgs args;
  private final Path file;
  private final Path database;
  private final JobContext ctx;

  /** Checks the arguments, including that the file and database lie where a task may work. */
  public ImportJob(ImportArgs args, JobContext ctx) {
    this.args = args;
    this.file = args.fileIn(ctx.settings().paths());
    this.database = args.databaseIn(ctx.settings().paths());
    this.ctx = ctx;
  }

  @Override
  public TaskResult run() throws Exception {
    ImportSummary summary =
        new ProcessorImporter(ctx.settings()).importFile(args.format(), file, database);
    return TaskResult.of(summary.oneLine());
  }
}
