package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.fuzz.HostileStrings;
import java.io.StringReader;
import java.util.List;
import java.util.function.Function;

/**
 * Hostile cells through a parser: every data line becomes exactly one row or one rejection on its
 * own line, with a reason safe to print; a row is whole; nothing else escapes.
 */
final class ParserFuzz {
  private ParserFuzz() {}

  /**
   * Replaces cell {@code i % width} of a valid line with each hostile string in turn.
   *
   * @param file the file's text given the data line: {@code line} is the data line's number
   * @param line the data line's number in that file
   * @param cells the valid data line's cells (unquoted)
   */
  static int run(
      ExportParser parser,
      long seed,
      int count,
      List<String> cells,
      Function<String, String> file,
      long line) {
    int[] rows = {0};
    int[] i = {0};
    HostileStrings.forEach(
        seed,
        count,
        cells,
        hostile -> {
          int column = i[0]++ % cells.size();
          StringBuilder data = new StringBuilder();
          for (int c = 0; c < cells.size(); c++) {
            data.append(c == 0 ? "" : ",").append(cell(c == column ? hostile : cells.get(c)));
          }
          CollectedRows out = new CollectedRows();
          parser.parse(new StringReader(file.apply(data.toString())), "fuzz.csv", out);
          assertThat(out.rows.size() + out.rejected.size()).isEqualTo(1);
          if (out.rows.isEmpty()) {
            CollectedRows.Rejected r = out.rejected.get(0);
            assertThat(r.line()).isEqualTo(line);
            assertThat(r.reason()).isNotBlank();
            assertThat(r.reason().chars().noneMatch(ch -> SafeText.isUnsafe((char) ch)))
                .as(r.reason())
                .isTrue();
          } else {
            ProcessorRow r = out.rows.get(0);
            assertThat(r.sourceLine()).isEqualTo(line);
            assertThat(r.rowKey()).isNotNull();
            assertThat(r.type()).isNotNull();
            assertThat(r.gross()).isNotNull();
            assertThat(r.fee()).isNotNull();
            assertThat(r.net()).isNotNull();
            assertThat(r.currency()).matches("[A-Z]{3}");
            assertThat(r.occurredAt()).isNotNull();
            rows[0]++;
          }
        });
    return rows[0];
  }

  /** Always quoted, so any text (separators, quotes, line breaks) stays one cell. */
  private static String cell(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
