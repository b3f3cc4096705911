package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ProcessorTable;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * The {@link InputSource} of a PostgreSQL database holding both sides as tables, read with {@code
 * COPY ... TO STDOUT (FORMAT binary)}: one streamed result per read, parsed in place into the
 * reused {@link RowFields}, no Java object per row or field.
 *
 * <p>A row's line is the value of its table's {@value #LINE} column, which each input table must
 * have (a bigint, unique, best the primary key). PostgreSQL has no rowid: a ctid moves on every
 * UPDATE and VACUUM FULL, so it is neither stable nor worth showing an operator, and an ORDER BY
 * needs a column anyway. The generator fills it as SQLite's rowid is filled (1, 2, ...); an
 * upstream loader fills it from a sequence or identity.
 *
 * <p>Every column is read as its text ({@code ::text}), so a dirty value in a text column reaches
 * the cleaner as it was written, as with SQLite.
 */
public final class PgInputSource implements InputSource {
  /** The column holding a row's line. */
  public static final String LINE = "line";

  /** Lines per fetch: one COPY each, the lines written into its SQL as an array literal. */
  private static final int FETCH_BATCH = 4096;

  /**
   * Bytes of a COPY read's buffer (more for a longer row): a new one each time the last is used up,
   * which the loader may still hold. Buffers of a megabyte ran a day that HeapCheck's estimate said
   * fits out of the heap at the end of its load (BigDayCliIT, shards = auto on a 48 MB heap), where
   * SQLite's chunks of 4096 rows did not.
   */
  private static final int BUFFER = 1 << 16;

  private final Settings.Database database;
  private final String shown;
  private final InputSchema schema;
  private final Connection connection;

  /**
   * The session the COPY reads use, made on the first: a session of its own, not the pool's (see
   * {@link PooledConnection}), and only for a source that reads rows, not one that only checks.
   */
  private Connection copies;

  /** " AND " and the condition selecting a processor table's payments, or "" for every row. */
  private final String processorRows;

  public PgInputSource(Settings.Database database, InputSchema schema) {
    this.database = database;
    this.shown = database.shownUrl();
    this.schema = schema;
    this.connection = Postgres.connect(database);
    try {
      this.processorRows =
          columnsOf(schema.processorTable()).contains("row_type")
              ? " AND " + ProcessorTable.PAYMENTS
              : "";
    } catch (RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  @Override
  public void checkSchema() {
    for (Source source : Source.values()) {
      String table = schema.table(source);
      Set<String> present = columnsOf(table);
      if (present.isEmpty()) {
        throw schema.noTable(table, shown);
      }
      List<String> required = new ArrayList<>(schema.requiredColumns(source));
      required.add(0, LINE);
      for (String column : required) {
        if (!present.contains(column.toLowerCase(Locale.ROOT))) {
          throw InputSchema.noColumn(
              table,
              shown,
              column,
              column.equals(LINE) ? " (a bigint numbering its rows, see the README)" : "");
        }
      }
    }
  }

  /** The lower-case column names of a table on the search path; empty when there is none. */
  private Set<String> columnsOf(String table) {
    return columnsOf(connection, table);
  }

  /** {@link #columnsOf(String)} on {@code connection}: the settlement rules' reader's too. */
  static Set<String> columnsOf(Connection connection, String table) {
    String sql =
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0"
            + " AND NOT attisdropped";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(1, Postgres.identifier(table));
      Set<String> columns = new HashSet<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
      return columns;
    } catch (SQLException e) {
      throw new StoreException("reading the columns of " + table, e);
    }
  }

  @Override
  public String name(Source source) {
    return schema.table(source);
  }

  /** One more than the largest line minus the smallest: two index probes on a keyed line. */
  @Override
  public long sizeHint(Source source) {
    String table = schema.table(source);
    String sql =
        "SELECT coalesce(max("
            + LINE
            + ") - min("
            + LINE
            + ") + 1, 0) FROM "
            + Postgres.identifier(table);
    try (PreparedStatement st = connection.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("reading the line range of " + table, e);
    }
  }

  /**
   * Streams the rows whose timestamp text may lie in the day, and those no day can place, as {@link
   * SqliteInputSource#readDay} selects them: the same window of dates, compared bytewise (COLLATE
   * "C": a locale's collation may order "2026-11-24T..." and "2026-11-25" otherwise).
   */
  @Override
  public void readDay(Source source, Instant dayStart, Instant dayEnd, Consumer<RowFields> sink) {
    readDay(source, dayStart, dayEnd, Shard.ALL, sink);
  }

  /**
   * One part of the day, by the same rule as {@link SqliteInputSource#inShard} ({@link #bucket}).
   */
  @Override
  public void readDay(
      Source source, Instant dayStart, Instant dayEnd, Shard shard, Consumer<RowFields> sink) {
    SpelledDates dates = SpelledDates.of(dayStart, dayEnd);
    String day = dates(source, dates.from(), dates.to());
    if (shard.whole()) {
      copy(source, InputField.LOAD, day, sink);
      return;
    }
    String part =
        " AND "
            + bucket(Postgres.identifier(schema.column(source, InputField.ID)))
            + " % "
            + shard.count()
            + " = "
            + shard.index();
    copy(source, InputField.LOAD, day + part, sink);
  }

  /**
   * The part rule's number of an id column: the last two characters of the id as the matcher
   * compares ids ({@link PgSettlementReader#normalKey}), 0 for each that is missing, as SQLite's
   * {@link SqliteInputSource#normalizedBucket}. The normalisation is made of the last two
   * characters only and the number read from them with one CASE: PostgreSQL does not share a
   * repeated expression, and the full spelling normalised the whole id four times on every row of
   * every part's read. Upper-casing maps character to character, so it gives the same last two
   * characters either way (tested).
   */
  static String bucket(String column) {
    String lastTwo =
        PgSettlementReader.asciiUpper(
            "right(" + PgSettlementReader.trimmed("(" + column + ")::text") + ", 2)");
    return "(CASE length("
        + lastTwo
        + ") WHEN 2 THEN ascii(right("
        + lastTwo
        + ", 1)) * 31 + ascii("
        + lastTwo
        + ") WHEN 1 THEN ascii("
        + lastTwo
        + ") * 31 ELSE 0 END)";
  }

  /**
   * As {@link SqliteInputSource#countDay}: the rows whose timestamp spells the date, undatable too.
   */
  @Override
  public long countDay(Source source, LocalDate date) {
    String table = schema.table(source);
    String sql =
        "SELECT count(*) FROM "
            + Postgres.identifier(table)
            + " WHERE "
            + dates(source, date.toString(), date.plusDays(1).toString())
            + (source == Source.PROCESSOR ? processorRows : "");
    try (PreparedStatement st = connection.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("counting the rows of " + table, e);
    }
  }

  /**
   * The rows whose timestamp text spells a date in [from, to), and those no date can place. The
   * dates are LocalDate.toString(): digits and hyphens, safe to write into the SQL (COPY takes no
   * parameters).
   */
  private String dates(Source source, String from, String to) {
    String timestamp =
        Postgres.identifier(schema.column(source, InputField.TIMESTAMP)) + "::text COLLATE \"C\"";
    return String.format(
        "((%1$s >= '%2$s' AND %1$s < '%3$s') OR %1$s IS NULL"
            + " OR %1$s !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}')",
        timestamp, from, to);
  }

  @Override
  public void fetch(Source source, long[] lines, Consumer<RowFields> sink) {
    for (int from = 0; from < lines.length; from += FETCH_BATCH) {
      StringJoiner batch = new StringJoiner(",", "'{", "}'::bigint[]");
      for (int i = from; i < Math.min(lines.length, from + FETCH_BATCH); i++) {
        batch.add(Long.toString(lines[i]));
      }
      copy(source, InputField.WHOLE, LINE + " = ANY(" + batch + ")", sink);
    }
  }

  /** Streams the rows of a side matching {@code where}, in line order, with the wanted fields. */
  private void copy(Source source, Set<InputField> wanted, String where, Consumer<RowFields> sink) {
    List<InputField> fields = new ArrayList<>();
    StringJoiner select = new StringJoiner(", ", "SELECT " + LINE + "::bigint, ", "");
    for (InputField field : InputField.values()) {
      String column = schema.column(source, field);
      if (column != null && wanted.contains(field)) {
        fields.add(field);
        select.add(Postgres.identifier(column) + "::text");
      }
    }
    String table = schema.table(source);
    String sql =
        "COPY ("
            + select
            + " FROM "
            + Postgres.identifier(table)
            + " WHERE "
            + where
            + (source == Source.PROCESSOR ? processorRows : "")
            + " ORDER BY "
            + LINE
            + ") TO STDOUT (FORMAT binary)";
    try (InputStream in = new PGCopyInputStream(copies().unwrap(PGConnection.class), sql)) {
      new BinaryRows(in, source, fields).forEach(sink);
    } catch (NullLine e) {
      // Upstream's to mend, not a passing fault: a retry would find the same row.
      throw new UserError(
          "table '"
              + table
              + "' in "
              + shown
              + " has a row whose line is NULL: line must number every row (see the README)");
    } catch (SQLException e) {
      throw new StoreException("reading " + table, e);
    } catch (IOException e) {
      throw new StoreException("reading " + table, new SQLException(e.getMessage(), e));
    }
  }

  /** A row whose line is NULL, which the table's contract forbids. */
  private static final class NullLine extends IOException {
    NullLine() {
      super("a row whose line is NULL");
    }
  }

  /**
   * The tuples of a binary COPY stream, each field a length and its bytes: read into a buffer, each
   * row handed over as ranges of it. Bytes once handed over are never written again: the loader
   * keeps a batch of rows' ids where they lie until it indexes them (as it may with a packed SQLite
   * chunk, read once and dropped). So a read that needs more room moves the unread rest of the
   * stream into a new buffer, never to the start of this one: compacting in place overwrote the ids
   * of rows still waiting, which then matched nothing (a 150k-row day lost 174 matches).
   */
  private static final class BinaryRows {
    private final InputStream in;
    private final RowFields row;
    private final int[] ordinals;
    private byte[] buffer = new byte[BUFFER];
    private int at;
    private int end;

    BinaryRows(InputStream in, Source source, List<InputField> fields) {
      this.in = in;
      this.row = new RowFields(source);
      this.ordinals = fields.stream().mapToInt(InputField::ordinal).toArray();
      for (InputField field : InputField.values()) {
        if (!fields.contains(field)) {
          row.setNull(field.ordinal());
        }
      }
    }

    void forEach(Consumer<RowFields> sink) throws IOException {
      require(Postgres.COPY_SIGNATURE.length + 8);
      for (int i = 0; i < Postgres.COPY_SIGNATURE.length; i++) {
        if (buffer[at + i] != Postgres.COPY_SIGNATURE[i]) {
          throw new IOException("not a binary COPY stream");
        }
      }
      at += Postgres.COPY_SIGNATURE.length + 4;
      int extension = readInt();
      require(extension);
      at += extension;
      while (true) {
        require(2);
        int count = (short) (((buffer[at] & 0xff) << 8) | (buffer[at + 1] & 0xff));
        if (count == -1) {
          return;
        }
        if (count != ordinals.length + 1) {
          throw new IOException("a row of " + count + " fields, expected " + (ordinals.length + 1));
        }
        // The whole row into the buffer first, so that its ranges stay valid in one array.
        int length = rowLength(count);
        int start = at + 2;
        at = start;
        int lineSize = readInt();
        if (lineSize == -1) {
          throw new NullLine();
        }
        if (lineSize != 8) {
          throw new IOException("a row without its line");
        }
        long line = readLong();
        row.reset(buffer, line);
        for (int ordinal : ordinals) {
          int size = readInt();
          if (size < 0) {
            row.setNull(ordinal);
          } else {
            row.set(ordinal, at, at + size);
            at += size;
          }
        }
        if (at != start - 2 + length) {
          throw new IOException("a row's fields do not add up to its length");
        }
        sink.accept(row);
      }
    }

    /**
     * The byte length of the row starting at {@link #at} (its field count included), with all of it
     * in the buffer; {@link #at} may have moved, the row is still there.
     */
    private int rowLength(int count) throws IOException {
      int length = 2;
      for (int field = 0; field < count; field++) {
        require(length + 4);
        int p = at + length;
        int size =
            ((buffer[p] & 0xff) << 24)
                | ((buffer[p + 1] & 0xff) << 16)
                | ((buffer[p + 2] & 0xff) << 8)
                | (buffer[p + 3] & 0xff);
        length += 4 + Math.max(size, 0);
      }
      require(length);
      return length;
    }

    private int readInt() throws IOException {
      require(4);
      int p = at;
      at += 4;
      return ((buffer[p] & 0xff) << 24)
          | ((buffer[p + 1] & 0xff) << 16)
          | ((buffer[p + 2] & 0xff) << 8)
          | (buffer[p + 3] & 0xff);
    }

    private long readLong() throws IOException {
      long high = readInt() & 0xffffffffL;
      return (high << 32) | (readInt() & 0xffffffffL);
    }

    /** Makes {@code n} bytes from {@link #at} readable, in a new buffer when this one is used. */
    private void require(int n) throws IOException {
      if (end - at >= n) {
        return;
      }
      if (at > 0 || n > buffer.length) {
        byte[] next = new byte[n > buffer.length ? Math.max(n, buffer.length * 2) : buffer.length];
        System.arraycopy(buffer, at, next, 0, end - at);
        buffer = next;
      }
      end -= at;
      at = 0;
      while (end < n) {
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
          throw new IOException("the COPY stream ended inside a row");
        }
        end += read;
      }
    }
  }

  private synchronized Connection copies() {
    if (copies == null) {
      copies = Postgres.session(database);
    }
    return copies;
  }

  @Override
  public synchronized void close() {
    try {
      try {
        if (copies != null) {
          copies.close();
        }
      } finally {
        connection.close();
      }
    } catch (SQLException e) {
      throw new StoreException("closing " + shown, e);
    }
  }
}
