package dev.reconciler.core.runs;

import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.store.Sqlite;
import dev.reconciler.core.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parts of sharded runs in the run store's SQLite file, where every worker that records runs can
 * read them: run_parts, one row per (run id, shard index) with the shard count, when it was stored
 * and the part as bytes. A part written again (a redelivered part task) replaces its own row. The
 * SQL is plain (DELETE then INSERT) as in {@link SqliteWorkbookStore}, so another database can run
 * it with only the BLOB type changed.
 */
public final class SqlitePartStore {
  static final String TABLE = "run_parts";

  private static final int VERSION = 1;

  private final Path db;
  private final int busyTimeoutMs;

  /** The store in {@code db}, the file the runs are recorded in. */
  public SqlitePartStore(Path db, int busyTimeoutMs) {
    this.db = db;
    this.busyTimeoutMs = busyTimeoutMs;
  }

  /** Stores one part of a run, replacing what that part stored before. */
  public void put(String runId, Shard shard, byte[] bytes, Instant createdAt) {
    write(
        "storing part " + shard + " of run " + runId,
        c -> {
          try (PreparedStatement del =
                  c.prepareStatement(
                      "DELETE FROM " + TABLE + " WHERE run_id = ? AND shard_index = ?");
              PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO "
                          + TABLE
                          + " (run_id, shard_index, shard_count, created_at, bytes)"
                          + " VALUES (?, ?, ?, ?, ?)")) {
            del.setString(1, runId);
            del.setInt(2, shard.index());
            del.executeUpdate();
            ins.setString(1, runId);
            ins.setInt(2, shard.index());
            ins.setInt(3, shard.count());
            ins.setString(4, createdAt.toString());
            ins.setBytes(5, bytes);
            ins.executeUpdate();
          }
        });
  }

  /**
   * The stored parts of a run split in {@code count}, by shard index; a part stored for another
   * count (a run id reused with another shard count) is not one of them.
   */
  public Map<Integer, byte[]> parts(String runId, int count) {
    Map<Integer, byte[]> parts = new TreeMap<>();
    if (!Files.exists(db)) {
      return parts;
    }
    try (Connection c = Sqlite.openReadOnly(db, busyTimeoutMs)) {
      if (Sqlite.columns(c, TABLE).isEmpty()) {
        return parts;
      }
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT shard_index, bytes FROM "
                  + TABLE
                  + " WHERE run_id = ? AND shard_count = ? ORDER BY shard_index")) {
        st.setString(1, runId);
        st.setInt(2, count);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            int index = rs.getInt(1);
            if (index >= 0 && index < count) {
              parts.put(index, rs.getBytes(2));
            }
          }
        }
      }
      return parts;
    } catch (SQLException e) {
      throw new StoreException("reading the parts of run " + runId + " from " + db, e);
    }
  }

  /** Deletes every part of a run (once its merge recorded it). */
  public void delete(String runId) {
    write(
        "deleting the parts of run " + runId,
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("DELETE FROM " + TABLE + " WHERE run_id = ?")) {
            st.setString(1, runId);
            st.executeUpdate();
          }
        });
  }

  private void write(String doing, Work work) {
    Sqlite.inWriteTransaction(
        db,
        busyTimeoutMs,
        doing,
        c -> {
          try (Statement st = c.createStatement()) {
            st.execute(
                "CREATE TABLE IF NOT EXISTS "
                    + TABLE
                    + " (run_id TEXT NOT NULL, shard_index INTEGER NOT NULL,"
                    + " shard_count INTEGER NOT NULL, created_at TEXT NOT NULL, bytes BLOB NOT"
                    + " NULL, PRIMARY KEY (run_id, shard_index))");
          }
          Sqlite.recordLayout(c, TABLE, VERSION);
          work.apply(c);
          return null;
        });
  }

  private interface Work {
    void apply(Connection c) throws SQLException;
  }

  @Override
  public String toString() {
    return db.toString();
  }
}
