package dev.reconciler.core.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A trivial export format for tests of what is around the parsers (the importer and store): a
 * header line {@link #HEADER}, then one row per line, fields separated by '|', empty meaning null.
 * A line "!crash" throws, as a parser bug would, part-way through a file; a line "!note TEXT" tells
 * the sink TEXT of the file as a whole, as the Adyen parser tells of accounts. A row of 11 fields
 * it rejects gives its time where that reads, as the real parsers do.
 */
public final class PipeFormat implements ExportParser {
  public static final String HEADER = "key|type|txn|gross|fee|net|currency|at|payout|ref|status";

  @Override
  public void parse(Reader in, String sourceFile, RowSink sink) {
    try (BufferedReader lines = new BufferedReader(in, 1 << 16)) {
      String header = lines.readLine();
      if (!HEADER.equals(header)) {
        throw new ImportFormatException(
            sourceFile + " is not a pipe file: header must be " + HEADER);
      }
      long line = 1;
      for (String text = lines.readLine(); text != null; text = lines.readLine()) {
        line++;
        if (text.equals("!crash")) {
          throw new IllegalStateException("parser bug at line " + line);
        }
        if (text.startsWith("!note ")) {
          sink.note(text.substring("!note ".length()));
          continue;
        }
        row(text, sourceFile, line, sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void row(String text, String sourceFile, long line, RowSink sink) {
    String[] f = text.split("\\|", -1);
    if (f.length != 11) {
      sink.reject(line, "expected 11 fields, got " + f.length);
      return;
    }
    RowType type = RowType.byId(f[1]);
    if (type == null) {
      sink.reject(line, line, "unknown row type '" + f[1] + "'", empty(f[2]), timeOf(f[7]));
      return;
    }
    try {
      sink.row(
          new ProcessorRow(
              f[0],
              type,
              f[1],
              empty(f[2]),
              new BigDecimal(f[3]),
              new BigDecimal(f[4]),
              new BigDecimal(f[5]),
              f[6],
              Instant.parse(f[7]),
              empty(f[8]),
              "ACCT",
              empty(f[9]),
              null,
              f[10].isEmpty() ? "settled" : f[10],
              sourceFile,
              line));
    } catch (NumberFormatException | DateTimeParseException e) {
      sink.reject(line, line, "not a number or time: " + text, empty(f[2]), timeOf(f[7]));
    }
  }

  private static Instant timeOf(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String empty(String s) {
    return s.isEmpty() ? null : s;
  }

  /** A pipe-format line. */
  public static String line(
      String key, RowType type, String txn, String gross, String fee, String net, String payout) {
    return String.join(
        "|",
        key,
        type.id(),
        txn == null ? "" : txn,
        gross,
        fee,
        net,
        "usd",
        "2026-11-24T10:15:30Z",
        payout == null ? "" : payout,
        "ref-" + key,
        "");
  }

  /** A payment of {@code gross} USD with a 1.00 fee, keyed and referenced by {@code key}. */
  public static String payment(String key, String txn, String gross) {
    BigDecimal g = new BigDecimal(gross);
    return line(
        key, RowType.PAYMENT, txn, gross, "1.00", g.subtract(BigDecimal.ONE).toPlainString(), null);
  }
}
