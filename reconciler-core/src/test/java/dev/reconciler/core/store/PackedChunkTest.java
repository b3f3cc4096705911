package dev.reconciler.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.reconciler.core.domain.Source;
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void acceptsRowsOfTheRightShapeInRowidOrder() {
    assertThat(new PackedChunk().split(chunk(row(-3, PLAIN), row(7, PLAIN)), 2, -4)).isTrue();
  }

  @Test
  void refusesChunksItCannotSplitSafely() {
    String[] extraSeparator = PLAIN.clone();
    extraSeparator[0] = "T\u001f1";
    String[] rowSeparator = PLAIN.clone();
    rowSeparator[1] = "1\u001d5";
    assertThat(new PackedChunk().split(chunk(row(1, extraSeparator)), 1, 0)).isFalse();
    assertThat(new PackedChunk().split(chunk(row(1, rowSeparator)), 1, 0)).isFalse();
    assertThat(new PackedChunk().split(chunk(row(2, PLAIN), row(1, PLAIN)), 2, 0)).isFalse();
    assertThat(new PackedChunk().split(chunk(row(1, PLAIN)), 1, 1)).isFalse();
    assertThat(new PackedChunk().split(chunk(row(1, PLAIN), row(2, PLAIN)), 1, 0)).isFalse();
    assertThat(new PackedChunk().split(chunk(row(1, "T1", "1.5")), 1, 0)).isFalse();
    assertThat(new PackedChunk().split(chunk(row(1, PLAIN)), 2, 0)).isFalse();
  }

  @Test
  void splitsFieldsAndReadsTheNullMarker() {
    RowFields fields = new RowFields(Source.SALES);
    List<RawRow> rows = new ArrayList<>();
    PackedChunk packed = new PackedChunk();
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
}
