package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputWriterTest {
  @TempDir Path dir;

  @Test
  void keepsNumbersAsRealAndTextExactlyAsGiven() throws Exception {
    Path db = dir.resolve("in.db");
    try (InputWriter w = InputWriter.create(db)) {
      w.sale("TXN-1", "O-1", "C-1", 12.5, "USD", "completed", "2026-11-24T08:15:30.123Z");
      w.sale(" txn-2 ", "O-2", "C-2", " $1,234.50 ", "USD", "Completed", "2026-11-24T08:15:30Z");
      w.sale(null, "O-3", "C-3", null, "USD", "completed", "2026-11-24T08:15:30Z");
      w.processorTransaction("ch_1", "TXN-1", 12.5, "USD", 0.66, "settled", "2026-11-24T08:16:00Z");
      w.commit();
    }

    assertThat(
            SqliteFiles.query(
                db, "SELECT typeof(amount) || ':' || ifnull(amount, '') FROM sales ORDER BY rowid"))
        .containsExactly("real:12.5", "text: $1,234.50 ", "null:");
    assertThat(SqliteFiles.query(db, "SELECT transaction_id FROM sales WHERE rowid = 2"))
        .containsExactly(" txn-2 ");
    assertThat(
            SqliteFiles.query(db, "SELECT typeof(fee) || ':' || fee FROM processor_transactions"))
        .containsExactly("real:0.66");
  }

  @Test
  void returnsRowidsInInsertionOrderPerTableAcrossPartialBatches() throws Exception {
    Path db = dir.resolve("in.db");
    List<Long> saleIds = new ArrayList<>();
    try (InputWriter w = InputWriter.create(db)) {
      for (int i = 0; i < 250; i++) {
        saleIds.add(w.sale("TXN-" + i, "O", "C", 1.0, "USD", "paid", "2026-11-24T00:00:00Z"));
      }
      assertThat(
              w.processorTransaction(
                  "ch", "TXN-0", 1.0, "USD", 0.0, "settled", "2026-11-24T00:00:00Z"))
          .isEqualTo(1);
      w.commit();
    }

    assertThat(saleIds).first().isEqualTo(1L);
    assertThat(saleIds).last().isEqualTo(250L);
    assertThat(
            SqliteFiles.query(
                db,
                "SELECT rowid || '=' || transaction_id FROM sales WHERE rowid IN (1, 101, 250)"))
        .containsExactly("1=TXN-0", "101=TXN-100", "250=TXN-249");
  }

  @Test
  void closingWithoutCommitKeepsNoRows() throws Exception {
    Path db = dir.resolve("in.db");
    try (InputWriter w = InputWriter.create(db)) {
      w.sale("TXN-1", "O", "C", 1.0, "USD", "paid", "2026-11-24T00:00:00Z");
    }

    assertThat(SqliteFiles.query(db, "SELECT count(*) FROM sales")).containsExactly("0");
  }

  @Test
  void replacesAnExistingFileAndStaleJournal() throws Exception {
    Path db = dir.resolve("in.db");
    Files.writeString(db, "garbage");
    Files.writeString(dir.resolve("in.db-journal"), "stale");
    try (InputWriter w = InputWriter.create(db)) {
      w.commit();
    }

    assertThat(dir.resolve("in.db-journal")).doesNotExist();
    assertThat(SqliteFiles.query(db, "SELECT count(*) FROM processor_transactions"))
        .containsExactly("0");
  }
}
