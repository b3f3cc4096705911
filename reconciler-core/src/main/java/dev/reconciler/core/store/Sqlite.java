package dev.reconciler.core.store;

import dev.reconciler.core.domain.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens SQLite connections; refuses a missing file instead of silently creating an empty one, a
 * file that is not SQLite, and (for writing) a database SQLite can only read.
 */
public final class Sqlite {
  /** The first 16 bytes of every SQLite 3 database file. */
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  /** SQLITE_READONLY, the primary result code of every "attempt to write a readonly database". */
  private static final int READONLY = 8;

  static {
    SqliteNative.useKeptCopy();
  }

  private Sqlite() {}

  /** A connection to a new or existing file at {@code url}, for the writer that creates it. */
  static Connection create(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }

  /**
   * Whether the database has every index {@code statements} make (CREATE INDEX IF NOT EXISTS ...),
   * as they make them. A query reads through any index INDEXED BY names, even one of another
   * column, scanning it whole: an index of the name made otherwise must not pass for ours.
   */
  static boolean hasIndexes(Connection connection, List<String> statements) throws SQLException {
    StringBuilder sql =
        new StringBuilder("SELECT count(DISTINCT sql) FROM sqlite_master WHERE type = 'index'");
    sql.append(" AND sql IN (");
    for (int i = 0; i < statements.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(")");
    try (PreparedStatement st = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < statements.size(); i++) {
        // As SQLite keeps the statement: without its IF NOT EXISTS.
        st.setString(i + 1, statements.get(i).replace(" IF NOT EXISTS ", " "));
      }
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getInt(1) == statements.size();
      }
    }
  }

  /**
   * A table's column names, lower-cased (SQLite's are case-insensitive); empty when there is no
   * such table.
   */
  public static Set<String> columns(Connection connection, String table) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement st =
        connection.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  /**
   * Adds to {@code table} each column of {@code types} (name to declared type, added in that order)
   * it lacks: an older layout completed in place, inside the caller's write transaction. Names and
   * types are our own constants.
   */
  public static void addMissingColumns(
      Connection connection, String table, Map<String, String> types) throws SQLException {
    MissingColumns.add(connection, table, columns(connection, table), types);
  }

  /**
   * Whether {@code t} is SQLite running out of memory: SQLITE_NOMEM (7), or sqlite-jdbc's "Out of
   * memory" when the JVM could not give it an array for a value (the heap ran out inside a read),
   * or that same error with no message at all: the driver's native code makes the message's Java
   * string in the heap that just ran out, and when that fails too it throws a bare SQLException
   * with none (seen once in CI, as "database error while reading sales: null").
   */
  public static boolean outOfMemory(Throwable t) {
    return t instanceof SQLException sql
        && ((sql.getErrorCode() & 0xff) == 7
            || String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("out of memory")
            || sql.getMessage() == null && thrownByTheDriversNativeCode(sql));
  }

  /**
   * Whether {@code sql} was thrown by sqlite-jdbc's native code, which throws its message errors
   * through {@code NativeDB.throwex(String)}; every such message is a literal or SQLite's own, so
   * only a string the heap could not hold leaves one without a message.
   */
  private static boolean thrownByTheDriversNativeCode(SQLException sql) {
    StackTraceElement[] frames = sql.getStackTrace();
    return sql.getClass() == SQLException.class
        && frames.length > 0
        && "org.sqlite.core.NativeDB".equals(frames[0].getClassName())
        && "throwex".equals(frames[0].getMethodName());
  }

  /** Work done inside one write transaction. */
  @FunctionalInterface
  public interface Transaction<T> {
    T apply(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} as one write transaction on {@code db} (which must exist and be writable),
   * under SQLite's write lock, waiting up to the busy timeout for another writer: committed when it
   * returns; on any failure, closing the connection rolls it all back.
   *
   * @param doing what the work is, for the error: "DOING in DB"
   */
  public static <T> T inWriteTransaction(
      Path db, int busyTimeoutMs, String doing, Transaction<T> work) {
    try (Connection c = openReadWrite(db, busyTimeoutMs);
        Statement st = c.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      T result = work.apply(c);
      st.execute("COMMIT");
      return result;
    } catch (SQLException e) {
      throw new StoreException(doing + " in " + db, e);
    }
  }

  /**
   * Begins a write transaction (BEGIN IMMEDIATE) with its statement journals in memory. A statement
   * that may abort part-way (a multi-row insert or upsert, one into a table with a unique key)
   * journals, for the statement's sake, every page it changes that an earlier statement of the
   * transaction had changed: in a temp file, an import of 250k rows into a table of 3M with its
   * indexes kept in place wrote some 5 GB to it (measured, see BENCHMARKS.md). SQLite takes the
   * choice from temp_store when the write transaction begins (the pager's {@code subjInMemory}), so
   * temp_store is MEMORY for the BEGIN only and then put back: an index build's sorter goes by the
   * setting as it is at the build, and keeps spilling to files and sorting on helper threads. Each
   * statement's journal is freed when the statement ends.
   */
  public static void beginWithStatementJournalsInMemory(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      int tempStore;
      try (ResultSet rs = st.executeQuery("PRAGMA temp_store")) {
        tempStore = rs.next() ? rs.getInt(1) : 0;
      }
      st.execute("PRAGMA temp_store = MEMORY");
      st.execute("BEGIN IMMEDIATE");
      st.execute("PRAGMA temp_store = " + tempStore);
    }
  }

  /** Whether {@code e}, or what caused it, is SQLite's "database is locked" (SQLITE_BUSY). */
  public static boolean busy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && (sql.getErrorCode() & 0xff) == BUSY) {
        return true;
      }
    }
    return false;
  }

  /** SQLite's primary result code for a lock another connection holds. */
  private static final int BUSY = 5;

  /**
   * A read-only connection to an existing database; first rolls back the journal a writer killed
   * mid-transaction left behind, which a read-only connection cannot do itself.
   */
  public static Connection openReadOnly(Path db, int busyTimeoutMs) {
    Connection connection = open(db, busyTimeoutMs, true);
    try {
      readSchemaVersion(connection);
      return connection;
    } catch (SQLException e) {
      if (!hotJournal(e)) {
        // Any other failure (a lock held past the timeout, a damaged file) is the first query's
        // to report, in the words its caller gives it, as before this check.
        return connection;
      }
      closeQuietly(connection, e);
    }
    rollBackHotJournal(db, busyTimeoutMs);
    return open(db, busyTimeoutMs, true);
  }

  /**
   * A read-write connection rolls a hot journal back at its first read (SQLite's own recovery,
   * under an exclusive lock, so racing processes do it once); then the file is as it was before the
   * interrupted transaction.
   */
  private static void rollBackHotJournal(Path db, int busyTimeoutMs) {
    Connection writer = open(db, busyTimeoutMs, false);
    try (writer) {
      readSchemaVersion(writer);
    } catch (SQLException e) {
      if ((e.getErrorCode() & 0xff) == READONLY) {
        Path journal = db.resolveSibling(db.getFileName() + "-journal");
        throw new UserError(
            "database "
                + db.toAbsolutePath().normalize()
                + " was left mid-write by a process that stopped, and its journal "
                + journal.toAbsolutePath().normalize()
                + " must be rolled back before it can be read, but this user cannot write them:"
                + " make the file and its directory writable by this user, or open the database"
                + " once as its owner (sqlite3 FILE 'PRAGMA schema_version')",
            e);
      }
      throw new StoreException("rolling back the interrupted write left in " + db, e);
    }
  }

  /**
   * Whether {@code e} is SQLite refusing a read-only connection because the file has a hot journal:
   * a writer stopped mid-transaction, and only a connection that can write may undo it.
   */
  static boolean hotJournal(SQLException e) {
    return e instanceof SQLiteException s
        && s.getResultCode() == SQLiteErrorCode.SQLITE_READONLY_ROLLBACK;
  }

  /** The cheapest read that makes SQLite look at the file, and so at a hot journal beside it. */
  private static void readSchemaVersion(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA schema_version")) {
      rs.next();
    }
  }

  /**
   * A read-write connection to an existing database that SQLite will let us write: a read-only
   * file, directory, mount or database fails here, before any work, rather than at the first write.
   */
  public static Connection openReadWrite(Path db, int busyTimeoutMs) {
    Connection connection = open(db, busyTimeoutMs, false);
    try (Statement st = connection.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      // The write lock is granted even on a file the OS lets this user only read (SQLite then
      // opened it read-only), so only a write tells: the header's user_version rewritten with its
      // own value, and rolled back, leaves nothing behind.
      st.execute("PRAGMA user_version = " + userVersion(st));
      st.execute("ROLLBACK");
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection, e);
      if ((e.getErrorCode() & 0xff) == READONLY) {
        throw new UserError(
            "database "
                + db.toAbsolutePath().normalize()
                + " is read-only, but runs are recorded in it: make the file (and its directory,"
                + " for SQLite's journal) writable by this user",
            e);
      }
      throw new StoreException("opening " + db + " for writing", e);
    }
  }

  /**
   * A read-write connection that holds the database's lock, against readers too, until it is
   * closed: for work that must run alone across processes yet commits in steps of its own (Flyway's
   * migrations), waiting up to the busy timeout for the lock.
   */
  public static Connection openExclusive(Path db, int busyTimeoutMs) {
    Connection connection = openReadWrite(db, busyTimeoutMs);
    try (Statement st = connection.createStatement()) {
      // In this mode SQLite keeps every lock it took until the connection closes: the empty
      // exclusive transaction leaves the whole file locked for the steps that follow.
      st.execute("PRAGMA locking_mode = EXCLUSIVE");
      st.execute("BEGIN EXCLUSIVE");
      st.execute("COMMIT");
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw new StoreException("locking " + db, e);
    }
  }

  private static int userVersion(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static Connection open(Path db, int busyTimeoutMs, boolean readOnly) {
    if (!Files.isRegularFile(db)) {
      throw new UserError(
          "database not found: "
              + db.toAbsolutePath().normalize()
              + " (run 'reconciler generate' or point --db / [paths] database at your SQLite file)");
    }
    requireSqliteFile(db);
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    config.setBusyTimeout(busyTimeoutMs);
    // Else sqlite-jdbc asks for last_insert_rowid() after every insert statement, a query of its
    // own that nothing here reads (a tenth of an import's writing thread, by profile).
    config.setGetGeneratedKeys(false);
    try {
      return config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
    } catch (SQLException e) {
      throw new UserError("cannot open database " + db + ": " + e.getMessage(), e);
    }
  }

  /**
   * SQLite itself only notices a foreign file at the first query ("file is not a database"), which
   * would read as a database failure; its header says so up front. An empty file is an empty
   * database to SQLite, and then simply lacks the input tables.
   */
  private static void requireSqliteFile(Path db) {
    byte[] head = new byte[MAGIC.length];
    int read;
    try (InputStream in = Files.newInputStream(db)) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new UserError(
          "cannot read database " + db.toAbsolutePath().normalize() + ": " + e.getMessage(), e);
    }
    if (read > 0 && !Arrays.equals(head, MAGIC)) {
      throw new UserError(
          db.toAbsolutePath().normalize()
              + " is not a SQLite database (point --db or [paths] database at the SQLite file)");
    }
  }

  private static void closeQuietly(Connection connection, SQLException cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
