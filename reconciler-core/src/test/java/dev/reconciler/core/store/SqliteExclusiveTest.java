package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Sqlite#openExclusive}: the whole file is the holder's until it closes the connection. */
class SqliteExclusiveTest {
  @TempDir Path dir;

  private static int tables(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void noOtherConnectionReadsOrWritesUntilTheHolderClosesIt() throws Exception {
    Path db = Files.createFile(dir.resolve("locked.db"));
    try (Connection other = Sqlite.openReadOnly(db, 0)) {
      try (Connection holder = Sqlite.openExclusive(db, 0);
          Statement st = holder.createStatement()) {
        // Commits of its own keep the lock: Flyway commits once per migration.
        st.execute("CREATE TABLE t (x)");
        assertThatThrownBy(() -> tables(other)).hasMessageContaining("SQLITE_BUSY");
        assertThatThrownBy(() -> Sqlite.openReadWrite(db, 0))
            .hasMessageContaining("opening " + db + " for writing");
      }
      assertThat(tables(other)).isEqualTo(1);
    }
  }

  @Test
  void aReadOnlyFileIsRefusedAsForAnyWrite() throws Exception {
    Path db = dir.resolve("ro.db");
    SqliteFiles.exec(db, "CREATE TABLE t (x)");
    SqliteFiles.readOnly(db);

    assertThatThrownBy(() -> Sqlite.openExclusive(db, 0))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("is read-only");
  }
}
