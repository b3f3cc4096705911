package dev.reconciler.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.imports.ProcessorRow;
import dev.reconciler.core.imports.ProcessorTable;
import dev.reconciler.core.imports.RowType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes one import's rows into the processor table in PostgreSQL, in one transaction: the rows
 * stream with {@code COPY ... FROM STDIN} into a temporary table shaped like the processor table,
 * then one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} adds those whose (source_format,
 * row_key) the table does not hold yet, in file order (a row a file lists twice is added once, the
 * first time), line filled by the table's identity or sequence when it has one, else on from its
 * largest line. Imports into one table take turns (an advisory lock held until the commit), so two
 * cannot number rows alike.
 */
public final class PgProcessorImportWriter implements ProcessorImport {
  /** Rows are sent to the server whenever this many bytes are buffered. */
  private static final int FLUSH_BYTES = 1 << 20;

  private static final String STAGED = "pg_temp.reconciler_import";

  /** Each key the file lists more than once, with the ord of its first row: the one added. */
  private static final String REPEATS = "pg_temp.reconciler_import_repeats";

  /** Each key of the file that a row of the table holds already. */
  private static final String PRESENT = "pg_temp.reconciler_import_present";

  /** Staged keys sampled to choose the order {@link #findKeys} searches the key index in. */
  private static final int SAMPLED_KEYS = 1_000;

  /** A staged row {@code s} that is not a later row of a key the file repeats. */
  private static final String NOT_REPEATED =
      "NOT EXISTS (SELECT 1 FROM "
          + REPEATS
          + " AS r WHERE r.row_key = s.row_key AND r.ord <> s.ord)";

  /**
   * The longest value, in UTF-8 bytes, of a column the import indexes: a btree entry holds at most
   * 2704 bytes (with the row's header and the source_format beside row_key), and text that does not
   * compress is stored as it is.
   */
  private static final int INDEXED_BYTES = 2_600;

