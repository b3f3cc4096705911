package dev.reconciler.core.imports;

/**
 * Why one row cannot be imported; {@link ExportCsv#forEachRow} turns it into {@link
 * ExportParser.RowSink#reject}. It carries no stack trace: it is an answer about data, not a fault,
 * and a file may hold many such rows.
 */
public final class RowRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The last line the rejected record took, when it took more than its first; else 0. */
  private final long lastLine;

  /** {@code reason} must already be safe to print: quote file text with {@link Cells#quoted}. */
  public RowRejected(String reason) {
    this(reason, 0);
  }

  private RowRejected(String reason, long lastLine) {
    super(reason, null, false, false);
    this.lastLine = lastLine;
  }

  /**
   * A record whose cells run over several lines where one line was expected ({@code why}): most
   * likely a quote never closed, which takes every line after it into one cell until the next quote
   * or the end of the file. Every line it took is lost to the reader, so the rejection names them.
   */
  public static RowRejected unclosedQuote(ExportRecord record, String why) {
    long first = record.getStartingLineNumber();
    long last = record.getEndingLineNumber();
    return new RowRejected(
        "unclosed quote? cell runs from line " + first + " to line " + last + ": " + why, last);
  }

  /** The last line the record took when it took several, else 0: each is a row not read. */
  public long lastLine() {
    return lastLine;
  }
}
