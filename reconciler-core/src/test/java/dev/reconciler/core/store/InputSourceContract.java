package dev.reconciler.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InputSource} does, whatever holds the rows: each implementation's test extends
 * this and says how to build a source from rows.
 */
public abstract class InputSourceContract {
  protected static final Instant DAY_START = Instant.parse("2026-11-24T00:00:00Z");
  protected static final Instant DAY_END = Instant.parse("2026-11-25T00:00:00Z");

  /**
   * One row as written to a source: its fields by name (a field the side lacks is ignored) and, on
   * the processor side, its type (null: a payment, as today's contract has it).
   */
  protected record Row(Map<InputField, String> fields, String rowType) {}

  /** A source holding these rows, each side's in the given order (which its lines follow). */
  protected abstract InputSource sourceOf(List<Row> sales, List<Row> processor) throws Exception;

  private static Row sale(String id, String at) {
    return new Row(
        Map.of(
            InputField.ID,
            id,
            InputField.AMOUNT,
            "12.50",
            InputField.CURRENCY,
            "USD",
            InputField.STATUS,
            "paid",
            InputField.TIMESTAMP,
            at,
            InputField.REFERENCE,
            "ORD-" + id,
            InputField.CUSTOMER,
            "CUST-" + id),
        null);
  }

  private static Row processorRow(String id, String type) {
    return processorRow(id, type, "12.50");
  }

  private static Row processorRow(String id, String type, String amount) {
    return new Row(
        Map.of(
            InputField.ID, id,
            InputField.AMOUNT, amount,
            InputField.CURRENCY, "USD",
            InputField.STATUS, "settled",
            InputField.TIMESTAMP, "2026-11-24T12:00:00Z",
            InputField.REFERENCE, "P-" + id,
            InputField.FEE, "0.30"),
        type);
  }