  private final Connection connection;
  private final String table;
  private final String shown;
  private final String sourceFormat;
  private final String sourceFile;
  private final String[] columns;
  private final ProcessorTableRow rows;
  private final CopyIn copy;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + (1 << 16));
  private final Object[] values;
  private final String matchKey;
  private final KeyConflicts conflicts = new KeyConflicts(ProcessorImporter.REJECTS_KEPT);

  /** Whether each of {@link #columns} is in an index of the import's: its length is bounded. */
  private final boolean[] indexed;

  /** The row {@link #values} holds: {@link #add} comes right after its check, for the same row. */
  private ProcessorRow filled;

  private final PgProcessorSchema schema;
  private final PgProcessorSchema.Shape shape;
  private long ordinal;
  private boolean provisionalPayouts;
  private boolean committed;

  /** What {@link #prepare} found the commit would add and refuse; null before it. */
  private Committed prepared;

  private PgProcessorImportWriter(
      Connection connection,
      String table,
      String shown,
      ImportFormat format,
      String sourceFile,
      String matchKey,
      PgProcessorSchema schema,
      PgProcessorSchema.Shape shape)
      throws SQLException {
    this.schema = schema;
    this.shape = shape;
    this.connection = connection;
    this.table = table;
    this.shown = shown;
    this.sourceFormat = format.id();
    this.sourceFile = sourceFile;
    this.matchKey = matchKey;
    // The format and file are the same on every row: bound once, in the INSERT.
    List<String> own = new ArrayList<>(ProcessorSchema.allColumns(matchKey));
    own.removeAll(List.of("source_format", "source_file"));
    this.columns = own.toArray(String[]::new);
    this.rows = new ProcessorTableRow(columns, matchKey);
    this.values = new Object[columns.length];
    List<String> keys = List.of("row_key", matchKey, "processor_ref", "original_ref");
    this.indexed = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      indexed[i] = keys.contains(columns[i]);
    }
    try (Statement st = connection.createStatement()) {
      // Shaped like the table, so COPY parses each value by the type the table declares and a
      // value the table refuses fails here; line is numbered by the INSERT, ord keeps file order.
      st.execute("CREATE TEMP TABLE " + STAGED + " (LIKE \"" + table + "\") ON COMMIT DROP");
      st.execute("ALTER TABLE " + STAGED + " DROP COLUMN " + PgInputSource.LINE);
      st.execute("ALTER TABLE " + STAGED + " ADD COLUMN ord bigint");
    }
    this.copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY " + STAGED + " (ord, " + quoted(columns) + ") FROM STDIN");
  }

  /**
   * Opens a connection to [database] url, takes the table's import lock and brings the table to the
   * import shape, all inside the import's transaction.
   */
  public static PgProcessorImportWriter open(
      Settings.Database database, String configuredKey, ImportFormat format, String sourceFile) {
    // A session of its own: its rows go in by COPY (see PooledConnection).
    Connection connection = Postgres.session(database);
    String table = Postgres.folded(database.processorTable());
    String matchKey = Postgres.folded(configuredKey);
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement st =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
        st.setString(1, "reconciler import " + table);
        st.execute();
      }
      PgProcessorSchema schema =
          new PgProcessorSchema(
              connection,
              table,
              Postgres.folded(database.salesTable()),
              matchKey,
              database.shownUrl());
      PgProcessorSchema.Shape shape = schema.prepare();
      return new PgProcessorImportWriter(
          connection, table, database.shownUrl(), format, sourceFile, matchKey, schema, shape);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      if (e instanceof SQLException sql) {
        throw new StoreException(
            "preparing table " + table + " in " + database.shownUrl() + " for an import", sql);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Why PostgreSQL cannot store {@code row} as it is: a value holding NUL, which its text cannot
   * (SQLite's can), or a key longer than its index holds ({@link #INDEXED_BYTES}), which would fail
   * the whole import. Money never rounds: {@link PgProcessorSchema} refuses a table whose money
   * columns would.
   */
  @Override
  public String cannotHoldExactly(ProcessorRow row) {
    fill(row);
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof String text) {
        if (text.indexOf('\0') >= 0) {
          return columns[i] + " holds a NUL character, which PostgreSQL text cannot store";
        }
        if (indexed[i]
            && text.length() > INDEXED_BYTES / 3
            && text.getBytes(UTF_8).length > INDEXED_BYTES) {
          return columns[i]
              + " is longer than "
              + INDEXED_BYTES
              + " bytes, more than a PostgreSQL index holds";
        }
      }
    }
    return null;
  }

  @Override
  public void add(ProcessorRow row) throws IOException {
    ProcessorImport.requireRowOf(sourceFile, row);
    provisionalPayouts |= ProcessorTable.provisional(row.payoutId());
    fill(row);
    buffer.write(Long.toString(++ordinal).getBytes(UTF_8));
    for (Object value : values) {
      buffer.write('\t');
      CopyText.write(buffer, value);
    }
    buffer.write('\n');
    if (buffer.size() >= FLUSH_BYTES) {
      flush();
    }
  }

  @Override
  public Committed prepare() throws IOException {
    try {
      flush();
      copy.endCopy();
      checkRepeats(findKeys());
      Map<RowType, Long> added = insert();
      if (provisionalPayouts) {
        resolveProvisionalPayouts();
      }
      schema.makeIndexes();
      try (Statement st = connection.createStatement()) {
        st.execute("ANALYZE " + Postgres.identifier(table));
      }
      prepared = conflicts.committed(added);
      return prepared;
    } catch (SQLException e) {
      throw new StoreException("importing into " + table + " in " + shown, e);
    }
  }

  @Override
  public void commit(String taskId, Instant at, ImportLog.Parsed parsed) throws IOException {
    if (prepared == null) {
      throw new IllegalStateException("commit of an import not prepared");
    }
    try {
      ImportLog.record(
          connection, true, table, taskId, at, sourceFormat, sourceFile, prepared, parsed);
      connection.commit();
      committed = true;
    } catch (SQLException e) {
      throw new StoreException("importing into " + table + " in " + shown, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
      if (!committed) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // Closing the connection below ends the transaction whatever failed here.
    } finally {
      closeQuietly(connection);
    }
  }

  /** Fills {@link #values} from {@code row}, unless they hold it already. */
  private void fill(ProcessorRow row) {
    if (row != filled) {
      rows.fill(values, 0, row);
      filled = row;
    }
  }

  private void flush() throws IOException {
    if (buffer.size() == 0) {
      return;
    }
    try {
      copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
    } catch (SQLException e) {
      throw new StoreException("importing into " + table + " in " + shown, e);
    }
    buffer.reset();
  }

  /**
   * Fills {@link #REPEATS} and {@link #PRESENT}: the table's key index is searched once for each of
   * the file's keys, and the checks and the insert after join these small tables rather than each
   * searching the index again in file order.
   *
   * @return how many keys of the file the table holds
   */
  private long findKeys() throws SQLException {
    // Key by key: OFFSET 0 keeps the planner from making the search one join over the whole index.
    String search = " CROSS JOIN LATERAL (" + rowOfKey() + " OFFSET 0) AS x";
    String present;
    if (!shape.keyed()) {
      // No index to search yet (a table's first import): one join.
      present =
          "SELECT DISTINCT k.row_key FROM " + STAGED + " AS k WHERE EXISTS (" + rowOfKey() + ")";
    } else if (mostlyPresent()) {
      // In file order: a file imported again finds its rows' pages in the order they were written
      // (pages not yet marked all-visible are read for each key found).
      present = "SELECT k.row_key FROM " + STAGED + " AS k" + search;
    } else {
      // In key order: the index's pages are read in turn, not at random.
      present =
          "SELECT k.row_key FROM (SELECT DISTINCT ON (row_key) row_key FROM "
              + STAGED
              + " ORDER BY row_key) AS k"
              + search;
    }
    try (Statement st = connection.createStatement()) {
      st.execute(
          "CREATE TEMP TABLE "
              + REPEATS
              + " ON COMMIT DROP AS SELECT row_key, min(ord) AS ord FROM "
              + STAGED
              + " GROUP BY row_key HAVING count(*) > 1");
      st.execute("CREATE TEMP TABLE " + PRESENT + " (row_key text) ON COMMIT DROP");
    }
    try (PreparedStatement st =
        connection.prepareStatement("INSERT INTO " + PRESENT + " " + present)) {
      st.setString(1, sourceFormat);
      return st.executeLargeUpdate();
    }
  }

  /** A row of the table with the format's key of the staged row {@code k} (format bound as ?). */
  private String rowOfKey() {
    return "SELECT 1 FROM "
        + Postgres.identifier(table)
        + " AS o WHERE o.source_format = ? AND o.row_key = k.row_key";
  }

  /** Whether most of a sample of about {@value #SAMPLED_KEYS} staged keys are in the table. */
  private boolean mostlyPresent() throws SQLException {
    String sql =
        "SELECT count(*), count(*) FILTER (WHERE EXISTS ("
            + rowOfKey()
            + ")) FROM "
            + STAGED
            + " AS k TABLESAMPLE BERNOULLI (?)";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(1, sourceFormat);
      st.setDouble(2, Math.min(100.0, 100.0 * SAMPLED_KEYS / Math.max(1, ordinal)));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(2) * 2 > rs.getLong(1);
      }
    }
  }

  /**
   * Adds the staged rows the table does not hold, the first of each key the file repeats, numbered
   * in file order, and counts them per type. Leaving out the present keys leaves no gap in the
   * lines; ON CONFLICT, where the table has the key's index, is what decides (before its first
   * import it has none for ON CONFLICT to name, and no other import runs meanwhile).
   */
  private Map<RowType, Long> insert() throws SQLException {
    String t = Postgres.identifier(table);
    boolean fillsLine = shape.fillsLine();
    // The table's own identity or sequence numbers the rows in this order when it has one; else
    // they go on from its largest line.
    String line = PgInputSource.LINE + ", ";
    String nextLines =
        "(SELECT coalesce(max("
            + PgInputSource.LINE
            + "), 0) FROM "
            + t
            + ") + row_number() OVER (ORDER BY s.ord), ";
    String sql =
        "WITH added AS (INSERT INTO "
            + t
            + " ("
            + (fillsLine ? "" : line)
            + quoted(columns)
            + ", source_format, source_file) SELECT "
            + (fillsLine ? "" : nextLines)
            + prefixed("s.", columns)
            + ", ?, ?"
            + " FROM "
            + STAGED
            + " AS s WHERE "
            + NOT_REPEATED
            + " AND NOT EXISTS (SELECT 1 FROM "
            + PRESENT
            + " AS p WHERE p.row_key = s.row_key) ORDER BY s.ord"
            + (shape.keyed() ? " ON CONFLICT (source_format, row_key) DO NOTHING" : "")
            + " RETURNING row_type)"
            + " SELECT row_type, count(*) FROM added GROUP BY row_type";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(1, sourceFormat);
      st.setString(2, sourceFile);
      return ProcessorImportWriter.perType(st);
    }
  }

  /**
   * Compares each staged row whose key the table holds with that row, and each later row of a key
   * the file repeats with the first, which is the one added (see {@link KeyConflicts}). PostgreSQL
   * keeps the pairs that differ by type; the values are compared again as KeyConflicts does.
   */
  private void checkRepeats(long present) throws SQLException {
    String distinct =
        " WHERE ("
            + KeyConflicts.selected("s", matchKey, "")
            + ") IS DISTINCT FROM ("
            + KeyConflicts.selected("o", matchKey, "")
            + ")";
    String pair =
        "SELECT s.ord, s.row_key, s.source_line, "
            + KeyConflicts.selected("s", matchKey, "::text")
            + ", %s, o.source_line, "
            + KeyConflicts.selected("o", matchKey, "::text")
            + ", s.processed_at FROM "
            + STAGED
            + " AS s JOIN ";
    // The table is searched only when it holds some of the file's keys (a file imported again, or
    // one overlapping another): in file order then, its rows' order when the file was imported.
    String held =
        pair.formatted("o.source_file")
            + Postgres.identifier(table)
            + " AS o ON o.source_format = ? AND o.row_key = s.row_key"
            + distinct
            + " UNION ALL ";
    String sql =
        (present > 0 ? held : "")
            + pair.formatted("?::text")
            + "(SELECT f.* FROM "
            + REPEATS
            + " AS r JOIN "
            + STAGED
            + " AS f ON f.ord = r.ord) AS o ON o.row_key = s.row_key AND o.ord <> s.ord"
            + distinct
            + " AND NOT EXISTS (SELECT 1 FROM "
            + PRESENT
            + " AS x WHERE x.row_key = s.row_key) ORDER BY 1";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      int i = 1;
      if (present > 0) {
        st.setString(i++, sourceFormat);
      }
      st.setString(i, sourceFile);
      st.setFetchSize(1_000);
      try (ResultSet rs = st.executeQuery()) {
        // After the file order the query is sorted by.
        conflicts.checkAll(rs, 2);
      }
    }
  }

  /**
   * What {@link ProcessorImportWriter}'s resolution does, in PostgreSQL's words: each provisional
   * payout id of this format becomes the processor_ref of the first payout row (by line) carrying
   * one, on every row, payout rows included; what each id became is kept, for rows of a file
   * imported later. starts_with, not a range: under a locale's collation 'section:' to 'section;'
   * is not the prefix.
   */
  private void resolveProvisionalPayouts() throws SQLException {
    String t = Postgres.identifier(table);
    String keys = Postgres.identifier(table + "_payout_keys");
    try (Statement st = connection.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + keys
              + " (source_format text NOT NULL, provisional text NOT NULL, ref text NOT NULL,"
              + " PRIMARY KEY (source_format, provisional))");
    }
    String remember =
        "INSERT INTO "
            + keys
            + " (source_format, provisional, ref) SELECT DISTINCT ON (payout_id) source_format,"
            + " payout_id, processor_ref FROM "
            + t
            + " WHERE source_format = ? AND starts_with(payout_id, ?) AND row_type = 'payout'"
            + " AND processor_ref IS NOT NULL ORDER BY payout_id, "
            + PgInputSource.LINE
            + " ON CONFLICT DO NOTHING";
    String resolve =
        "UPDATE "
            + t
            + " AS t SET payout_id = m.ref FROM "
            + keys
            + " AS m WHERE t.source_format = ? AND starts_with(t.payout_id, ?)"
            + " AND m.source_format = t.source_format AND m.provisional = t.payout_id";
    for (String sql : List.of(remember, resolve)) {
      try (PreparedStatement st = connection.prepareStatement(sql)) {
        st.setString(1, sourceFormat);
        st.setString(2, ProcessorTable.PROVISIONAL_PAYOUT_PREFIX);
        st.executeUpdate();
      }
    }
  }

  private static String quoted(String[] columns) {
    return prefixed("", columns);
  }

  private static String prefixed(String prefix, String[] columns) {
    StringBuilder sql = new StringBuilder();
    for (String c : columns) {
      sql.append(sql.length() == 0 ? "" : ", ").append(prefix).append('"').append(c).append('"');
    }
    return sql.toString();
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing ends the transaction; nothing of it was committed.
    }
  }
}
