package dev.reconciler.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.InputTables;
import dev.reconciler.core.store.SqliteInputSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the loader makes of values as SQLite stores them, through a real file: amounts stored as
 * REAL, and a processor table that imports have filled with rows of every type.
 */
class StoredInputTest {
  private static final InputSchema SCHEMA =
      new InputSchema("sales", "processor_transactions", "transaction_id");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final String AT = "2026-11-24T10:00:00Z";

  @TempDir Path dir;

  @Test
  void rejectsARealAmountThatFifteenDigitsCannotSpellAsInexactInsteadOfReadingA17thDigit()
      throws Exception {
    Path db = database(false);
    insertSales(
        db,
        12345678901234.56, // 16 digits: SQLite spells it 12345678901234.561
        -12345678901234.56,
        99999999999999.98, // spelled 99999999999999.984
        123456789012.34, // 14 digits: exact
        99999999999999.0, // 14 digits: exact
        1.5,
        "12345678901234.561", // text is exact, whatever its length
        0.1 + 0.2); // spelled 0.30000000000000004: five decimals too many, as before
    LoadedSide sales = load(db, Source.SALES);

    assertThat(sales.rejected())
        .extracting(RejectedRow::line, RejectedRow::reason)
        .containsExactly(
            tuple(1L, inexact("amount", "12345678901234.561")),
            tuple(2L, inexact("amount", "-12345678901234.561")),
            tuple(3L, inexact("amount", "99999999999999.984")),
            tuple(8L, "unparseable amount '0.30000000000000004'"));
    assertThat(amount(sales, "T4")).isEqualByComparingTo("123456789012.34");
    assertThat(amount(sales, "T5")).isEqualByComparingTo("99999999999999");
    assertThat(amount(sales, "T6")).isEqualByComparingTo("1.5");
    assertThat(amount(sales, "T7")).isEqualByComparingTo("12345678901234.561");
  }

