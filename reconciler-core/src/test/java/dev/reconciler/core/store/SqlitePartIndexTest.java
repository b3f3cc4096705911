package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What making the part indexes does with an input that is not in the contract. */
class SqlitePartIndexTest {
  private static final InputSchema SCHEMA =
      new InputSchema("sales", "processor_transactions", "transaction_id");

  private static final String SALES =
      "(transaction_id TEXT, order_id TEXT, customer_id TEXT, amount, currency TEXT, status TEXT,"
          + " created_at TEXT)";

  @TempDir Path dir;

  /**
   * 'index-parts' before the first import, or on an input whose sales are a view, is the user's to
   * fix, as a run would say (exit 2), not a database failure; a run's own attempt only warns.
   */
  @Test
  void anInputOutsideTheContractIsRefusedAsARunWouldRefuseIt() throws Exception {
    Path noImportYet = database("CREATE TABLE sales" + SALES);
    assertThatThrownBy(() -> SqlitePartIndex.make(noImportYet, SCHEMA, 4, 1000))
        .isExactlyInstanceOf(UserError.class)
        .hasMessageStartingWith("table 'processor_transactions' not found in " + noImportYet);

    Path upstreamView =
        database(
            "CREATE TABLE orders" + SALES,
            "CREATE VIEW sales AS SELECT * FROM orders",
            "CREATE TABLE processor_transactions(processor_ref TEXT, transaction_id TEXT, amount,"
                + " currency TEXT, fee, status TEXT, processed_at TEXT)");
    assertThatThrownBy(() -> SqlitePartIndex.make(upstreamView, SCHEMA, 4, 1000))
        .isExactlyInstanceOf(UserError.class)
        .hasMessageStartingWith("'sales' in " + upstreamView + " is a view");

    byte[] before = Files.readAllBytes(upstreamView);
    assertThat(SqlitePartIndex.ensure(noImportYet, SCHEMA, 4, 1000, true)).isFalse();
    assertThat(SqlitePartIndex.ensure(upstreamView, SCHEMA, 4, 1000, true)).isFalse();
    assertThat(SqlitePartIndex.in(upstreamView, SCHEMA, 1000)).isEmpty();
    assertThat(Files.readAllBytes(upstreamView)).isEqualTo(before);
  }

  /** What a run asks before it reads more parts than auto chose: never a failure of its own. */
  @Test
  void indexedForIsTrueOnlyForBothIndexesOfThatCount() throws Exception {
    Path db =
        database(
            "CREATE TABLE sales" + SALES,
            "CREATE TABLE processor_transactions(processor_ref TEXT, transaction_id TEXT, amount,"
                + " currency TEXT, fee, status TEXT, processed_at TEXT)",
            "CREATE INDEX sales_part_of_4 ON sales(length(order_id) % 4)");
    assertThat(SqlitePartIndex.indexedFor(db, SCHEMA, 4, 1000)).as("another expression").isFalse();

    SqlitePartIndex.make(db, SCHEMA, 4, 1000);

    assertThat(SqlitePartIndex.indexedFor(db, SCHEMA, 4, 1000)).isTrue();
    assertThat(SqlitePartIndex.indexedFor(db, SCHEMA, 8, 1000)).isFalse();
    assertThat(SqlitePartIndex.indexedFor(db.resolveSibling("none.db"), SCHEMA, 4, 1000)).isFalse();
    Path noImportYet = database("CREATE TABLE sales" + SALES);
    assertThat(SqlitePartIndex.indexedFor(noImportYet, SCHEMA, 4, 1000)).isFalse();
  }

  /** The count a run may read instead of auto's choice: both sides', or 0. */
  @Test
  void indexedCountIsTheCountBothSidesAreIndexedForElseZero() throws Exception {
    Path db =
        database(
            "CREATE TABLE sales" + SALES,
            "CREATE TABLE processor_transactions(processor_ref TEXT, transaction_id TEXT, amount,"
                + " currency TEXT, fee, status TEXT, processed_at TEXT)");
    assertThat(SqlitePartIndex.indexedCount(db, SCHEMA, 1000)).as("none").isZero();

    SqlitePartIndex.make(db, SCHEMA, 8, 1000);
    assertThat(SqlitePartIndex.indexedCount(db, SCHEMA, 1000)).isEqualTo(8);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("DROP INDEX processor_transactions_part_of_8");
      st.execute(SqlitePartIndex.createSql(SCHEMA, dev.reconciler.core.domain.Source.PROCESSOR, 4));
    }
    assertThat(SqlitePartIndex.indexedCount(db, SCHEMA, 1000))
        .as("4 on one side, 8 on the other")
        .isZero();
    assertThat(SqlitePartIndex.indexedCount(db.resolveSibling("none.db"), SCHEMA, 1000)).isZero();
  }

  /**
   * An index of the right name on another expression (made for another match key, or by a version
   * that spelt the part expression otherwise) is never used by a part's read: it is made again.
   */
  @Test
  void anIndexOfThePartsNameOnAnotherExpressionIsMadeAgain() throws Exception {
    Path db =
        database(
            "CREATE TABLE sales" + SALES,
            "CREATE TABLE processor_transactions(processor_ref TEXT, transaction_id TEXT, amount,"
                + " currency TEXT, fee, status TEXT, processed_at TEXT)",
            "CREATE INDEX sales_part_of_4 ON sales(length(order_id) % 4)",
            "CREATE INDEX processor_transactions_part_of_4 ON"
                + " processor_transactions(length(transaction_id) % 4)");

    assertThat(SqlitePartIndex.ensure(db, SCHEMA, 4, 1000, true)).isTrue();

    assertThat(SqlitePartIndex.in(db, SCHEMA, 1000))
        .containsExactly("processor_transactions_part_of_4", "sales_part_of_4");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT group_concat(sql, '; ') FROM (SELECT sql FROM sqlite_master"
                    + " WHERE name GLOB '*_part_of_4' ORDER BY name)")) {
      assertThat(rs.getString(1))
          .doesNotContain("length(")
          .isEqualTo(
              (SqlitePartIndex.createSql(SCHEMA, dev.reconciler.core.domain.Source.PROCESSOR, 4)
                      + "; "
                      + SqlitePartIndex.createSql(
                          SCHEMA, dev.reconciler.core.domain.Source.SALES, 4))
                  .replace(" IF NOT EXISTS ", " "));
    }
    // Now as this version makes them: found there, nothing made again.
    assertThat(SqlitePartIndex.make(db, SCHEMA, 4, 1000)).isFalse();
  }

  private Path database(String... statements) throws Exception {
    Path db = Files.createTempFile(dir, "in", ".db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
    return db;
  }
}
