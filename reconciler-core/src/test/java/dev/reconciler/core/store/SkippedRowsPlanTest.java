package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of a batch's skipped rows searches the import key once per row of the batch: read the
 * other way round, it read every row of the format per batch, and a re-import of a million rows ran
 * for longer than anyone waited.
 */
class SkippedRowsPlanTest {
  @TempDir Path dir;

  @Test
  void eachRowOfTheBatchIsASearchOfTheImportKey() throws Exception {
    List<String> plan = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("in.db"));
        Statement st = c.createStatement()) {
      String columns = String.join(" TEXT, ", ProcessorSchema.allColumns("transaction_id"));
      st.execute("CREATE TABLE processor_transactions(" + columns + " TEXT)");
      st.execute(
          "CREATE UNIQUE INDEX processor_transactions_import_key"
              + " ON processor_transactions(source_format, row_key)");
      try (ResultSet rs =
          st.executeQuery(
              "EXPLAIN QUERY PLAN "
                  + ProcessorImportWriter.storedRowsSql(
                      "processor_transactions", "transaction_id"))) {
        while (rs.next()) {
          plan.add(rs.getString(4));
        }
      }
    }

    assertThat(plan)
        .as("plan")
        .containsExactly(
            "SCAN b VIRTUAL TABLE INDEX 1:",
            "SEARCH t USING INDEX processor_transactions_import_key (source_format=? AND"
                + " row_key=?)");
  }
}
