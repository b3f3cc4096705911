package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk read (packed chunks of rows) against a plain column-by-column SELECT of the same SQLite
 * file: every row of the day, in rowid order, every value exactly, whatever the values contain.
 */
class SqliteInputSourceTest {
  private static final InputSchema SCHEMA =
      new InputSchema("sales", "processor_transactions", "transaction_id");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @TempDir Path dir;

  @Test
  void readsEveryRowOfTheDayExactlyAcrossManyChunks() throws Exception {
    Path db = database();
    try (Connection c = connect(db);
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO sales (rowid, transaction_id, order_id, customer_id, amount, currency,"
                    + " status, created_at) VALUES (?, ?, 'O', 'C', ?, 'USD', 'paid', ?)")) {
      c.setAutoCommit(false);
      // Sparse and negative rowids, numbers and text, and rows of other days in between.
      for (int i = 0; i < 10_000; i++) {
        st.setLong(1, i * 7L - 5_000);
        st.setString(2, "TXN-" + i);
        st.setObject(3, i % 3 == 0 ? (Object) (i + 0.25) : " $" + i + ".50 ");
        st.setString(4, (i % 10 == 0 ? "2026-11-20" : "2026-11-24") + "T10:00:00Z");
        st.executeUpdate();
      }
      c.commit();
    }
    List<RawRow> read = readDay(db, Source.SALES);
    assertThat(read).hasSize(9_000);
    try (SqliteInputSource reader = new SqliteInputSource(db, SCHEMA, 1000)) {
      assertThat(reader.sizeHint(Source.SALES)).isEqualTo(9_999 * 7L + 1);
      assertThat(reader.sizeHint(Source.PROCESSOR)).isZero();
    }
    assertThat(read).containsExactlyElementsOf(plainRead(db));
  }

  @Test
  void readsValuesHoldingSeparatorsNullsAndNonAsciiTextExactly() throws Exception {
    Path db = database();
    // The first chunk is all plain values (NULLs and non-ASCII text included); the second and the
    // third hold values with separator characters, which send them down the row-by-row path, and
    // the third must go on exactly where the second, read row by row, ended. (A value that is
    // exactly U+001E reads as NULL: the one documented ambiguity of the packed reads.)
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 9_000; i++) {
      ids.add(i % 7 == 0 ? null : i == 5_000 ? "Y\u001dY" : "ümlaut-ß-" + i);
    }
    ids.addAll(List.of("A\u001fB", "C\u001dD", "", "\u001f", "E\u001e", "plain", " x "));
    try (Connection c = connect(db);
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO processor_transactions (processor_ref, transaction_id, amount,"
                    + " currency, fee, status, processed_at) VALUES ('P', ?, ?, ?, ?, 'settled',"
                    + " '2026-11-24T01:00:00Z')")) {
      c.setAutoCommit(false);
      for (int i = 0; i < ids.size(); i++) {
        st.setString(1, ids.get(i));
        st.setObject(2, i % 2 == 0 ? null : i < 9_000 ? "1.5" : "1\u001d2");
        st.setString(3, i % 3 == 0 ? null : "EUR");
        st.setObject(4, i % 4 == 0 ? null : 0.3);
        st.executeUpdate();
      }
      c.commit();
    }
    List<RawRow> read = readDay(db, Source.PROCESSOR);
    assertThat(read).containsExactlyElementsOf(plainRead(db, Source.PROCESSOR));
    assertThat(read).hasSize(ids.size());
    assertThat(read)
        .extracting(RawRow::id)
        .contains("A\u001fB", "C\u001dD", "Y\u001dY", "ümlaut-ß-1", "ümlaut-ß-8999", null);

