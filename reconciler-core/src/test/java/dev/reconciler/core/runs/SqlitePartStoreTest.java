package dev.reconciler.core.runs;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.io.TempDir;

/** The part store contract in a real SQLite runs file. */
class SqlitePartStoreTest extends PartStoreContract {
  @TempDir Path dir;

  @Override
  PartStore emptyStore() throws Exception {
    Path db = dir.resolve("runs.db");
    // Makes the file, as the run record's save does before a part is stored.
    DriverManager.getConnection("jdbc:sqlite:" + db).close();
    return new SqlitePartStore(db, 5_000);
  }
}
