package dev.reconciler.cli;

import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ImportFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** What one import reads, for both 'import' and 'enqueue import' (each has its own --db). */
final class ImportOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "stripe, adyen, paypal or csv ([import.csv] maps the columns)")
  String format;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      arity = "1..*",
      description =
          "the processor's export file; 'import' takes several (an Adyen report per batch:"
              + " --file settlement_detail_report_batch_*.csv), each its own transaction")
  List<Path> files;

  /** True when either option was given. */
  boolean given() {
    return format != null || files != null;
  }

  /** The files to import, in the order given; {@link #format} checks that there is one. */
  List<Path> files() {
    return List.copyOf(files);
  }

  /** The one file of a queued import, which takes one: refused when several were given. */
  Path file() {
    if (files.size() > 1) {
      throw new UserError(
          "enqueue import takes one --file, not "
              + files.size()
              + ": enqueue an import for each (each is a task of its own)");
    }
    return files.get(0);
  }

  /** The format asked for; both options are required, checked here so the error is one line. */
  ImportFormat format() {
    ImportFormat f = format == null ? null : ImportFormat.byId(format);
    if (f == null) {
      throw new UserError(
          (format == null ? "--format is required" : "unknown --format '" + format + "'")
              + ": use "
              + Arrays.stream(ImportFormat.values())
                  .map(ImportFormat::id)
                  .collect(Collectors.joining(", ")));
    }
    if (files == null || files.isEmpty()) {
      throw new UserError("--file is required: the export to import");
    }
    return f;
  }
}
