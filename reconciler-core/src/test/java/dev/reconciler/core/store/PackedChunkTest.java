package dev.reconciler.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.reconciler.core.domain.Source;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackedChunkTest {
  /** A packed row: rowid, then eight fields ("~" stands for NULL). */
  private static String row(long rowid, String... fields) {
    StringBuilder s = new StringBuilder().append(rowid);
    for (String f : fields) {
      s.append('\u001f').append(f.equals("~") ? "\u001e" : f);
    }
    return s.toString();
  }

  private static byte[] chunk(String... rows) {
    return String.join("\u001d", rows).getBytes(UTF_8);
  }

  private static final String[] PLAIN = {"T1", "1.5", "USD", "paid", "2026-11-24", "~", "~", "~"};

  /** Every field, each in a column of its own. */
  private static final Map<InputField, String> ALL = new EnumMap<>(InputField.class);

  static {
    for (InputField field : InputField.values()) {
      ALL.put(field, field.name().toLowerCase(Locale.ROOT));
    }
  }

  private static PackedChunk chunker() {
    return new PackedChunk(new SelectedColumns(ALL));
  }

  @Test
  void acceptsRowsOfTheRightShapeInRowidOrder() {
    assertThat(chunker().split(chunk(row(-3, PLAIN), row(7, PLAIN)), 2, -4)).isTrue();
  }

  @Test
  void refusesChunksItCannotSplitSafely() {
    String[] extraSeparator = PLAIN.clone();
    extraSeparator[0] = "T\u001f1";
    String[] rowSeparator = PLAIN.clone();
    rowSeparator[1] = "1\u001d5";
    assertThat(chunker().split(chunk(row(1, extraSeparator)), 1, 0)).isFalse();
    assertThat(chunker().split(chunk(row(1, rowSeparator)), 1, 0)).isFalse();
    assertThat(chunker().split(chunk(row(2, PLAIN), row(1, PLAIN)), 2, 0)).isFalse();
    assertThat(chunker().split(chunk(row(1, PLAIN)), 1, 1)).isFalse();
    assertThat(chunker().split(chunk(row(1, PLAIN), row(2, PLAIN)), 1, 0)).isFalse();
    assertThat(chunker().split(chunk(row(1, "T1", "1.5")), 1, 0)).isFalse();
    assertThat(chunker().split(chunk(row(1, PLAIN)), 2, 0)).isFalse();
  }

  @Test
  void splitsFieldsAndReadsTheNullMarker() {
    RowFields fields = new RowFields(Source.SALES);
    List<RawRow> rows = new ArrayList<>();
    PackedChunk packed = chunker();
    byte[] chunk = chunk(row(-3, PLAIN), row(12, "", "x", "~", "~", "~", "~", "ü", ""));
    assertThat(packed.split(chunk, 2, Long.MIN_VALUE)).isTrue();
    packed.forEachRow(chunk, fields, f -> rows.add(f.toRawRow()));
    assertThat(rows)
        .extracting(RawRow::line, RawRow::id, RawRow::amount, RawRow::currency, RawRow::customerId)
        .containsExactly(tuple(-3L, "T1", "1.5", "USD", null), tuple(12L, "", "x", null, "ü"));
    assertThat(rows.get(1).fee()).isEmpty();

    // The same instance, reused for a shorter chunk, hands out that chunk's rows only.
    rows.clear();
    byte[] next = chunk(row(20, PLAIN));
    assertThat(packed.split(next, 1, 12)).isTrue();
    packed.forEachRow(next, fields, f -> rows.add(f.toRawRow()));
    assertThat(rows).extracting(RawRow::line).containsExactly(20L);
  }

  @Test
  void packsOnlyTheColumnsASideHasAndReadsTheOthersAsNull() {
    Map<InputField, String> columns = new EnumMap<>(ALL);
    columns.remove(InputField.REFERENCE);
    columns.remove(InputField.CUSTOMER);
    PackedChunk packed = new PackedChunk(new SelectedColumns(columns));
    assertThat(packed.rowExpression())
        .isEqualTo(
            "concat_ws(char(31), rowid, ifnull(id, char(30)), ifnull("
                + RealAmounts.select("amount")
                + ", char(30)), ifnull(currency, char(30)), ifnull(status, char(30)),"
                + " ifnull(timestamp, char(30)), ifnull("
                + RealAmounts.select("fee")
                + ", char(30)))");
    byte[] chunk = chunk(row(5, "T1", "1.5", "USD", "paid", "2026-11-24", "0.30"));
    assertThat(packed.split(chunk, 1, 0)).isTrue();
    assertThat(chunker().split(chunk, 1, 0)).isFalse();
    List<RawRow> rows = new ArrayList<>();
    packed.forEachRow(chunk, new RowFields(Source.PROCESSOR), f -> rows.add(f.toRawRow()));
    assertThat(rows)
        .containsExactly(
            new RawRow(
                Source.PROCESSOR, 5, "T1", "1.5", "USD", "paid", "2026-11-24", null, null, "0.30"));
  }
}
