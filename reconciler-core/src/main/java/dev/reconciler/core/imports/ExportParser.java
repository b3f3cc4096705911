package dev.reconciler.core.imports;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;

/**
 * Reads one processor export as a stream: each good row goes to {@link RowSink#row}, each bad one
 * to {@link RowSink#reject} with its line and reason, and nothing is held beyond the current row,
 * so memory does not grow with the file.
 */
public interface ExportParser {

  /**
   * Parses {@code in} (a BOM, if any, is skipped by the parser; LF or CRLF line ends).
   *
   * @param sourceFile the name recorded on every row
   * @throws ImportFormatException when the file is not this format (a required column missing,
   *     named in the message): nothing of it may be imported
   */
  void parse(Reader in, String sourceFile, RowSink sink);

  /**
   * Parses the file {@code file} opens, as {@link #parse(Reader, String, RowSink)} does. A format
   * whose rows depend on records further on (PayPal: a section's payout comes after the rows it
   * pays out) may open it twice, once to look ahead.
   */
  default void parse(Opener file, String sourceFile, RowSink sink) throws IOException {
    try (Reader in = file.open()) {
      parse(in, sourceFile, sink);
    }
  }

  /** Opens the export file from its start, each time it is called. */
  @FunctionalInterface
  interface Opener {
    Reader open() throws IOException;
  }

  /** Where parsed rows go. */
  interface RowSink {
    void row(ProcessorRow row);

    /** A row that cannot be imported: {@code line} as in {@link ProcessorRow#sourceLine}. */
    void reject(long line, String reason);

    /**
     * A record that cannot be imported and took lines {@code line} to {@code lastLine} (the same
     * line for a record on one line): each line it took is a row lost, so a sink that counts rows
     * counts each.
     */
    default void reject(long line, long lastLine, String reason) {
      reject(line, reason);
    }

    /**
     * As {@link #reject(long, long, String)}, with the transaction id the row's cell held as
     * written ({@code rawId}, null when none), which the sink may keep.
     */
    default void reject(long line, long lastLine, String reason, String rawId) {
      reject(line, lastLine, reason);
    }

    /**
     * Something about the file as a whole its importer should be told, not a rejected row: rows
     * read in a way a setting may not have meant (one line, as a person reads it).
     */
    default void note(String message) {}

    /**
     * As {@link #reject(long, long, String, String)}, with the row's time where it could be read
     * ({@code at}, else null), which places the rejection on the day it belongs to.
     */
    default void reject(long line, long lastLine, String reason, String rawId, Instant at) {
      reject(line, lastLine, reason, rawId);
    }
  }
}
