package dev.reconciler.core.imports;

/**
 * Why one row cannot be imported; {@link ExportCsv#forEachRow} turns it into {@link
 * ExportParser.RowSink#reject}. It carries no stack trace: it is an answer about data, not a fault,
 * and a file may hold many such rows.
 */
public final class RowRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code reason} must already be safe to print: quote file text with {@link Cells#quoted}. */
  public RowRejected(String reason) {
    super(reason, null, false, false);
  }
}