    // Fetching rows by line, every column, takes the same two paths.
    List<RawRow> whole = plainRead(db, Source.PROCESSOR, EnumSet.allOf(InputField.class));
    long[] lines = whole.stream().mapToLong(RawRow::line).toArray();
    try (SqliteInputSource reader = new SqliteInputSource(db, SCHEMA, 1000)) {
      assertThat(reader.fetchRows(Source.PROCESSOR, lines).values())
          .hasSize(whole.size())
          .containsExactlyInAnyOrderElementsOf(whole);
    }
  }

  @Test
  void readsADatabaseStoredInUtf16() throws Exception {
    Path db = dir.resolve("utf16.db");
    try (Connection c = connect(db);
        Statement st = c.createStatement()) {
      st.execute("PRAGMA encoding = 'UTF-16le'");
      st.execute(
          "CREATE TABLE sales(transaction_id TEXT, order_id TEXT, customer_id TEXT, amount,"
              + " currency TEXT, status TEXT, created_at TEXT)");
      c.setAutoCommit(false);
      for (int i = 0; i < 5_000; i++) {
        st.execute(
            "INSERT INTO sales VALUES ('ü-"
                + i
                + "', 'O', 'C', "
                + (i % 2 == 0 ? "'1,5'" : i + ".25")
                + ", 'EUR', 'paid', '2026-11-24T10:00:00Z')");
      }
      c.commit();
    }
    List<RawRow> read = readDay(db, Source.SALES);
    assertThat(read).hasSize(5_000).containsExactlyElementsOf(plainRead(db));
    assertThat(read.get(1).id()).isEqualTo("ü-1");
  }

  /**
   * The parts of a day ([reconciliation] shards): every row in exactly one part, for any count, the
   * parts spread, and an id in the same part however blanks and ASCII case spell it (as the matcher
   * compares ids), so that no pair is split; blank, NULL, numeric and one-character ids included.
   */
  @Test
  void everyRowIsInExactlyOnePartAndAnIdsSpellingsInTheSameOne() throws Exception {
    Path db = database();
    try (Connection c = connect(db);
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO sales (transaction_id, amount, currency, status, created_at)"
                    + " VALUES (?, 1, 'USD', 'paid', '2026-11-24T10:00:00Z')")) {
      c.setAutoCommit(false);
      List<Object> ids = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        ids.add("TXN-" + i);
      }
      ids.addAll(List.of(" txn-7\t", "Txn-7", "txn-1999 ", "", " ", "x", "é", 12345L));
      ids.add(null);
      for (Object id : ids) {
        st.setObject(1, id);
        st.executeUpdate();
      }
      c.commit();
    }
    List<String> whole = ids(db, Shard.ALL);
    assertThat(whole).hasSize(2_009);
    for (int count : new int[] {2, 3, 7, 64}) {
      List<String> union = new ArrayList<>();
      Map<String, Integer> partOf = new HashMap<>();
      for (int i = 0; i < count; i++) {
        List<String> part = ids(db, new Shard(i, count));
        if (count <= 7) {
          assertThat(part).as("part %d of %d", i, count).hasSizeGreaterThan(2_000 / count / 2);
        }
        for (String id : part) {
          partOf.put(String.valueOf(id).strip().toUpperCase(Locale.ROOT), i);
        }
        union.addAll(part);
      }
      assertThat(union).as("%d parts", count).containsExactlyInAnyOrderElementsOf(whole);
      assertThat(ids(db, new Shard(partOf.get("TXN-7"), count))).contains(" txn-7\t", "Txn-7");
      assertThat(ids(db, new Shard(partOf.get("TXN-1999"), count))).contains("txn-1999 ");
    }
  }

  /**
   * With the part index of {@link SqlitePartIndex}, a part's read seeks its rows through it (no
   * scan, no sort) and reads exactly the rows, in the same order, that it read by testing every
   * row; a database made for another count drops the old index; one it may not write is left alone.
   */
  @Test
  void aPartReadSeeksItsRowsThroughThePartIndexAndReadsTheSameRows() throws Exception {
    Path db = database();
    try (Connection c = connect(db);
        PreparedStatement sale =
            c.prepareStatement(
                "INSERT INTO sales (transaction_id, amount, currency, status, created_at)"
                    + " VALUES (?, ?, 'USD', 'paid', ?)");
        PreparedStatement payment =
            c.prepareStatement(
                "INSERT INTO processor_transactions (processor_ref, transaction_id, amount,"
                    + " currency, status, processed_at) VALUES (?, ?, ?, 'USD', 'settled', ?)")) {
      c.setAutoCommit(false);
      List<Object> ids = new ArrayList<>(OddIds.TEXT);
      for (int i = 0; i < 3_000; i++) {
        ids.add(i % 5 == 0 ? " txn-" + i : "TXN-" + i);
      }
      ids.add(12345L);
      ids.add(null);
      int n = 0;
      for (Object id : ids) {
        String at = (n % 9 == 0 ? "2026-11-23" : "2026-11-24") + "T10:00:00Z";
        for (PreparedStatement st : List.of(sale, payment)) {
          int p = 1;
          if (st == payment) {
            st.setString(p++, "ch_" + n);
          }
          st.setObject(p++, id);
          st.setObject(p++, n + 0.5);
          st.setString(p, at);
          st.executeUpdate();
        }
        n++;
      }
      c.commit();
    }
    Instant start = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<Source, List<List<RawRow>>> scanned = new EnumMap<>(Source.class);
    for (Source side : Source.values()) {
      assertThat(plan(db, side, new Shard(1, 4))).doesNotContain("USING INDEX");
      List<List<RawRow>> parts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        parts.add(readDay(db, side, start, new Shard(i, 4)));
      }
      scanned.put(side, parts);
    }
    long before = java.nio.file.Files.size(db);
    assertThat(SqlitePartIndex.ensure(db, SCHEMA, 4, 1000, false)).isFalse();
    assertThat(indexes(db)).isEmpty();
    assertThat(java.nio.file.Files.size(db)).isEqualTo(before);

    assertThat(SqlitePartIndex.ensure(db, SCHEMA, 4, 1000, true)).isTrue();
    assertThat(indexes(db)).containsExactly("processor_transactions_part_of_4", "sales_part_of_4");
    for (Source side : Source.values()) {
      for (int i = 0; i < 4; i++) {
        String plan = plan(db, side, new Shard(i, 4));
        assertThat(plan)
            .contains("USING INDEX " + SCHEMA.table(side) + "_part_of_4")
            .doesNotContain("TEMP B-TREE");
        assertThat(readDay(db, side, start, new Shard(i, 4)))
            .as("part %d of 4, %s", i, side)
            .isNotEmpty()
            .containsExactlyElementsOf(scanned.get(side).get(i));
      }
    }
    // Already there: nothing to do, and true again.
    assertThat(SqlitePartIndex.ensure(db, SCHEMA, 4, 1000, false)).isTrue();

    List<String> wholeDay = ids(db, Shard.ALL);
    assertThat(SqlitePartIndex.ensure(db, SCHEMA, 3, 1000, true)).isTrue();
    assertThat(indexes(db)).containsExactly("processor_transactions_part_of_3", "sales_part_of_3");
    List<String> union = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      assertThat(plan(db, Source.SALES, new Shard(i, 3))).contains("USING INDEX sales_part_of_3");
      union.addAll(ids(db, new Shard(i, 3)));
    }
    assertThat(union).containsExactlyInAnyOrderElementsOf(wholeDay);
  }

  /** SQLite's plan for the statement a part's read pages with. */
  private static String plan(Path db, Source side, Shard shard) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (SqliteInputSource reader = new SqliteInputSource(db, SCHEMA, 1000);
        Connection c = connect(db);
        PreparedStatement st =
            c.prepareStatement("EXPLAIN QUERY PLAN " + reader.readDaySql(side, shard));
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        plan.append(rs.getString("detail")).append('\n');
      }
    }
    return plan.toString();
  }

  private static List<String> indexes(Path db) {
    return SqlitePartIndex.in(db, SCHEMA, 1000);
  }

  @Test
  void theCheapBucketOfAnIdIsTheBucketOfItsNormalisedForm() throws Exception {
    Path db = dir.resolve("buckets.db");
    List<Object> ids = new ArrayList<>(OddIds.TEXT);
    // SQLite's columns take any type: numbers and blobs too.
    ids.addAll(List.of(123L, 45.5, new byte[] {'4', '2'}));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t(id)");
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?)")) {
        for (Object id : ids) {
          insert.setObject(1, id);
          insert.executeUpdate();
        }
      }
      String column = "\"id\"";
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*), sum(substr(id, -2) GLOB '[0-9A-Z][0-9A-Z]'), sum("
                  + SqliteInputSource.bucket(column)
                  + " IS NOT "
                  + SqliteInputSource.normalizedBucket(column)
                  + ") FROM t")) {
        assertThat(rs.getInt(1)).isEqualTo(ids.size());
        assertThat(rs.getInt(2)).as("ids read as they are").isGreaterThanOrEqualTo(6);
        assertThat(rs.getInt(3)).as("ids whose two buckets differ").isZero();
      }
    }
  }

  private static List<String> ids(Path db, Shard shard) {
    return readDay(db, Source.SALES, DAY.atStartOfDay(ZoneOffset.UTC).toInstant(), shard).stream()
        .map(RawRow::id)
        .toList();
  }

  /** The rows of the UTC business day {@link #DAY}. */
  private static List<RawRow> readDay(Path db, Source source) {
    return readDay(db, source, DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static List<RawRow> readDay(Path db, Source source, Instant start) {
    return readDay(db, source, start, Shard.ALL);
  }

  private static List<RawRow> readDay(Path db, Source source, Instant start, Shard shard) {
    List<RawRow> rows = new ArrayList<>();
    try (SqliteInputSource reader = new SqliteInputSource(db, SCHEMA, 1000)) {
      reader.readDay(
          source,
          start,
          start.plus(Duration.ofDays(1)),
          shard,
          fields -> rows.add(fields.toRawRow()));
    }
    return rows;
  }

  @Test
  void readsTheDatesAnyOffsetCanSpellForTheDayAndTimestampsStoredAsNumbersOrBlobs()
      throws Exception {
    Path db = database();
    try (Connection c = connect(db);
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO sales (rowid, transaction_id, created_at) VALUES"
              + " (1, 'FIRST-DATE', '2026-11-22T23:30:00-11:00'),"
              + " (2, 'BEFORE-FIRST', '2026-11-21T23:59:59-18:00'),"
              + " (3, 'LAST-DATE', '2026-11-25T23:59:59+18:00'),"
              + " (4, 'AFTER-LAST', '2026-11-26T00:00:00+18:00'),"
              + " (5, 'BLOB', CAST('2026-11-24T10:00:00+14:00' AS BLOB)),"
              + " (6, 'NUMBER', 20261124),"
              + " (7, 'LEADING-BLANK', ' 2026-11-20T10:00:00Z'),"
              + " (8, 'NULL', NULL)");
    }
    // Kiritimati (+14:00): the business day 2026-11-24 runs from 2026-11-23T10:00Z to 24T10:00Z,
    // which spell dates from 2026-11-22 (at -18:00) to 2026-11-25 (at +18:00). The reader reads
    // them all; the loader keeps only the rows whose instant is on the day.
    Instant start = Instant.parse("2026-11-23T10:00:00Z");
    assertThat(readDay(db, Source.SALES, start))
        .extracting(RawRow::id)
        .containsExactly("FIRST-DATE", "LAST-DATE", "BLOB", "NUMBER", "LEADING-BLANK", "NULL");
  }

  private static List<RawRow> plainRead(Path db) throws Exception {
    return plainRead(db, Source.SALES);
  }

  private static List<RawRow> plainRead(Path db, Source source) throws Exception {
    return plainRead(
        db, source, EnumSet.complementOf(EnumSet.of(InputField.REFERENCE, InputField.CUSTOMER)));
  }

  /**
   * The rows readDay must return, read the obvious way: column by column, by name, filtered in
   * Java; the fields not read, and those the side lacks, null.
   */
  private static List<RawRow> plainRead(Path db, Source source, Set<InputField> read)
      throws Exception {
    List<RawRow> rows = new ArrayList<>();
    try (Connection c = connect(db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT rowid, * FROM " + SCHEMA.table(source) + " ORDER BY rowid")) {
      while (rs.next()) {
        Map<InputField, String> v = new EnumMap<>(InputField.class);
        for (InputField field : read) {
          String column = SCHEMA.column(source, field);
          if (column != null) {
            v.put(field, rs.getString(column));
          }
        }
        // In UTC, a timestamp of the day spells a date from the day before to the day after.
        String at = v.get(InputField.TIMESTAMP);
        if (at.compareTo("2026-11-23") >= 0 && at.compareTo("2026-11-26") < 0) {
          rows.add(
              new RawRow(
                  source,
                  rs.getLong(1),
                  v.get(InputField.ID),
                  v.get(InputField.AMOUNT),
                  v.get(InputField.CURRENCY),
                  v.get(InputField.STATUS),
                  at,
                  v.get(InputField.REFERENCE),
                  v.get(InputField.CUSTOMER),
                  v.get(InputField.FEE)));
        }
      }
    }
    return rows;
  }

  private Path database() throws Exception {
    Path db = dir.resolve("in.db");
    try (Connection c = connect(db);
        Statement st = c.createStatement()) {
      InputTables.create(st);
    }
    return db;
  }

  private static Connection connect(Path db) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }
}