  @Test
  void marksAnInexactRealOnTheSlowPathsToo() throws Exception {
    Path db = database(false);
    // A status holding a packing separator sends the chunk down the row-by-row path, and that row
    // itself column by column.
    try (Connection c = connect(db);
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO sales (transaction_id, amount, currency, status, created_at)"
                    + " VALUES (?, ?, 'USD', ?, '"
                    + AT
                    + "')")) {
      st.setString(1, "ROW-BY-ROW");
      st.setDouble(2, 12345678901234.56);
      st.setString(3, "paid");
      st.executeUpdate();
      st.setString(1, "COLUMN-BY-COLUMN");
      st.setDouble(2, 12345678901234.56);
      st.setString(3, "pa\u001fid");
      st.executeUpdate();
    }
    assertThat(load(db, Source.SALES).rejected())
        .extracting(RejectedRow::rawId, RejectedRow::reason)
        .containsExactly(
            tuple("ROW-BY-ROW", inexact("amount", "12345678901234.561")),
            tuple("COLUMN-BY-COLUMN", inexact("amount", "12345678901234.561")));
  }

  @Test
  void rejectsARealFeeThatFifteenDigitsCannotSpellAsInexact() throws Exception {
    Path db = database(false);
    try (Connection c = connect(db);
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO processor_transactions (transaction_id, amount, currency, fee, status,"
                    + " processed_at) VALUES (?, 10.0, 'USD', ?, 'settled', '"
                    + AT
                    + "')")) {
      st.setString(1, "EXACT");
      st.setDouble(2, 123456789012.34);
      st.executeUpdate();
      st.setString(1, "INEXACT");
      st.setDouble(2, 12345678901234.56);
      st.executeUpdate();
    }
    LoadedSide processor = load(db, Source.PROCESSOR);
    assertThat(processor.rejected())
        .extracting(RejectedRow::rawId, RejectedRow::reason)
        .containsExactly(tuple("INEXACT", inexact("fee", "12345678901234.561")));
    assertThat(processor.size()).isEqualTo(1);
  }

  @Test
  void readsOnlyThePaymentsOfAProcessorTableThatHasRowTypes() throws Exception {
    Path db = database(true);
    insertProcessor(db, true);
    try (SqliteInputSource input = new SqliteInputSource(db, SCHEMA, 1000)) {
      // Lines 2 and 4 are the payments (one typed, one untyped); the refund, fee and chargeback
      // rows at both ends are not counted in the size either.
      assertThat(input.sizeHint(Source.PROCESSOR)).isEqualTo(3);
      assertThat(input.fetchRows(Source.PROCESSOR, new long[] {1, 2, 3, 4, 5, 6}).keySet())
          .containsExactlyInAnyOrder(2L, 4L);
    }
    LoadedSide processor = load(db, Source.PROCESSOR);
    // The refund and chargeback of TXN-1 are neither duplicates of its payment nor rejected; the
    // fee and payout rows, which carry no transaction id, are not read at all.
    assertThat(processor.rowsRead()).isEqualTo(2);
    assertThat(processor.rejected()).isEmpty();
    assertThat(processor.exactDuplicates()).isZero();
    assertThat(processor.conflictCount()).isZero();
    assertThat(amount(processor, "TXN-1")).isEqualByComparingTo("20.00");
    assertThat(amount(processor, "TXN-2")).isEqualByComparingTo("5.00");
  }

  @Test
  void readsEveryRowOfAProcessorTableWithoutRowTypesAsAPayment() throws Exception {
    Path db = database(false);
    insertProcessor(db, false);
    try (SqliteInputSource input = new SqliteInputSource(db, SCHEMA, 1000)) {
      assertThat(input.sizeHint(Source.PROCESSOR)).isEqualTo(6);
      assertThat(input.fetchRows(Source.PROCESSOR, new long[] {1, 2, 3, 4, 5, 6})).hasSize(6);
    }
    LoadedSide processor = load(db, Source.PROCESSOR);
    assertThat(processor.rowsRead()).isEqualTo(6);
    assertThat(processor.rejected())
        .extracting(RejectedRow::line)
        .containsExactly(3L, 5L); // fee and payout rows: no transaction id
    // TXN-1's first row (the refund) is its payment; the payment conflicts with it and the
    // chargeback, with the same content, repeats it.
    assertThat(processor.conflictCount()).isEqualTo(1);
    assertThat(processor.exactDuplicates()).isEqualTo(1);
    assertThat(amount(processor, "TXN-1")).isEqualByComparingTo("-20.00");
  }

  private static String inexact(String column, String spelled) {
    return "inexact "
        + column
        + " '"
        + spelled
        + "': stored as a floating-point number (REAL), which holds at most 15 significant"
        + " digits exactly; store it as text";
  }

  private static BigDecimal amount(LoadedSide side, String id) {
    int position = side.find(id);
    assertThat(position).as("position of %s", id).isNotNegative();
    return Money.toDecimal(side.amount(position));
  }

  private static LoadedSide load(Path db, Source source) {
    Cleaner cleaner = new Cleaner(SettingsLoader.defaults().reconciliation());
    try (SqliteInputSource input = new SqliteInputSource(db, SCHEMA, 1000)) {
      input.checkSchema();
      return new SideLoader(cleaner, DAY).load(input, source, Progress.NONE);
    }
  }

  /** Sales rows T1, T2, ... with the given amounts, each bound as its Java type. */
  private static void insertSales(Path db, Object... amounts) throws Exception {
    try (Connection c = connect(db);
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO sales (transaction_id, order_id, customer_id, amount, currency,"
                    + " status, created_at) VALUES (?, 'O', 'C', ?, 'USD', 'paid', '"
                    + AT
                    + "')")) {
      for (int i = 0; i < amounts.length; i++) {
        st.setString(1, "T" + (i + 1));
        st.setObject(2, amounts[i]);
        st.executeUpdate();
      }
    }
  }

  /**
   * A refund, a payment, a fee row, an untyped payment, a payout and a chargeback, in that order;
   * {@code typed}: with row_type as an import writes it.
   */
  private static void insertProcessor(Path db, boolean typed) throws Exception {
    List<Object[]> rows =
        List.of(
            new Object[] {"TXN-1", "-20.00", "refund"},
            new Object[] {"TXN-1", "20.00", "payment"},
            new Object[] {null, "-1.00", "fee"},
            new Object[] {"TXN-2", "5.00", null},
            new Object[] {null, "-24.00", "payout"},
            new Object[] {"TXN-1", "-20.00", "chargeback"});
    String columns = "transaction_id, amount, currency, fee, status, processed_at, processor_ref";
    try (Connection c = connect(db);
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO processor_transactions ("
                    + columns
                    + (typed ? ", row_type" : "")
                    + ") VALUES (?, ?, 'USD', '0.00', 'settled', '"
                    + AT
                    + "', 'P'"
                    + (typed ? ", ?" : "")
                    + ")")) {
      for (Object[] row : rows) {
        st.setObject(1, row[0]);
        st.setObject(2, row[1]);
        if (typed) {
          st.setObject(3, row[2]);
        }
        st.executeUpdate();
      }
    }
  }

  /** Today's contract; {@code imported}: with the columns an import adds to the processor table. */
  private Path database(boolean imported) throws Exception {
    Path db = dir.resolve("in.db");
    try (Connection c = connect(db);
        Statement st = c.createStatement()) {
      InputTables.create(st, imported);
    }
    return db;
  }

  private static Connection connect(Path db) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }
}
