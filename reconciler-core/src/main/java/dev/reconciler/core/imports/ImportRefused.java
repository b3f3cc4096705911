package dev.reconciler.core.imports;

/**
 * A file whose every row was rejected ({@link ImportSummary#everyRowRejected}): refused as a file
 * of the wrong format is, nothing imported, with the summary that lists its rejections.
 */
public final class ImportRefused extends ImportFormatException {
  private static final long serialVersionUID = 1L;

  private final transient ImportSummary summary;

  public ImportRefused(ImportSummary summary) {
    super(summary.refusal());
    this.summary = summary;
  }

  /** What the import found: the rejected rows with line and reason. */
  public ImportSummary summary() {
    return summary;
  }
}
