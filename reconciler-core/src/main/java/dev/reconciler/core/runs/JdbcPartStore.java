package dev.reconciler.core.runs;

import dev.reconciler.core.domain.Shard;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run_parts table, one row per (run id, shard index) with the shard count, when it was stored
 * and the part as bytes, in SQL both databases run: plain DELETE then INSERT, under the database's
 * one-writer lock.
 */
abstract class JdbcPartStore implements PartStore {
  static final String TABLE = "run_parts";

  private final RunsDatabase db;

  JdbcPartStore(RunsDatabase db) {
    this.db = db;
  }

  @Override
  public void put(String runId, Shard shard, byte[] bytes, Instant createdAt) {
    db.write(
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
          return null;
        });
  }

  @Override
  public Map<Integer, byte[]> parts(String runId, int count) {
    Map<Integer, byte[]> parts =
        db.read(
            TABLE,
            "reading the parts of run " + runId,
            (c, columns) -> {
              Map<Integer, byte[]> found = new TreeMap<>();
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
                      found.put(index, rs.getBytes(2));
                    }
                  }
                }
              }
              return found;
            });
    return parts == null ? new TreeMap<>() : parts;
  }

  @Override
  public void delete(String runId) {
    db.write(
        "deleting the parts of run " + runId,
        c -> {
          try (PreparedStatement st =
              c.prepareStatement("DELETE FROM " + TABLE + " WHERE run_id = ?")) {
            st.setString(1, runId);
            st.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public int deleteStoredBefore(Instant cutoff) {
    Integer deleted =
        db.write(
            "deleting parts stored before " + cutoff,
            c -> {
              // created_at is Instant.toString(): ISO text in UTC, which sorts as time does
              // (fractions of a second aside, which a cutoff days back does not care about).
              try (PreparedStatement st =
                  c.prepareStatement("DELETE FROM " + TABLE + " WHERE created_at < ?")) {
                st.setString(1, cutoff.toString());
                return st.executeUpdate();
              }
            });
    return deleted == null ? 0 : deleted;
  }

  @Override
  public String toString() {
    return db.toString();
  }
}