  /**
   * The loader keeps a batch of rows' ids where they lie until it indexes them (see {@link
   * InputSource#readDay}), so the bytes of a row handed over must stay as they were: read a day of
   * several megabytes, more than a reader's buffer, keep every id's range, and compare them after
   * the read with the copies taken at the time. PostgreSQL's COPY reader once compacted its buffer
   * in place, and days of more than 1 MiB lost matches.
   */
  @Test
  void theBytesOfARowHandedOverAreNeverWrittenAgain() throws Exception {
    List<Row> sales = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      sales.add(sale(String.format("TXN-20261124-%08d", i), "2026-11-24T12:00:00Z"));
    }
    List<byte[]> arrays = new ArrayList<>();
    List<int[]> ranges = new ArrayList<>();
    List<String> atTheTime = new ArrayList<>();
    try (InputSource source = sourceOf(sales, List.of())) {
      source.readDay(
          Source.SALES,
          DAY_START,
          DAY_END,
          row -> {
            arrays.add(row.bytes());
            ranges.add(new int[] {row.start(InputField.ID), row.end(InputField.ID)});
            atTheTime.add(row.text(InputField.ID));
          });
    }
    List<String> afterwards = new ArrayList<>();
    for (int i = 0; i < arrays.size(); i++) {
      int[] range = ranges.get(i);
      afterwards.add(new String(arrays.get(i), range[0], range[1] - range[0], UTF_8));
    }
    assertThat(afterwards).hasSize(40_000).isEqualTo(atTheTime);
  }

  @Test
  void readsTheRowsOfTheDayAndThoseNoDayHoldsInLineOrderWithoutReferenceOrCustomer()
      throws Exception {
    List<Row> sales =
        List.of(
            sale("WEEK-BEFORE", "2026-11-17T12:00:00Z"),
            sale("MORNING", "2026-11-24T00:00:00Z"),
            sale("UNDATABLE", "yesterday"),
            sale("EVENING", "2026-11-24T23:59:59.999Z"),
            sale("WEEK-AFTER", "2026-12-01T12:00:00Z"));
    try (InputSource source = sourceOf(sales, List.of())) {
      source.checkSchema();
      List<RawRow> read = readDay(source, Source.SALES);
      assertThat(read).extracting(RawRow::id).containsExactly("MORNING", "UNDATABLE", "EVENING");
      assertIncreasing(read);
      RawRow morning = read.get(0);
      assertThat(morning.amount()).isEqualTo("12.50");
      assertThat(morning.currency()).isEqualTo("USD");
      assertThat(morning.status()).isEqualTo("paid");
      assertThat(morning.timestamp()).isEqualTo("2026-11-24T00:00:00Z");
      assertThat(morning.fee()).isNull();
      assertThat(source.sizeHint(Source.SALES)).isGreaterThanOrEqualTo(sales.size());
      assertThat(source.name(Source.SALES)).isNotBlank();
    }
  }

  @Test
  void fetchesRowsWholeByTheirLines() throws Exception {
    try (InputSource source =
        sourceOf(
            List.of(sale("A", "2026-11-24T10:00:00Z"), sale("B", "2026-11-24T11:00:00Z")),
            List.of(processorRow("A", null)))) {
      long[] saleLines = lines(readDay(source, Source.SALES));
      Map<Long, RawRow> sales = source.fetchRows(Source.SALES, saleLines);
      assertThat(sales).hasSize(2);
      RawRow b = sales.get(saleLines[1]);
      assertThat(b.id()).isEqualTo("B");
      assertThat(b.reference()).isEqualTo("ORD-B");
      assertThat(b.customerId()).isEqualTo("CUST-B");
      assertThat(b.line()).isEqualTo(saleLines[1]);

      long[] processorLines = lines(readDay(source, Source.PROCESSOR));
      RawRow a = source.fetchRows(Source.PROCESSOR, processorLines).get(processorLines[0]);
      assertThat(a.reference()).isEqualTo("P-A");
      assertThat(a.fee()).isEqualTo("0.30");
      assertThat(a.customerId()).isNull();
    }
  }

  @Test
  void holdsOnlyPaymentsOnTheProcessorSide() throws Exception {
    List<Row> processor =
        List.of(
            processorRow("T1", "refund", "-12.50"),
            processorRow("T1", "payment", "12.50"),
            processorRow("T2", "fee", "-1.00"),
            processorRow("T3", null, "7.00"),
            processorRow("T4", "payout", "-20.00"),
            processorRow("T1", "chargeback", "-12.50"));
    try (InputSource source = sourceOf(List.of(), processor)) {
      source.checkSchema();
      List<RawRow> read = readDay(source, Source.PROCESSOR);
      assertThat(read)
          .extracting(RawRow::id, RawRow::amount)
          .containsExactly(tuple("T1", "12.50"), tuple("T3", "7.00"));
      assertThat(source.fetchRows(Source.PROCESSOR, lines(read)).values())
          .extracting(RawRow::amount)
          .containsExactlyInAnyOrder("12.50", "7.00");
    }
  }

  @Test
  void countsTheRowsWrittenOnTheDateAndTheUndatableOnesWithoutOtherTypesOfProcessorRow()
      throws Exception {
    List<Row> sales =
        List.of(
            sale("DAY-BEFORE", "2026-11-23T23:59:59Z"),
            sale("MORNING", "2026-11-24T00:00:00Z"),
            sale("UNDATABLE", "yesterday"),
            sale("EVENING", "2026-11-24T23:59:59.999+14:00"),
            sale("DAY-AFTER", "2026-11-25T00:00:00Z"));
    List<Row> processor =
        List.of(
            processorRow("T1", "payment"),
            processorRow("T2", "refund", "-12.50"),
            processorRow("T3", null));
    try (InputSource source = sourceOf(sales, processor)) {
      assertThat(source.countDay(Source.SALES, LocalDate.of(2026, 11, 24))).isEqualTo(3);
      assertThat(source.countDay(Source.PROCESSOR, LocalDate.of(2026, 11, 24))).isEqualTo(2);
      assertThat(source.countDay(Source.PROCESSOR, LocalDate.of(2026, 11, 25))).isZero();
    }
  }

  /**
   * Inserts a side's rows into its table in {@code schema}'s columns, and row_type when {@code
   * typed}; with a {@code lineColumn}, that column first, the i-th row's value {@code lineOf(i)}.
   */
  protected static void insert(
      Connection c,
      InputSchema schema,
      Source side,
      List<Row> rows,
      boolean typed,
      String lineColumn,
      IntToLongFunction lineOf)
      throws SQLException {
    List<String> columns = new ArrayList<>(schema.columns(side).values());
    List<InputField> fields = new ArrayList<>(schema.columns(side).keySet());
    int first = lineColumn == null ? 1 : 2;
    if (lineColumn != null) {
      columns.add(0, lineColumn);
    }
    if (typed) {
      columns.add("row_type");
    }
    String sql =
        "INSERT INTO "
            + schema.table(side)
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + String.join(", ", columns.stream().map(column -> "?").toList())
            + ")";
    // One transaction, not one per row: a contract case writes tens of thousands of rows.
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (int r = 0; r < rows.size(); r++) {
        if (lineColumn != null) {
          st.setLong(1, lineOf.applyAsLong(r));
        }
        Map<InputField, String> values = rows.get(r).fields();
        for (int i = 0; i < fields.size(); i++) {
          st.setString(i + first, values.get(fields.get(i)));
        }
        if (typed) {
          st.setString(columns.size(), rows.get(r).rowType());
        }
        st.executeUpdate();
      }
    }
    c.commit();
    c.setAutoCommit(autoCommit);
  }

  /**
   * The parts of a day ([reconciliation] shards): every row in exactly one part, and an id in the
   * same part however blanks and ASCII case spell it, so that no pair of rows is split.
   */
  @Test
  void everyRowIsInOnePartAndAnIdsSpellingsInTheSameOne() throws Exception {
    List<Row> sales = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      sales.add(sale("TXN-" + i, "2026-11-24T10:00:00Z"));
    }
    sales.add(sale(" txn-7 ", "2026-11-24T10:00:00Z"));
    sales.add(sale("Txn-7", "2026-11-24T10:00:00Z"));
    sales.add(sale("x", "2026-11-24T10:00:00Z"));
    try (InputSource source = sourceOf(sales, List.of())) {
      List<String> whole = ids(source, Shard.ALL);
      List<String> union = new ArrayList<>();
      int partOf7 = -1;
      for (int i = 0; i < 3; i++) {
        List<String> part = ids(source, new Shard(i, 3));
        assertThat(part).as("part %d", i).isNotEmpty();
        if (part.contains("TXN-7")) {
          partOf7 = i;
          assertThat(part).contains(" txn-7 ", "Txn-7");
        }
        union.addAll(part);
      }
      assertThat(partOf7).isNotNegative();
      assertThat(union).containsExactlyInAnyOrderElementsOf(whole).hasSize(93);
    }
  }

  private static List<String> ids(InputSource source, Shard shard) {
    List<String> ids = new ArrayList<>();
    source.readDay(
        Source.SALES, DAY_START, DAY_END, shard, fields -> ids.add(fields.toRawRow().id()));
    return ids;
  }

  private static List<RawRow> readDay(InputSource source, Source side) {
    List<RawRow> rows = new ArrayList<>();
    source.readDay(side, DAY_START, DAY_END, fields -> rows.add(fields.toRawRow()));
    return rows;
  }

  private static long[] lines(List<RawRow> rows) {
    return rows.stream().mapToLong(RawRow::line).toArray();
  }

  private static void assertIncreasing(List<RawRow> rows) {
    long[] lines = lines(rows);
    long[] sorted = lines.clone();
    Arrays.sort(sorted);
    assertThat(lines).isEqualTo(sorted).doesNotHaveDuplicates();
  }
}
