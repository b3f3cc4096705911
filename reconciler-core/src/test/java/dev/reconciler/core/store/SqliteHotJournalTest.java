package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * {@link Sqlite#openReadOnly} on a file a writer was killed in the middle of writing: the hot
 * journal it left is rolled back, where a plain read-only connection fails every read.
 */
class SqliteHotJournalTest {
  private static final int ROWS = 2_000;

  @TempDir Path dir;

  /**
   * A copy of a database taken while a transaction had already overwritten pages of it: the files a
   * process killed at that moment leaves, its journal hot since no one holds a lock.
   */
  private Path interruptedWrite() throws Exception {
    Path db = dir.resolve("runs.db");
    SqliteFiles.exec(
        db,
        "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
            + ROWS
            + ") INSERT INTO t SELECT i, 'kept ' || i || printf('%.500c', '.') FROM n");
    Path copy = dir.resolve("copy.db");
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = writer.createStatement()) {
      // A cache far smaller than the change makes SQLite spill: journal first, then the file.
      st.execute("PRAGMA cache_size = 10");
      st.execute("BEGIN");
      st.execute("UPDATE t SET v = 'half-written ' || id || printf('%.600c', '!')");
      Path journal = dir.resolve("runs.db-journal");
      assertThat(journal).exists();
      Files.copy(db, copy);
      Files.copy(journal, dir.resolve("copy.db-journal"));
      st.execute("ROLLBACK");
    }
    return copy;
  }

  private static String firstAndCount(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT count(*), total(v LIKE 'kept %'), max(length(v)) FROM t")) {
      rs.next();
      return rs.getInt(1) + " " + rs.getInt(2) + " " + rs.getInt(3);
    }
  }

  @Test
  void aPlainReadOnlyConnectionCannotReadSuchAFile() throws Exception {
    Path copy = interruptedWrite();
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection plain = config.createConnection("jdbc:sqlite:" + copy)) {
      assertThatThrownBy(() -> firstAndCount(plain))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(Sqlite.hotJournal(e)).isTrue())
          .hasMessageContaining("SQLITE_READONLY_ROLLBACK");
    }
  }

  @Test
  void openReadOnlyRollsTheInterruptedWriteBackAndReads() throws Exception {
    Path copy = interruptedWrite();

    try (Connection c = Sqlite.openReadOnly(copy, 0)) {
      assertThat(firstAndCount(c))
          .isEqualTo(ROWS + " " + ROWS + " " + (("kept " + ROWS).length() + 500));
    }
    assertThat(dir.resolve("copy.db-journal")).doesNotExist();
    assertThat(SqliteFiles.query(copy, "PRAGMA integrity_check")).containsExactly("ok");
  }

  @Test
  void aFileWithoutAHotJournalOpensAsBefore() throws Exception {
    Path db = dir.resolve("plain.db");
    SqliteFiles.exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    try (Connection c = Sqlite.openReadOnly(db, 0)) {
      assertThat(firstAndCount(c)).isEqualTo("0 0 0");
      assertThatThrownBy(() -> c.createStatement().execute("INSERT INTO t VALUES (1, 'x')"))
          .hasMessageContaining("SQLITE_READONLY");
    }
  }
}
