package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.imports.RowType;
import dev.reconciler.core.settle.ImportedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settlement reader's packed reads hand over the rows a plain column-by-column read gives: NULL
 * apart from '', numbers as SQLite spells them, and a chunk whose values hold the packing's
 * separators read again row by row.
 */
class PackedStoredTest {
  private static final Object[] ODD = {
    null, "", "v", "Zürich €", 13.25, 42L, "-20.00", "a\u001fb", "a\u001eb", "a\u001db", "\u001e"
  };
  private static final String[] COLUMNS = {
    "row_type",
    "raw_type",
    "transaction_id",
    "amount",
    "fee",
    "net",
    "currency",
    "payout_id",
    "account",
    "processor_ref",
    "original_ref"
  };

  @TempDir Path dir;

  @Test
  void packedRowsAreTheRowsAPlainReadGives() throws Exception {
    assertReadsAsPlain(dir.resolve("clean.db"), 7);
  }

  @Test
  void aChunkWhoseValuesHoldSeparatorsIsReadRowByRowAlike() throws Exception {
    assertReadsAsPlain(dir.resolve("separators.db"), ODD.length);
  }

  /** Odd values drawn from the first {@code odd} of {@link #ODD}. */
  private void assertReadsAsPlain(Path file, int odd) throws Exception {
    ImportedDatabase db = new ImportedDatabase(file);
    Random random = new Random(7);
    db.exec("BEGIN");
    for (int i = 0; i < 400; i++) {
      db.row(
          RowType.REFUND,
          "refund",
          "T" + i,
          "-1.00",
          "0.00",
          "-1.00",
          "USD",
          "2026-11-24T10:00:00Z",
          "po_1",
          "re_" + i,
          "ch_" + i);
      if (random.nextInt(4) == 0) {
        String column = COLUMNS[random.nextInt(COLUMNS.length)];
        // row_type must stay a non-payment type for the read to select the row.
        db.set(column, column.equals("row_type") ? "fee" : ODD[random.nextInt(odd)]);
      }
    }
    db.exec("COMMIT");

    List<SettlementReader.Stored> packed = new ArrayList<>();
    try (SettlementReader reader =
        new SettlementReader(file, SettingsLoader.defaults().database(), "transaction_id")) {
      reader.nonPayments(
          new SettlementReader.Window(
              "2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z", "2026-11-23", "2026-11-26"),
          packed::add);
    }

    assertThat(packed).hasSize(400).containsExactlyElementsOf(plainRead(file));
  }

  private static List<SettlementReader.Stored> plainRead(Path file) throws Exception {
    List<SettlementReader.Stored> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT rowid, row_type, raw_type, transaction_id, amount, fee, net, currency,"
                    + " processed_at, payout_id || char(28) || source_format, account, processor_ref,"
                    + " original_ref"
                    + " FROM processor_transactions ORDER BY rowid")) {
      while (rs.next()) {
        String[] v = new String[12];
        for (int i = 0; i < v.length; i++) {
          v[i] = rs.getString(i + 2);
        }
        rows.add(
            new SettlementReader.Stored(
                rs.getLong(1),
                v[0],
                v[1],
                v[2],
                v[3],
                v[4],
                v[5],
                v[6],
                v[7],
                v[8],
                v[9],
                v[10],
                v[11]));
      }
    }
    return rows;
  }
}
