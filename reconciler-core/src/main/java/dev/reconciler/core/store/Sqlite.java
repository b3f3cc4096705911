package dev.reconciler.core.store;

import dev.reconciler.core.domain.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/** Opens SQLite connections; refuses a missing file instead of silently creating an empty one. */
public final class Sqlite {
  private Sqlite() {}

  /** A read-only connection to an existing database. */
  public static Connection openReadOnly(Path db, int busyTimeoutMs) {
    return open(db, busyTimeoutMs, true);
  }

  /** A read-write connection to an existing database. */
  public static Connection openReadWrite(Path db, int busyTimeoutMs) {
    return open(db, busyTimeoutMs, false);
  }

  private static Connection open(Path db, int busyTimeoutMs, boolean readOnly) {
    if (!Files.isRegularFile(db)) {
      throw new UserError(
          "database not found: "
              + db.toAbsolutePath().normalize()
              + " (run 'reconciler generate' or point --db / [paths] database at your SQLite file)");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    config.setBusyTimeout(busyTimeoutMs);
    try {
      return config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
    } catch (SQLException e) {
      throw new UserError("cannot open database " + db + ": " + e.getMessage(), e);
    }
  }
}
