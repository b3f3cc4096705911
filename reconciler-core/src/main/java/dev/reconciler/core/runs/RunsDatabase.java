package dev.reconciler.core.runs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * The database the run, part and workbook stores keep their tables in, SQLite or PostgreSQL: the
 * stores' SQL is the same on both, only opening, locking and making the tables differ.
 */
interface RunsDatabase {
  /**
   * Runs {@code work} as one write transaction, one writer at a time, with the tables made first;
   * committed when it returns, rolled back on any failure.
   *
   * @param doing what the work is, for the error
   */
  <T> T write(String doing, Work<T> work);

  /**
   * Runs {@code read} on a connection that writes nothing, given the columns {@code table} has
   * (lower-case); null, without calling it, when the database or the table does not exist.
   */
  <T> T read(String table, String doing, Read<T> read);

  /** Work on a connection. */
  interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  /** A read of a table that has these columns. */
  interface Read<T> {
    T apply(Connection c, Set<String> columns) throws SQLException;
  }
}
