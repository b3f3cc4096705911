package dev.reconciler.cli;

import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ImportFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** What one import reads, for both 'import' and 'enqueue import' (each has its own --db). */
final class ImportOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "stripe, adyen, paypal or csv ([import.csv] maps the columns)")
  String format;

  @Option(names = "--file", paramLabel = "FILE", description = "the processor's export file")
  Path file;

  /** True when either option was given. */
  boolean given() {
    return format != null || file != null;
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
    if (file == null) {
      throw new UserError("--file is required: the export to import");
    }
    return f;
  }
}
