package dev.reconciler.worker.jobs;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.imports.ImportSummary;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.store.ImportLog;
import dev.reconciler.core.task.ImportArgs;
import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The import task: one processor export into the input database. A redelivery or retry is harmless:
 * rows already imported are skipped by their key, and a failed attempt left nothing.
 */
public final class ImportJob implements TaskHandler {
  private final ImportArgs args;
  private final String taskId;
  private final Path file;
  private final Path database;
  private final JobContext ctx;

  /** Checks the arguments, including that the file and database lie where a task may work. */
  public ImportJob(ImportArgs args, String taskId, JobContext ctx) {
    this.args = args;
    this.taskId = taskId;
    this.file = args.fileIn(ctx.settings().paths());
    this.database = args.databaseIn(ctx.settings().paths());
    this.ctx = ctx;
  }

  @Override
  public TaskResult run() throws Exception {
    ProcessorImporter importer = new ProcessorImporter(ctx.settings());
    if (!Files.exists(file)) {
      // A worker stopped between the import's commit and its success: by the redelivery the file
      // may have been moved on (an inbox emptied once imported). This task's import is in, so the
      // task is done; failing it "file not found" would only send an operator after a done
      // import. Another task's import of a file of that name says nothing of this one's.
      Optional<ImportLog.Entry> done = importer.importedBy(taskId, database);
      if (done.isPresent()) {
        return TaskResult.of(
            String.format(
                "%s file %s: not there any more, and this task imported it at %s (%,d rows"
                    + " added%s): imported already by an earlier attempt",
                args.format().id(),
                SafeText.line(file.getFileName().toString(), 300),
                done.get().at(),
                done.get().rowsAdded(),
                // Its rejections are on the report of each day its rows reach.
                done.get().rowsRejected() == null
                    ? ""
                    : String.format(Locale.ROOT, ", %,d rejected", done.get().rowsRejected())));
      }
    }
    // A file whose every row is rejected is refused (ImportRefused, a UserError): FAILURE at once,
    // into the failed set where it is seen, as another attempt would reject its rows again.
    ImportSummary summary = importer.importFile(args.format(), file, database, taskId);
    return TaskResult.of(summary.result(ctx.settings().reconciliation().timezone()));
  }
}
