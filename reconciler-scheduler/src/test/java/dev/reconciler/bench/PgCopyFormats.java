package dev.reconciler.bench;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Which COPY TO STDOUT format reads a generated sales table faster into field ranges, end to end
 * (the server's formatting, the transfer, the parse): text, whose fields need a scan for tabs and
 * backslash escapes, or binary, whose fields come with their lengths. Both parsers do what
 * PgInputSource does per row (the field ranges of a reused buffer, no object per field); runs
 * alternate so a slow stretch of the machine hits both. Usage: PgCopyFormats URL USER RUNS.
 */
public final class PgCopyFormats {
  private static final String SELECT =
      "SELECT line::bigint, transaction_id::text, amount::text, currency::text, status::text,"
          + " created_at::text FROM sales ORDER BY line";

  private PgCopyFormats() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0], args[1], "")) {
      int runs = Integer.parseInt(args[2]);
      long[] text = new long[runs];
      long[] binary = new long[runs];
      long checksum = 0;
      for (int i = 0; i < runs; i++) {
        boolean textFirst = i % 2 == 0;
        for (int k = 0; k < 2; k++) {
          boolean isText = textFirst == (k == 0);
          long start = System.nanoTime();
          checksum +=
              isText
                  ? text(copy(c, SELECT + ") TO STDOUT"))
                  : binary(copy(c, SELECT + ") TO STDOUT (FORMAT binary)"));
          (isText ? text : binary)[i] = (System.nanoTime() - start) / 1_000_000;
        }
      }
      java.util.Arrays.sort(text);
      java.util.Arrays.sort(binary);
      System.out.printf(
          "median of %d: text %d ms, binary %d ms (checksum %d)%n",
          runs, text[runs / 2], binary[runs / 2], checksum);
    }
  }

  private static InputStream copy(Connection c, String sql) throws Exception {
    return new PGCopyInputStream(c.unwrap(PGConnection.class), "COPY (" + sql);
  }

  /** Tab-separated fields, rows ending in a newline, \N for null, backslash escapes unescaped. */
  private static long text(InputStream in) throws IOException {
    byte[] buf = in.readAllBytes();
    int[] ends = new int[16];
    long sum = 0;
    int field = 0;
    int start = 0;
    int out = 0;
    for (int at = 0; at < buf.length; at++) {
      byte b = buf[at];
      if (b == '\\') {
        byte next = buf[++at];
        buf[out++] =
            switch (next) {
              case 'N' -> 0;
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> next;
            };
      } else if (b == '\t' || b == '\n') {
        ends[field++] = out;
        sum += out - start;
        start = out;
        if (b == '\n') {
          field = 0;
        }
      } else {
        buf[out++] = b;
      }
    }
    return sum;
  }

  /** Length-prefixed fields after a header; what PgInputSource's parser does, stream read whole. */
  private static long binary(InputStream in) throws IOException {
    byte[] buf = in.readAllBytes();
    int at = 11 + 4;
    at += 4 + readInt(buf, at);
    long sum = 0;
    int[] starts = new int[16];
    while (true) {
      int count = (short) (((buf[at] & 0xff) << 8) | (buf[at + 1] & 0xff));
      at += 2;
      if (count == -1) {
        return sum;
      }
      for (int f = 0; f < count; f++) {
        int size = readInt(buf, at);
        at += 4;
        starts[f] = at;
        if (size > 0) {
          at += size;
          sum += size;
        }
      }
    }
  }

  private static int readInt(byte[] b, int p) {
    return ((b[p] & 0xff) << 24)
        | ((b[p + 1] & 0xff) << 16)
        | ((b[p + 2] & 0xff) << 8)
        | (b[p + 3] & 0xff);
  }
}
