package dev.reconciler.core.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.imports.ProcessorRow;
import dev.reconciler.core.imports.ProcessorTable;
import dev.reconciler.core.imports.RowType;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Writes one import's rows into the processor table of an existing input database, all in one
 * transaction: until {@link #commit} nothing is visible, and a crash or {@link #close} without it
 * leaves the database as it was. A row whose (source_format, row_key) the unique index already
 * holds is skipped, not doubled; a row any other constraint of the table refuses fails the import.
 * On a table's first import that index is built after the rows, with the same outcome (see {@link
 * ProcessorSchema#importKeyDeferred}).
 *
 * <p>The database keeps its own journal mode and synchronous setting: it holds upstream data and
 * the run log, so its crash safety is not ours to trade. That costs little here, since one
 * transaction syncs only at its commit and when the page cache spills.
 */
public final class ProcessorImportWriter implements ProcessorImport {
  /**
   * Rows per INSERT statement (15 bound values each: well under SQLite's bound-parameter limit).
   * The writing thread limits an import, and it spends less per row in fewer, longer statements, up
   * to a point: measured, see BENCHMARKS.md. The queue holds 64 batches, so this also sets the rows
   * in flight.
   */
  private static final int BATCH_ROWS = 400;

  /**
   * Page cache, in KiB (negative in the pragma), while rows go into an existing unique key index:
   * the index of a million rows stays in memory instead of being re-read for each random key.
   */
  private static final int KEYED_CACHE_KIB = 128 * 1024;

  /**
   * Page cache, in KiB, while rows are only appended (a table's first import). Appending needs no
   * more: full pages are written out as the rows stream, so memory does not grow with the file.
   */
  private static final int SMALL_CACHE_KIB = 16 * 1024;

  private final Path db;
  private final String table;
  private final String sourceFormat;
  private final String sourceFile;
  private final Connection connection;
  private final ProcessorSchema schema;
  private final ProcessorTableRow rows;
  private final BatchedInsert insert;
  private final InsertThread inserts;
  private final long rowidBefore;
  private final long[] offered = new long[RowType.values().length];
  private final KeyConflicts conflicts = new KeyConflicts(ProcessorImporter.REJECTS_KEPT);

  /**
   * Where a row's key, line and compared values ({@link KeyConflicts#columns}) sit in its values.
   */
  private final int keyAt;

  private final int lineAt;
  private final int processedAt;
  private final int[] comparedAt;

  /**
   * Finds a batch's rows that differ from the table's; made on the inserting thread when needed.
   */
  private PreparedStatement storedRows;

  /** Asked after every batch, on the inserting thread: prepared once. */
  private PreparedStatement lastRowidQuery;

  private Object[] buffer;
  private int buffered;
  private boolean committed;

  /** What {@link #prepare} found the commit would add and refuse; null before it. */
  private Committed prepared;

  private ProcessorImportWriter(
      Path db,
      String table,
      ImportFormat format,
      String sourceFile,
      Connection connection,
      ProcessorSchema schema)
      throws SQLException {
    this.db = db;
    this.table = table;
    this.sourceFormat = format.id();
    this.connection = connection;
    this.schema = schema;
    this.rowidBefore = maxRowid();
    this.lastRowid = rowidBefore;
    // The format and file are the same on every row of an import: bound once per statement.
    Map<String, String> shared = new LinkedHashMap<>();
    shared.put("source_format", sourceFormat);
    shared.put("source_file", sourceFile);
    String[] columns =
        schema.allColumns().stream().filter(c -> !shared.containsKey(c)).toArray(String[]::new);
    this.sourceFile = sourceFile;
    this.rows = new ProcessorTableRow(columns, schema.matchKey());
    List<String> named = List.of(columns);
    this.keyAt = named.indexOf("row_key");
    this.lineAt = named.indexOf("source_line");
    this.processedAt = named.indexOf("processed_at");
    this.comparedAt =
        KeyConflicts.columns(schema.matchKey()).stream().mapToInt(named::indexOf).toArray();
    this.flagsDiffering = !hasUpdateTrigger(connection, table);
    // Not INSERT OR IGNORE: that also skips rows the table's own constraints refuse (a unique or
    // NOT NULL transaction id upstream), which would then count as already present.
    this.insert =
        new BatchedInsert(
            connection,
            quoted(),
            columns,
            BATCH_ROWS,
            // Before its first import builds the key there is nothing to conflict with: repeats
            // within the file are dropped when the key is built.
            schema.importKeyDeferred() ? "" : onConflict(schema.matchKey(), flagsDiffering),
            shared);
    this.buffer = new Object[BATCH_ROWS * columns.length];
    // Started last, so a failure to prepare the statement cannot leave a thread behind.
    this.inserts = new InsertThread(this::inserted);
  }

  /**
   * Skips a row whose key the table holds, as already present; where the two rows differ (see
   * {@link KeyConflicts}) it "updates" the key to itself instead, which changes no value but counts
   * as a change, so a batch tells whether it met one. Comparing there, on the row the insert has
   * just found, is cheaper than any query after it (see BENCHMARKS.md). The columns are compared as
   * SQLite compares them: a REAL column's 5.0 is 5.00. Where the table has an UPDATE trigger of its
   * own (upstream's audit, say), that "update" would fire it for a row nobody changed: there
   * ({@code flagsDiffering} false) a skipped row is skipped silently, and each batch that skipped
   * any is compared instead, slower on a file imported again but touching nothing.
   */
  static String onConflict(String matchKey, boolean flagsDiffering) {
    if (!flagsDiffering) {
      return "ON CONFLICT(source_format, row_key) DO NOTHING";
    }
    StringJoiner differs = new StringJoiner(" OR ");
    for (String column : KeyConflicts.columns(matchKey)) {
      differs.add("\"" + column + "\" IS NOT excluded.\"" + column + "\"");
    }
    return "ON CONFLICT(source_format, row_key) DO UPDATE SET row_key = excluded.row_key WHERE "
        + differs;
  }

  /** The largest rowid the table had after the last batch. */
  private long lastRowid;

  /**
   * After each batch, on the inserting thread: rows changed beyond those added (each added row
   * takes the next rowid) met a row of their key that says otherwise, so the batch is compared.
   */
  private void inserted(Object[] values, int rows, int changed) throws SQLException {
    long last = lastInsertRowid();
    long added = Math.max(0, last - lastRowid);
    lastRowid = Math.max(lastRowid, last);
    if (flagsDiffering ? changed > added : rows > added) {
      checkSkipped(values, rows);
    }
  }

  private static final Pattern UPDATE = Pattern.compile("\\bupdate\\b", Pattern.CASE_INSENSITIVE);

  /** Whether a skipped row is flagged when it differs ({@link #onConflict}). */
  private final boolean flagsDiffering;

  /**
   * Whether {@code table} has a trigger that an UPDATE of it may fire: any whose statement says
   * UPDATE, its event or its body (one that only updates elsewhere costs speed, not correctness).
   */
  private static boolean hasUpdateTrigger(Connection connection, String table) throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? COLLATE NOCASE")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          if (UPDATE.matcher(rs.getString(1)).find()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private long lastInsertRowid() throws SQLException {
    if (lastRowidQuery == null) {
      lastRowidQuery = connection.prepareStatement("SELECT last_insert_rowid()");
    }
    try (ResultSet rs = lastRowidQuery.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Compares each row of a batch that the key skipped with the row holding its key (see {@link
   * KeyConflicts}), on the inserting thread, which alone uses the connection meanwhile. The batch
   * goes to SQLite as one JSON text, and SQLite returns only the keys whose row spells its values
   * otherwise; those are compared as KeyConflicts does (a '2.0' is '2.00'). It runs only for a
   * batch whose upsert met a row that differs (see {@link #onConflict}), which is rare; on a table
   * with an UPDATE trigger, for every batch that skipped a row.
   */
  private void checkSkipped(Object[] values, int count) throws SQLException {
    if (storedRows == null) {
      storedRows = connection.prepareStatement(storedRowsSql());
    }
    // Every batch's array holds BATCH_ROWS rows' room, whatever its count.
    int width = values.length / BATCH_ROWS;
    storedRows.setString(1, batchJson(values, count, width));
    storedRows.setString(2, sourceFormat);
    Set<String> compared = new HashSet<>();
    Object[] offered = new Object[comparedAt.length];
    try (ResultSet rs = storedRows.executeQuery()) {
      while (rs.next()) {
        String key = rs.getString(1);
        if (!compared.add(key)) {
          continue;
        }
        String[] before = KeyConflicts.values(rs, 4);
        // Each of the batch's rows of that key: a file may repeat a key within a batch.
        for (int i = 0; i < count; i++) {
          int at = i * width;
          if (key.equals(values[at + keyAt])) {
            for (int c = 0; c < comparedAt.length; c++) {
              offered[c] = values[at + comparedAt[c]];
            }
            long line = ((Number) values[at + lineAt]).longValue();
            conflicts.check(
                key,
                line,
                offered,
                (String) values[at + processedAt],
                before,
                rs.getString(2),
                rs.getLong(3));
          }
        }
      }
    }
  }

  /**
   * The batch's rows as one JSON object: each row's key, and its compared values as an array, as
   * SQLite's json_array spells them. A key the batch repeats is a member twice.
   */
  private String batchJson(Object[] values, int count, int width) throws SQLException {
    StringWriter json = new StringWriter(count * 96);
    try (JsonGenerator out = JSON.createGenerator(json)) {
      out.writeStartObject();
      for (int i = 0; i < count; i++) {
        int at = i * width;
        out.writeFieldName((String) values[at + keyAt]);
        out.writeStartArray();
        for (int c : comparedAt) {
          out.writeString((String) values[at + c]);
        }
        out.writeEndArray();
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new SQLException("writing a batch's keys as JSON", e);
    }
    return json.toString();
  }

  /** Writes member names as given: a batch may repeat a key, which is what is being looked for. */
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.STRICT_DUPLICATE_DETECTION).build();

  private String storedRowsSql() {
    return storedRowsSql(table, schema.matchKey());
  }

  /**
   * The keys of the batch (?1, see {@link #batchJson}) that name a row of the table (of format ?2)
   * whose values json_array spells otherwise, with that row's file, line and values. CROSS JOIN
   * keeps the batch outside, each of its keys a search of the import key: left to itself SQLite
   * read every row of the format for each batch.
   */
  static String storedRowsSql(String table, String matchKey) {
    StringJoiner stored = new StringJoiner(", ", "json_array(", ")");
    for (String column : KeyConflicts.columns(matchKey)) {
      stored.add("t.\"" + column + "\"");
    }
    return "SELECT b.key, t.source_file, t.source_line, "
        + KeyConflicts.selected("t", matchKey, "")
        + " FROM json_each(?1) AS b CROSS JOIN \""
        + table
        + "\" AS t ON t.source_format = ?2 AND t.row_key = b.key WHERE "
        + stored
        + " IS NOT b.value";
  }

  /**
   * Opens {@code db} (which must exist and be writable), takes its write lock and brings the
   * processor table to the import shape, all inside the import's transaction.
   *
   * @param salesTable the sales table, whose ids the settlement rules look up too (indexed here)
   * @param matchKey the column that holds our transaction id ([reconciliation] match_key)
   * @param sourceFile the file's name, which every row added must carry
   * @param fileRows about how many rows the file holds, to tell a file large beside the table (see
   *     {@link #largeBeside})
   */
  public static ProcessorImportWriter open(
      Path db,
      String table,
      String salesTable,
      String matchKey,
      int busyTimeoutMs,
      ImportFormat format,
      String sourceFile,
      long fileRows) {
    Connection connection = Sqlite.openReadWrite(db, busyTimeoutMs);
    try {
      Sqlite.beginWithStatementJournalsInMemory(connection);
      ProcessorSchema schema = new ProcessorSchema(connection, table, salesTable, matchKey);
      schema.prepare(db);
      if (!schema.importKeyDeferred() && largeBeside(fileRows, maxRowid(connection, table))) {
        schema.dropReadIndexes();
      }
      try (Statement st = connection.createStatement()) {
        // temp_store stays at its default (files): an index build over a huge file then spills to
        // disk instead of holding every key in memory.
        int kib = schema.importKeyDeferred() ? SMALL_CACHE_KIB : KEYED_CACHE_KIB;
        st.execute("PRAGMA cache_size = -" + kib);
      }
      return new ProcessorImportWriter(db, table, format, sourceFile, connection, schema);
    } catch (SQLException | RuntimeException e) {
      rollbackAndClose(connection, e);
      if (e instanceof SQLException sql) {
        throw new StoreException("preparing table " + table + " in " + db + " for an import", sql);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Why the table cannot hold {@code row}'s amounts exactly, or null when it can: a table of
   * today's contract may declare amount or fee REAL, which keeps 15 significant digits.
   */
  @Override
  public String cannotHoldExactly(ProcessorRow row) {
    if (schema.roundsMoney()
        && (row.gross().precision() > ProcessorSchema.EXACT_DIGITS_IN_REAL
            || row.fee().precision() > ProcessorSchema.EXACT_DIGITS_IN_REAL)) {
      return "amount or fee has more than "
          + ProcessorSchema.EXACT_DIGITS_IN_REAL
          + " significant digits, which table "
          + table
          + " (amount or fee declared REAL or NUMERIC) would round";
    }
    return null;
  }

  /** Whether a row added so far carries a provisional payout id. */
  private boolean provisionalPayouts;

  /** Queues one row; it is inserted on the writer's own thread, in order. */
  @Override
  public void add(ProcessorRow row) throws IOException {
    ProcessorImport.requireRowOf(sourceFile, row);
    provisionalPayouts |= ProcessorTable.provisional(row.payoutId());
    rows.fill(buffer, buffered, row);
    offered[row.type().ordinal()]++;
    if (++buffered == BATCH_ROWS) {
      flush();
    }
  }

  /**
   * Inserts what is queued, indexes and resolves provisional payout ids, uncommitted.
   *
   * @return rows this import adds and refuses, per type (rows already present are not counted)
   */
  @Override
  public Committed prepare() throws IOException {
    try {
      flush();
      inserts.finish();
      // Rows added take the next rowids; a key "updated" to itself changed none.
      long inserted = lastRowid - rowidBefore;
      sortInParallel();
      long repeats = schema.importKeyDeferred() ? schema.buildImportKey(rowidBefore, conflicts) : 0;
      // Before the read indexes: the update then maintains none but the table itself.
      resolveProvisionalPayouts();
      schema.indexForReads();
      Map<RowType, Long> perType =
          inserted == offeredTotal() && repeats == 0 ? offeredPerType() : addedPerType();
      prepared = conflicts.committed(perType);
      return prepared;
    } catch (SQLException e) {
      throw new StoreException("importing into " + table + " in " + db, e);
    }
  }

  @Override
  public void commit(String taskId, Instant at, ImportLog.Parsed parsed) throws IOException {
    if (prepared == null) {
      throw new IllegalStateException("commit of an import not prepared");
    }
    try {
      ImportLog.record(
          connection, false, table, taskId, at, sourceFormat, sourceFile, prepared, parsed);
      try (Statement st = connection.createStatement()) {
        st.execute("COMMIT");
      }
      committed = true;
    } catch (SQLException e) {
      throw new StoreException("importing into " + table + " in " + db, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      inserts.finish();
    } catch (SQLException e) {
      // The rollback below undoes whatever the failed insert left; the failure was reported.
    } finally {
      try {
        insert.close();
        for (PreparedStatement st : new PreparedStatement[] {storedRows, lastRowidQuery}) {
          if (st != null) {
            st.close();
          }
        }
      } catch (SQLException ignored) {
        // Closing a statement of a connection about to close cannot lose data.
      }
      if (committed) {
        closeQuietly(connection);
      } else {
        rollbackAndClose(connection, null);
      }
    }
  }

  private void flush() throws IOException {
    if (buffered > 0) {
      try {
        inserts.submit(insert, buffer, buffered);
      } catch (SQLException e) {
        throw new StoreException("importing into " + table + " in " + db, e);
      }
      buffer = new Object[buffer.length];
      buffered = 0;
    }
  }

  /**
   * Lets SQLite sort index keys on helper threads while it reads the table. Its sorter hands a run
   * of keys to a helper each time the runs reach the page cache's size, so a large cache is made
   * small first: at 128 MiB a million keys make one run, sorted on this thread alone. Dirty pages
   * beyond the smaller cache are written to the file now instead of at the commit.
   */
  private void sortInParallel() throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA cache_size = -" + SORT_CACHE_KIB);
      // As many helpers as cores: a helper sorts a run while this thread reads the next, and the
      // final merge uses them too. More only queue for the same cores.
      int helpers = Math.min(Runtime.getRuntime().availableProcessors(), 4);
      st.execute("PRAGMA threads = " + helpers);
    }
  }

  /**
   * Page cache, in KiB, while the indexes are built. It is also the size of each run of keys
   * SQLite's sorter sorts before it merges them: runs this small fit the CPU's caches, and a
   * million keys make enough of them to keep the helper threads busy (an index of a million rows
   * built in about half the time it took with 16 MiB runs; see BENCHMARKS.md).
   */
  private static final int SORT_CACHE_KIB = 2 * 1024;

  /**
   * Replaces each provisional payout id (see {@link ProcessorTable#PROVISIONAL_PAYOUT_PREFIX}) with
   * the processor_ref of the first payout row (by rowid) carrying it, on every row that carries it,
   * payout rows included: a PayPal section with two withdrawals (an AutoSweep and a manual one) is
   * one payout, the two weighed together against the section's other rows. Over the whole table, so
   * rows of an earlier file whose payout arrives in this one are resolved too, but within this
   * import's format: another processor's payout id may spell the same text. Which reference each
   * provisional id became is kept ({@link #payoutKeysSql}), so rows of a file imported after the
   * one with their payout row are resolved too, whatever the order of the files.
   */
  private void resolveProvisionalPayouts() throws SQLException {
    // A provisional id is resolved by a payout row carrying it, in the transaction that writes
    // the later of the two; what an earlier import left provisional waits for a row with that id.
    // So an import that wrote no provisional id (every Stripe, Adyen and csv file) has nothing to
    // resolve, and skips the two passes, each a read of every row of the table (1.5 s of CPU on a
    // million rows).
    if (!provisionalPayouts) {
      return;
    }
    try (Statement st = connection.createStatement()) {
      st.execute(provisionalIndexSql(table));
      st.execute(payoutKeysSql(table));
      st.executeUpdate(rememberPayoutsSql(table, sourceFormat));
      st.executeUpdate(resolveProvisionalPayoutsSql(table, sourceFormat));
    }
  }

  /**
   * An index of the rows whose payout id is provisional: few, once the parser has given the rows of
   * each section with a payout its id (PayPal), so cheap to keep, and it turns both passes of the
   * resolving statement, and of every later import's, into searches.
   */
  static String provisionalIndexSql(String table) {
    return "CREATE INDEX IF NOT EXISTS \""
        + table
        + "_provisional_payout\" ON \""
        + table
        + "\"(payout_id) WHERE "
        + provisional("payout_id");
  }

  /**
   * The table of what each provisional payout id became: the payout row's own id leaves it once
   * resolved, and a member row of that section in a file imported later (a split download, files
   * imported out of order) would otherwise keep its provisional id for good.
   */
  static String payoutKeysSql(String table) {
    return "CREATE TABLE IF NOT EXISTS \""
        + payoutKeys(table)
        + "\"(source_format TEXT NOT NULL, provisional TEXT NOT NULL, ref TEXT NOT NULL,"
        + " PRIMARY KEY (source_format, provisional)) WITHOUT ROWID";
  }

  private static String payoutKeys(String table) {
    return table + "_payout_keys";
  }

  /**
   * Keeps, for each provisional id a payout row of this format carries, the reference of the first
   * such row (by rowid) that has one; one kept by an earlier import stays. SQLite's min() aggregate
   * gives a bare column the value of the row the minimum came from. The unary + keeps SQLite on the
   * payout_id range rather than the (source_format, row_key) index, which holds every row of the
   * format; {@code sourceFormat} is an ImportFormat id, so it can be spliced in.
   */
  static String rememberPayoutsSql(String table, String sourceFormat) {
    return "INSERT OR IGNORE INTO \""
        + payoutKeys(table)
        + "\"(source_format, provisional, ref) SELECT '"
        + sourceFormat
        + "', payout_id, processor_ref FROM (SELECT payout_id, processor_ref, min(rowid) FROM \""
        + table
        + "\" WHERE +source_format = '"
        + sourceFormat
        + "' AND "
        + provisional("payout_id")
        + " AND row_type = 'payout' AND processor_ref IS NOT NULL GROUP BY payout_id)";
  }

  /**
   * One pass over the table's provisional rows joined to the kept (provisional id, reference)
   * pairs, each found by its key; looking each row's payout up with a correlated subquery over the
   * table instead rescans it per row, hours on a million rows. With the partial index {@link
   * #provisionalIndexSql}, spelt with the very same range, the pass is a range search of it;
   * without, the range filters a full scan; never a LIKE. The unary + keeps the range on t: SQLite
   * would carry it over to the kept pairs and read them first, each then a scan of the table where
   * the partial index is missing.
   */
  static String resolveProvisionalPayoutsSql(String table, String sourceFormat) {
    return "UPDATE \""
        + table
        + "\" AS t SET payout_id = m.ref FROM \""
        + payoutKeys(table)
        + "\" AS m WHERE +t.source_format = '"
        + sourceFormat
        + "' AND "
        + provisional("t.payout_id")
        + " AND m.source_format = '"
        + sourceFormat
        + "' AND m.provisional = +t.payout_id";
  }

  /** {@code column} starts with the provisional prefix, as a range an index can serve. */
  private static String provisional(String column) {
    String prefix = ProcessorTable.PROVISIONAL_PAYOUT_PREFIX;
    return column + " >= '" + prefix + "' AND " + column + " < '" + upperBound(prefix) + "'";
  }

  /** The smallest text above every text starting with {@code prefix}. */
  private static String upperBound(String prefix) {
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }

  private long offeredTotal() {
    long total = 0;
    for (long n : offered) {
      total += n;
    }
    return total;
  }

  /** When every row was added (a new file, the usual case), no count over the table is needed. */
  private Map<RowType, Long> offeredPerType() {
    Map<RowType, Long> perType = new EnumMap<>(RowType.class);
    for (RowType type : RowType.values()) {
      if (offered[type.ordinal()] > 0) {
        perType.put(type, offered[type.ordinal()]);
      }
    }
    return perType;
  }

  /** New rows are exactly those above the rowid the table had when the transaction began. */
  private Map<RowType, Long> addedPerType() throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT row_type, count(*) FROM " + quoted() + " WHERE rowid > ? GROUP BY row_type")) {
      st.setLong(1, rowidBefore);
      return perType(st);
    }
  }

  /** The (row_type, count) rows {@code st} selects, by type: PostgreSQL's import reads them too. */
  static Map<RowType, Long> perType(PreparedStatement st) throws SQLException {
    Map<RowType, Long> counts = new EnumMap<>(RowType.class);
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        counts.put(RowType.byId(rs.getString(1)), rs.getLong(2));
      }
    }
    return counts;
  }

  private long maxRowid() throws SQLException {
    return maxRowid(connection, table);
  }

  private static long maxRowid(Connection connection, String table) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT ifnull(max(rowid), 0) FROM \"" + table + "\"")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Whether a file of about {@code fileRows} rows adds a tenth or more of a table of {@code
   * tableRows} rows: then the read indexes are dropped and built anew at the end, not added to row
   * by row. A row added to an index costs several times what a row costs in its build, but a build
   * sorts every row of the table. Measured with a day's Stripe file (BENCHMARKS.md): into a table
   * of one day, building took half the time of adding; of eight days, about as long; of sixteen,
   * adding took three quarters of building's time. The rows are a guess from the file's first lines
   * ({@code FileRows}): it decides speed, never content.
   */
  public static boolean largeBeside(long fileRows, long tableRows) {
    return fileRows * 10 >= tableRows;
  }

  private String quoted() {
    return "\"" + table + "\"";
  }

  private static void rollbackAndClose(Connection connection, Exception cause) {
    try (Statement st = connection.createStatement()) {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      // No transaction open (BEGIN itself failed): nothing to undo.
      if (cause != null) {
        cause.addSuppressed(e);
      }
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Nothing is pending on it any more.
    }
  }
}
