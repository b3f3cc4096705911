package dev.reconciler.core.runs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Workbooks in the run store's database: run_workbooks (one row per run: name, size, SHA-256,
 * times) and run_workbook_chunks (the bytes in 1 MiB pieces). Chunks, not one BLOB, because
 * sqlite-jdbc's setBinaryStream and getBinaryStream read the whole value into one byte[] (checked
 * in 3.54.1.0): a tens-of-MB workbook would sit in the heap twice beside a big day. The SQL is
 * plain (DELETE then INSERT, no OR REPLACE), so SQLite and PostgreSQL run the same statements under
 * their one-writer lock. Reads never write; a missing database or table reads as no workbooks.
 */
abstract class JdbcWorkbookStore implements WorkbookStore {
  static final String TABLE = "run_workbooks";
  static final String CHUNKS = "run_workbook_chunks";

  /** Bytes per chunk row: the most of a workbook in memory at once, writing or reading. */
  static final int CHUNK_BYTES = 1 << 20;

  private static final String COLUMNS = "run_id, file_name, size, sha256, created_at, pruned_at";

  private final RunsDatabase db;

  JdbcWorkbookStore(RunsDatabase db) {
    this.db = db;
  }

  @Override
  public StoredWorkbook put(String runId, Path file, Instant createdAt) {
    // Read once before the write lock is taken: other writers need not wait for it.
    String sha = sha256(file);
    return db.write(
        "storing the workbook of run " + runId,
        c -> {
          StoredWorkbook stored = readOne(c, runId);
          if (stored != null && !stored.pruned() && sha.equals(stored.sha256())) {
            return stored;
          }
          delete(c, runId);
          long size = insertChunks(c, runId, file);
          StoredWorkbook row =
              new StoredWorkbook(runId, file.getFileName().toString(), size, sha, createdAt, null);
          insertRow(c, row);
          return row;
        });
  }

  @Override
  public StoredWorkbook find(String runId) {
    return read(c -> readOne(c, runId));
  }

  @Override
  public Map<String, StoredWorkbook> all() {
    Map<String, StoredWorkbook> all =
        read(
            c -> {
              Map<String, StoredWorkbook> rows = new LinkedHashMap<>();
              try (PreparedStatement st =
                      c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE);
                  ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                  StoredWorkbook w = row(rs);
                  rows.put(w.runId(), w);
                }
              }
              return rows;
            });
    return all == null ? Map.of() : all;
  }

  @Override
  public StoredWorkbook copyTo(String runId, OutputStream out) {
    StoredWorkbook copied =
        read(
            c -> {
              StoredWorkbook w = readOne(c, runId);
              if (w == null || w.pruned()) {
                return null;
              }
              copyChunks(c, w, out);
              return w;
            });
    if (copied == null) {
      throw new IllegalStateException("no workbook of run " + runId + " is stored in " + db);
    }
    return copied;
  }

  @Override
  public void markPruned(String runId, String fileName, Instant at) {
    db.write(
        "marking the workbook of run " + runId + " pruned",
        c -> {
          StoredWorkbook w = readOne(c, runId);
          delete(c, runId);
          insertRow(
              c,
              w == null
                  ? new StoredWorkbook(runId, fileName, null, null, at, at)
                  : new StoredWorkbook(
                      runId, w.fileName(), w.size(), w.sha256(), w.createdAt(), at));
          return null;
        });
  }

  private static void delete(Connection c, String runId) throws SQLException {
    for (String table : new String[] {CHUNKS, TABLE}) {
      try (PreparedStatement st =
          c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
        st.setString(1, runId);
        st.executeUpdate();
      }
    }
  }

  private long insertChunks(Connection c, String runId, Path file) throws SQLException {
    long size = 0;
    byte[] buffer = new byte[CHUNK_BYTES];
    try (InputStream in = Files.newInputStream(file);
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO " + CHUNKS + " (run_id, seq, bytes) VALUES (?, ?, ?)")) {
      int seq = 0;
      for (int n = in.readNBytes(buffer, 0, CHUNK_BYTES);
          n > 0;
          n = in.readNBytes(buffer, 0, CHUNK_BYTES)) {
        st.setString(1, runId);
        st.setInt(2, seq++);
        st.setBytes(3, n == CHUNK_BYTES ? buffer : Arrays.copyOf(buffer, n));
        st.executeUpdate();
        size += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading workbook " + file + " to store it", e);
    }
    return size;
  }

  private static void insertRow(Connection c, StoredWorkbook w) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      st.setString(1, w.runId());
      st.setString(2, w.fileName());
      if (w.size() == null) {
        st.setNull(3, Types.INTEGER);
      } else {
        st.setLong(3, w.size());
      }
      st.setString(4, w.sha256());
      st.setString(5, w.createdAt().toString());
      st.setString(6, w.prunedAt() == null ? null : w.prunedAt().toString());
      st.executeUpdate();
    }
  }

  private void copyChunks(Connection c, StoredWorkbook w, OutputStream out) throws SQLException {
    MessageDigest digest = sha256();
    long size = 0;
    try (PreparedStatement st =
        c.prepareStatement("SELECT bytes FROM " + CHUNKS + " WHERE run_id = ? ORDER BY seq")) {
      // A chunk at a time: PgJDBC would otherwise fetch every chunk before the first is written.
      st.setFetchSize(1);
      st.setString(1, w.runId());
      try (ResultSet rs = st.executeQuery();
          OutputStream checked = new DigestOutputStream(nonClosing(out), digest)) {
        while (rs.next()) {
          byte[] chunk = rs.getBytes(1);
          checked.write(chunk);
          size += chunk.length;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the workbook of run " + w.runId(), e);
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    if (size != w.size() || !sha.equals(w.sha256())) {
      throw new IllegalStateException(
          "the stored workbook of run "
              + w.runId()
              + " in "
              + db
              + " is damaged: "
              + size
              + " bytes with SHA-256 "
              + sha
              + ", stored as "
              + w.size()
              + " bytes with "
              + w.sha256());
    }
  }

  /** The caller's stream stays open: the digest wrapper only needs flushing. */
  private static OutputStream nonClosing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /** The row of {@code runId}; the table exists (a write made it, a read checked it). */
  private static StoredWorkbook readOne(Connection c, String runId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE run_id = ?")) {
      st.setString(1, runId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? row(rs) : null;
      }
    }
  }

  private static StoredWorkbook row(ResultSet rs) throws SQLException {
    long size = rs.getLong("size");
    Long sizeOrNull = rs.wasNull() ? null : size;
    String pruned = rs.getString("pruned_at");
    return new StoredWorkbook(
        rs.getString("run_id"),
        rs.getString("file_name"),
        sizeOrNull,
        rs.getString("sha256"),
        Instant.parse(rs.getString("created_at")),
        pruned == null ? null : Instant.parse(pruned));
  }

  /** A read-only look; null when the database or the table does not exist. */
  private <T> T read(RunsDatabase.Work<T> read) {
    return db.read(TABLE, "reading " + TABLE, (c, columns) -> read.apply(c));
  }

  /** Hex SHA-256 of a file, read in chunks. */
  static String sha256(Path file) {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[CHUNK_BYTES];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading workbook " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return db.toString();
  }
}
