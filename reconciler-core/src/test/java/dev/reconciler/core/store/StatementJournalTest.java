package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import's transaction keeps its statement journals in memory ({@link
 * Sqlite#beginWithStatementJournalsInMemory}), where a plain BEGIN writes them to a temp file, and
 * leaves temp_store as it found it. The temp file is seen as SQLite names it among the process's
 * open files (Linux).
 */
class StatementJournalTest {
  private static final String UPSERT =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
          + " INSERT INTO t SELECT hex(randomblob(16)), hex(randomblob(50)) FROM n WHERE true"
          + " ON CONFLICT(k) DO UPDATE SET k = excluded.k WHERE v IS NOT excluded.v";

  @TempDir Path dir;

  @Test
  void anUpsertAfterOthersInTheImportsTransactionWritesNoTempFile() throws Exception {
    try (Connection c = keyedTable("import.db")) {
      Sqlite.beginWithStatementJournalsInMemory(c);
      upsertFourTimes(c);

      assertThat(openTempFiles()).isZero();
      assertThat(tempStore(c)).as("as it was, for the index builds' sorter").isZero();
      rollback(c);
    }
  }

  @Test
  void aPlainBeginWritesTheSameStatementsJournalToATempFile() throws Exception {
    try (Connection c = keyedTable("plain.db");
        Statement st = c.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      upsertFourTimes(c);

      assertThat(openTempFiles()).isPositive();
      rollback(c);
    }
  }

  @Test
  void aTempStoreSetByTheDatabasesOwnerIsPutBack() throws Exception {
    try (Connection c = keyedTable("owner.db");
        Statement st = c.createStatement()) {
      st.execute("PRAGMA temp_store = FILE");
      Sqlite.beginWithStatementJournalsInMemory(c);

      assertThat(tempStore(c)).isEqualTo(1);
      rollback(c);
    }
  }

  /** A table of 20,000 rows under a unique key, as a table imported into before is. */
  private Connection keyedTable(String name) throws SQLException {
    Path db = dir.resolve(name);
    SqliteFiles.exec(
        db,
        "CREATE TABLE t (k TEXT, v TEXT)",
        "CREATE UNIQUE INDEX t_k ON t(k)",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
            + " INSERT INTO t SELECT hex(randomblob(16)), hex(randomblob(50)) FROM n");
    return Sqlite.openReadWrite(db, 1_000);
  }

  /** Each statement after the first changes pages an earlier one changed: those it journals. */
  private static void upsertFourTimes(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (int i = 0; i < 4; i++) {
        st.execute(UPSERT);
      }
    }
  }

  private static int tempStore(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA temp_store")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void rollback(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("ROLLBACK");
    }
  }

  /** SQLite's temp files this process holds open: it names them etilqs_*, deleted at once. */
  private static long openTempFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(StatementJournalTest::target).filter(t -> t.contains("etilqs_")).count();
    }
  }

  private static String target(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return ""; // closed meanwhile (the listing's own descriptor)
    }
  }
}
