package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.fuzz.HostileStrings;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** Test fixture: checks every export parser must pass, whatever its format. */
final class ExportFuzz {
  private static final long SEED = 20261129L;

  private ExportFuzz() {}

  /**
   * Puts each hostile string, CSV-quoted, into one cell of one data row of {@code lines} (a header
   * row and data rows, one record each), cycling through rows and columns: every data row must then
   * be imported or rejected with a reason, and nothing may be thrown.
   */
  static void cells(ExportParser parser, List<String> lines, int count) {
    cells(parser, lines, count, ExportCsv.Separator.COMMA);
  }

  /** {@link #cells(ExportParser, List, int)} for a file whose cells {@code separator} separates. */
  static void cells(
      ExportParser parser, List<String> lines, int count, ExportCsv.Separator separator) {
    char c = separator.character();
    List<List<String>> records = records(lines, separator);
    int dataRows = records.size() - 1;
    List<String> examples = new ArrayList<>();
    records.subList(1, records.size()).forEach(examples::addAll);
    int[] step = {0};
    HostileStrings.forEach(
        SEED,
        count,
        examples,
        hostile -> {
          int i = step[0]++;
          int row = 1 + i % dataRows;
          List<String> cells = new ArrayList<>(records.get(row));
          int column = (i / dataRows) % cells.size();
          cells.set(column, hostile);
          StringBuilder text = new StringBuilder();
          for (int r = 0; r < records.size(); r++) {
            List<String> fields = r == row ? cells : records.get(r);
            text.append(
                String.join(
                    String.valueOf(c), fields.stream().map(f -> Parsed.field(f, c)).toList()));
            text.append('\n');
          }
          Parsed parsed = new Parsed();
          parser.parse(new StringReader(text.toString()), "fuzz.csv", parsed);
          assertThat(parsed.rows.size() + parsed.rejects.size()).isEqualTo(dataRows);
          parsed.rows.forEach(ExportFuzz::checkRow);
          parsed.rejects.forEach(reason -> assertThat(reason.length()).isLessThan(400));
        });
  }

  /**
   * Puts each hostile string into one header cell instead: the file is then refused with an {@link
   * ImportFormatException} (a column it needs is missing or doubled), or read as {@link #cells}
   * requires.
   */
  static void header(ExportParser parser, List<String> lines, int count) {
    List<List<String>> records = records(lines, ExportCsv.Separator.COMMA);
    int[] step = {0};
    HostileStrings.forEach(
        SEED + 1,
        count,
        records.get(0),
        hostile -> {
          List<String> header = new ArrayList<>(records.get(0));
          header.set(step[0]++ % header.size(), hostile);
          StringBuilder text = new StringBuilder();
          text.append(String.join(",", header.stream().map(Parsed::field).toList())).append('\n');
          for (List<String> fields : records.subList(1, records.size())) {
            text.append(String.join(",", fields.stream().map(Parsed::field).toList())).append('\n');
          }
          Parsed parsed = new Parsed();
          try {
            parser.parse(new StringReader(text.toString()), "fuzz.csv", parsed);
          } catch (ImportFormatException e) {
            assertThat(e.getMessage()).startsWith("fuzz.csv: ").doesNotContain("\n", "\r");
            return;
          }
          assertThat(parsed.rows.size() + parsed.rejects.size()).isEqualTo(records.size() - 1);
          parsed.rows.forEach(ExportFuzz::checkRow);
        });
  }

  private static void checkRow(ProcessorRow r) {
    assertThat(r.rowKey()).isNotBlank();
    assertThat(r.type()).isNotNull();
    assertThat(r.currency()).matches("[A-Z]{3}");
    assertThat(r.gross()).isNotNull();
    assertThat(r.fee()).isNotNull();
    assertThat(r.net()).isNotNull();
    assertThat(r.occurredAt()).isNotNull();
    assertThat(r.sourceLine()).isGreaterThan(1);
    if (r.type().needsTransactionId()) {
      assertThat(r.transactionId()).isNotBlank();
    }
  }

  /** The fields of each record of {@code lines}, read by FastCSV itself. */
  private static List<List<String>> records(List<String> lines, ExportCsv.Separator separator) {
    List<List<String>> out = new ArrayList<>();
    try (ExportCsv csv =
        ExportCsv.open(new StringReader(String.join("\n", lines)), "fixture", separator)) {
      for (ExportRecord r = csv.next(); r != null; r = csv.next()) {
        out.add(r.getFields());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Feeds {@code header} and {@link #STREAMED_ROWS} rows made by {@code row} from a reader that
   * makes them as they are read: the first row must reach the sink long before the reader is
   * drained, so the parser holds rows one at a time, not the file.
   */
  static void streams(ExportParser parser, String header, LongFunction<String> row) {
    GeneratedReader in = new GeneratedReader(header, row, STREAMED_ROWS);
    long[] producedAtFirstRow = {-1};
    long[] rows = {0};
    parser.parse(
        in,
        "big.csv",
        new ExportParser.RowSink() {
          @Override
          public void row(ProcessorRow r) {
            if (rows[0]++ == 0) {
              producedAtFirstRow[0] = in.produced;
            }
          }

          @Override
          public void reject(long line, String reason) {
            throw new AssertionError("line " + line + ": " + reason);
          }
        });
    assertThat(rows[0]).isEqualTo(STREAMED_ROWS);
    assertThat(producedAtFirstRow[0]).isBetween(1L, STREAMED_ROWS / 100);
  }

  static final long STREAMED_ROWS = 50_000;

  /** Text of a header and generated rows, made only as far as it is read. */
  private static final class GeneratedReader extends Reader {
    private final LongFunction<String> row;
    private final long total;
    private String pending;
    private int at;
    long produced;

    GeneratedReader(String header, LongFunction<String> row, long total) {
      this.row = row;
      this.total = total;
      this.pending = header + "\n";
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (at == pending.length()) {
        if (produced == total) {
          return -1;
        }
        pending = row.apply(++produced) + "\n";
        at = 0;
      }
      int n = Math.min(len, pending.length() - at);
      pending.getChars(at, at + n, buf, off);
      at += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
