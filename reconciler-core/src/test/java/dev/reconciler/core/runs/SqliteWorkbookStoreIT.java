package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The workbook store contract in a real SQLite runs file. */
class SqliteWorkbookStoreIT extends WorkbookStoreContract {
  private Path db;

  @Override
  WorkbookStore emptyStore() throws Exception {
    db = dir.resolve("runs.db");
    // Makes the file, as the run record's save does before a workbook is stored.
    connect().close();
    return new SqliteWorkbookStore(db, 5_000);
  }

  @Override
  Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  @Test
  void aMissingFileHasNoWorkbooks() {
    assertThat(new SqliteWorkbookStore(dir.resolve("absent.db"), 5_000).all()).isEmpty();
  }
}
