package dev.reconciler.core.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * Text with one leading byte-order mark dropped and every line end (CRLF, or a CR alone) turned
 * into LF, inside quoted fields too, so the CSV splitter never sees a CR. FastCSV 4.1.0 mis-reads a
 * record whose last field is quoted and holds a CR not followed by LF: it drops that field's text
 * and takes the next line's first field in its place ({@code a,"x\ry"\nq} reads as {@code a,q}), a
 * silent wrong value. Line numbers are unchanged: CR, LF and CRLF each end one line either way.
 */
final class LineFeedReader extends Reader {
  private static final char BYTE_ORDER_MARK = '\ufeff';

  private final Reader in;
  private boolean started;
  private boolean afterCarriageReturn;
  private long lineEnds;

  /** The last two characters handed out, -1 before there were any. */
  private int last = -1;

  private int beforeLast = -1;
  private boolean ended;

  LineFeedReader(Reader in) {
    this.in = in;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      int n = in.read(buf, off, len);
      if (n < 0) {
        ended = true;
        return n;
      }
      int kept = normalize(buf, off, n);
      if (kept > 0) {
        return kept;
      }
    }
  }

  /** Rewrites {@code buf[off, off + n)} in place; returns how many characters remain. */
  private int normalize(char[] buf, int off, int n) {
    int from = off;
    if (!started) {
      started = true;
      if (buf[from] == BYTE_ORDER_MARK) {
        from++;
      }
    }
    int to = off;
    for (int i = from; i < off + n; i++) {
      char c = buf[i];
      if (c == '\n' && afterCarriageReturn) {
        afterCarriageReturn = false;
        continue;
      }
      afterCarriageReturn = c == '\r';
      if (afterCarriageReturn || c == '\n') {
        lineEnds++;
        c = '\n';
      }
      buf[to++] = c;
    }
    if (to > off) {
      beforeLast = to - off > 1 ? buf[to - 2] : last;
      last = buf[to - 1];
    }
    return to - off;
  }

  /**
   * The number of the text's last line once its end has been read, else {@link Long#MAX_VALUE}: a
   * record never ends beyond it, though a quote left open takes the final line end into its cell.
   */
  long lastLine() {
    if (!ended) {
      return Long.MAX_VALUE;
    }
    return last == '\n' || last == -1 ? lineEnds : lineEnds + 1;
  }

  /**
   * Whether the text, read to its end, ends with a quote (then perhaps a line end): a quoted last
   * field was closed. (Text ending in an escaped quote passes too: only a hint, never a refusal.)
   */
  boolean endsWithQuote() {
    return ended && (last == '"' || last == '\n' && beforeLast == '"');
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
