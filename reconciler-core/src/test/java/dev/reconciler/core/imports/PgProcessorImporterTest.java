package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.InputSource;
import dev.reconciler.core.store.PgInputSource;
import dev.reconciler.core.store.PgSettlementReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The import contract on a real PostgreSQL, a database of its own per test; and what is its own:
 * the table it creates, numbered by line, and no SQLite file made at the path an import is given.
 */
class PgProcessorImporterTest extends ProcessorImportContract {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /** Numbered, as PgSchema migrates each URL once per JVM. */
  private static final AtomicInteger MADE = new AtomicInteger();

  private String database;
  private Settings settings;

  @Override
  Settings settings() throws Exception {
    if (settings == null) {
      database = "imports" + MADE.incrementAndGet();
      pg.newMigratedDatabase(database);
      settings =
          SettingsLoader.load(
              null,
              Map.of(
                  "RECONCILER_DATABASE_URL",
                  pg.url(database),
                  "RECONCILER_DATABASE_USER",
                  "postgres"));
      sql("CREATE TABLE sales(line bigint PRIMARY KEY, transaction_id text, amount text)");
    }
    return settings;
  }

  @Override
  Path db() {
    return dir.resolve("in.db");
  }

  @Override
  void sql(String... statements) throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  @Override
  List<String> query(String sql) throws Exception {
    try (Connection c = connect()) {
      return rows(c, sql);
    }
  }

  @Override
  String line() {
    return "line";
  }

  @Override
  String todaysContract(String amount) {
    return "CREATE TABLE "
        + TABLE
        + "(line bigint PRIMARY KEY, processor_ref text, transaction_id text, amount "
        + (amount.isEmpty() ? "text" : amount)
        + ", currency text, fee text, status text, processed_at text)";
  }

  @Override
  String insertTodays(String values) {
    return "INSERT INTO " + TABLE + " VALUES (1, " + values + ")";
  }

  @Override
  List<String> schema() throws Exception {
    List<String> schema =
        query(
            "SELECT table_name || '.' || column_name || ' ' || data_type"
                + " FROM information_schema.columns WHERE table_schema = 'public'"
                + " ORDER BY table_name, ordinal_position");
    schema.addAll(
        query("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"));
    return schema;
  }

  @Override
  boolean uniqueIndex(String name) throws Exception {
    return query("SELECT indisunique FROM pg_index WHERE indexrelid = to_regclass('" + name + "')")
        .equals(List.of("t"));
  }

  @Test
  void createsTheTableNumberedByLineWithMoneyAsTextAndMakesNoSqliteFile() throws Exception {
    importLines(
        "export.csv",
        PipeFormat.payment("ch_1", "TXN-1", "100.00"),
        PipeFormat.line("re_1", RowType.REFUND, "TXN-1", "-20.00", "0.00", "-20.00", null));
    // The table this import created gets its indexes once its rows are in (not from the next
    // import, which makes those it finds absent).
    assertThat(
            query(
                "SELECT indexname || ' ' || (indexdef LIKE 'CREATE UNIQUE%') FROM pg_indexes"
                    + " WHERE tablename = '"
                    + TABLE
                    + "'"))
        .containsExactlyInAnyOrder(
            TABLE + "_pkey true",
            TABLE + "_import_key true",
            TABLE + "_match_key false",
            TABLE + "_processor_ref false",
            TABLE + "_linked_ref false");
    importLines("later.csv", PipeFormat.payment("ch_2", "TXN-2", "3.10"));

    assertThat(
            query(
                "SELECT line, row_key, row_type, transaction_id, amount, fee, net, currency,"
                    + " status, processed_at, source_format, source_file, source_line,"
                    + " processor_ref FROM "
                    + TABLE
                    + " ORDER BY line"))
        .containsExactly(
            "1|ch_1|payment|TXN-1|100.00|1.00|99.00|USD|settled|2026-11-24T10:15:30Z|csv|export.csv|2|ref-ch_1",
            "2|re_1|refund|TXN-1|-20.00|0.00|-20.00|USD|settled|2026-11-24T10:15:30Z|csv|export.csv|3|ref-re_1",
            "3|ch_2|payment|TXN-2|3.10|1.00|2.10|USD|settled|2026-11-24T10:15:30Z|csv|later.csv|2|ref-ch_2");
    assertThat(query("SELECT indexname FROM pg_indexes WHERE tablename = 'sales'"))
        .contains("sales_match_key");
    // The rules' lookup of linked rows searches the index of each of its three terms: the
    // expression and the partial index's condition are spelt as the reader spells them.
    List<String> plan =
        planWithoutScans(
            "SELECT line FROM "
                + TABLE
                + " WHERE line = ANY("
                + PgSettlementReader.linkedLines(TABLE, "transaction_id")
                    .replace("?::text[]", "'{TXN-1}'::text[]")
                + ")");
    assertThat(
            planWithoutScans(
                "SELECT 1 FROM sales WHERE "
                    + PgSettlementReader.normalKey("\"transaction_id\"")
                    + " = ANY('{TXN-1}'::text[])"))
        .as("sales plan")
        .anySatisfy(line -> assertThat(line).contains("sales_match_key"));
    assertThat(plan)
        .as("plan")
        .anySatisfy(line -> assertThat(line).contains(TABLE + "_match_key"))
        .anySatisfy(line -> assertThat(line).contains(TABLE + "_linked_ref"))
        .anySatisfy(line -> assertThat(line).contains(TABLE + "_processor_ref"))
        // Key by key (see PgSettlementReader#linkedLines), not one scan for all the keys.
        .anySatisfy(line -> assertThat(line).contains("Function Scan on unnest"));
    assertThat(db()).doesNotExist();
  }

  /**
   * The index an import makes on upstream's sales table must never refuse upstream's own rows: a
   * B-tree refused a sale whose id is over about 2.7 kB of text that does not compress, failing
   * upstream's insert. The one an earlier version made is replaced; the rules' lookup still finds
   * the sales through it.
   */
  @Test
  void upstreamCanStillWriteASaleWithAnIdTooLongForABtree() throws Exception {
    settings();
    // As an earlier version made it.
    sql(
        "CREATE INDEX sales_match_key ON sales(("
            + PgSettlementReader.normalKey("\"transaction_id\"")
            + "))");
    importLines("export.csv", PipeFormat.payment("ch_1", "TXN-1", "100.00"));

    byte[] noise = new byte[6_000];
    new Random(7).nextBytes(noise);
    String longId = Base64.getEncoder().encodeToString(noise);
    sql(
        "INSERT INTO sales VALUES (1, 'TXN-1', '100.00')",
        "INSERT INTO sales VALUES (2, '" + longId + "', '5.00')");

    assertThat(query("SELECT indexdef FROM pg_indexes WHERE indexname = 'sales_match_key'"))
        .singleElement()
        .asString()
        .contains("USING hash");
    assertThat(
            planWithoutScans(
                "SELECT 1 FROM sales WHERE "
                    + PgSettlementReader.normalKey("\"transaction_id\"")
                    + " = ANY('{TXN-1}'::text[])"))
        .anySatisfy(line -> assertThat(line).contains("sales_match_key"));
    assertThat(
            query(
                "SELECT line FROM sales WHERE "
                    + PgSettlementReader.normalKey("\"transaction_id\"")
                    + " = ANY(ARRAY['TXN-1', '"
                    + longId.toUpperCase(Locale.ROOT) // as the rules look ids up
                    + "']) ORDER BY line"))
        .containsExactly("1", "2");
  }

  /**
   * Upstream's loader fills line from a sequence: an import leaves line to it, so the sequence
   * stays ahead and the loader's next row does not take a line the import wrote.
   */
  @Test
  void aTableWhoseLineASequenceFillsKeepsFillingItThroughAnImport() throws Exception {
    sql(
        todaysContract("").replace("line bigint PRIMARY KEY", "line bigserial PRIMARY KEY"),
        "INSERT INTO "
            + TABLE
            + " (processor_ref, transaction_id, amount) VALUES ('P-0', 'TXN-0', '1.00')");

    importLines(
        "e.csv",
        PipeFormat.payment("ch_1", "TXN-1", "5.00"),
        PipeFormat.payment("ch_2", "TXN-2", "6.00"));
    sql(
        "INSERT INTO "
            + TABLE
            + " (processor_ref, transaction_id, amount) VALUES ('P-3', 'TXN-3', '2.00')");

    assertThat(query("SELECT line || ':' || processor_ref FROM " + TABLE + " ORDER BY line"))
        .containsExactly("1:P-0", "2:ref-ch_1", "3:ref-ch_2", "4:P-3");
  }

  /** SQLite stores a NUL in text; PostgreSQL cannot: the row is rejected, the others imported. */
  @Test
  void aValueHoldingNulIsRejectedWithItsLineAndTheRestImported() throws Exception {
    ImportSummary s =
        importLines(
            "nul.csv",
            PipeFormat.payment("ch_1", "TXN-1", "5.00"),
            PipeFormat.payment("ch_2", "TXN\u00002", "6.00"));

    assertThat(s.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(s.rejected())
        .containsExactly(
            new ImportSummary.Rejection(
                3,
                3,
                "transaction_id holds a NUL character, which PostgreSQL text cannot store",
                // Escaped, so the log table (PostgreSQL text too) can hold it.
                "TXN\\u00002",
                java.time.Instant.parse("2026-11-24T10:15:30Z")));
    assertThat(query("SELECT row_key FROM " + TABLE)).containsExactly("ch_1");
  }

  /**
   * A key PostgreSQL's indexes cannot hold (a btree entry is at most ~2.7 kB, and random text does
   * not compress) fails its row, not the whole import: SQLite imports every row of such a file.
   */
  @Test
  void aKeyTooLongForAnIndexIsRejectedWithItsLineAndTheRestImported() throws Exception {
    Random random = new Random(12);
    StringBuilder noise = new StringBuilder();
    while (noise.length() < 3_000) {
      noise.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
    }
    ImportSummary s =
        importLines(
            "long.csv",
            PipeFormat.payment("ch_" + noise, "TXN-1", "5.00"),
            PipeFormat.payment("ch_2", "TXN-" + noise, "6.00"),
            PipeFormat.payment("ch_3", "TXN-3", "7.00"));

    assertThat(s.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(s.rejected())
        .extracting(ImportSummary.Rejection::line)
        .as("the lines of the two rows")
        .containsExactly(2L, 3L);
    assertThat(s.rejected())
        .extracting(ImportSummary.Rejection::reason)
        .allSatisfy(reason -> assertThat(reason).contains("longer than"));
    assertThat(query("SELECT row_key FROM " + TABLE)).containsExactly("ch_3");
  }

  /**
   * A later import, while it runs, holds no lock that keeps upstream from writing sales: it makes
   * the sales index only when absent (CREATE INDEX IF NOT EXISTS alone would lock sales against
   * writes till the import commits).
   */
  @Test
  void aLaterImportLeavesTheSalesTableWritableWhileItRuns() throws Exception {
    importLines("a.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00"));
    List<String> locksDuringImport = new ArrayList<>();
    ExportParser watching =
        (in, sourceFile, sink) -> {
          try {
            locksDuringImport.addAll(
                query(
                    "SELECT mode FROM pg_locks WHERE relation = to_regclass('sales')"
                        + " AND pid <> pg_backend_pid() AND "
                        + EmbeddedPg.LOCKS_OF_THIS_DATABASE));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          new PipeFormat().parse(in, sourceFile, sink);
        };
    Path file = dir.resolve("b.csv");
    Files.writeString(
        file, PipeFormat.HEADER + "\n" + PipeFormat.payment("ch_2", "TXN-2", "2.00") + "\n");

    ImportSummary s =
        new ProcessorImporter(settings(), format -> watching)
            .importFile(ImportFormat.CSV, file, db());

    assertThat(s.addedTotal()).isEqualTo(1);
    assertThat(locksDuringImport).as("locks on sales").doesNotContain("ShareLock");
  }

  /**
   * Config names in mixed case name the tables and columns PostgreSQL keeps for them written
   * plainly (in lower case, as upstream's loader made them here): the import adds to that table,
   * and a reconcile and the settlement rules read it and the sales (on SQLite any case names them).
   */
  @Test
  void mixedCaseNamesInTheConfigNameTheSameTablesForTheImportAndTheReconcile() throws Exception {
    String mixed = "mixed" + MADE.incrementAndGet();
    pg.newDatabase(mixed);
    Settings named =
        SettingsLoader.load(
            null,
            Map.of(
                "RECONCILER_DATABASE_URL", pg.url(mixed),
                "RECONCILER_DATABASE_USER", "postgres",
                "RECONCILER_DATABASE_SALES_TABLE", "Sales",
                "RECONCILER_DATABASE_PROCESSOR_TABLE", "ProcessorTxns",
                "RECONCILER_RECONCILIATION_MATCH_KEY", "TxnId"));
    try (Connection c = DriverManager.getConnection(pg.url(mixed), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE Sales(line bigint PRIMARY KEY, TxnId text, order_id text,"
              + " customer_id text, amount text, currency text, status text, created_at text)");
      st.execute(
          "INSERT INTO Sales VALUES"
              + " (1, 'TXN-1', 'O-1', 'C-1', '5.00', 'USD', 'paid', '2026-11-24T09:00:00Z')");
    }
    Path file = dir.resolve("mixed.csv");
    Files.writeString(
        file, PipeFormat.HEADER + "\n" + PipeFormat.payment("ch_1", "TXN-1", "5.00") + "\n");
    new ProcessorImporter(named, format -> new PipeFormat())
        .importFile(ImportFormat.CSV, file, db());

    InputSchema schema = new InputSchema("Sales", "ProcessorTxns", "TxnId");
    Instant start = Instant.parse("2026-11-24T00:00:00Z");
    Instant end = Instant.parse("2026-11-25T00:00:00Z");
    try (InputSource source = new PgInputSource(named.database(), schema)) {
      source.checkSchema();
      for (Source side : Source.values()) {
        List<String> ids = new ArrayList<>();
        source.readDay(side, start, end, row -> ids.add(row.toRawRow().id()));
        assertThat(ids).as(side.name()).containsExactly("TXN-1");
        assertThat(source.countDay(side, LocalDate.parse("2026-11-24"))).isEqualTo(1);
        assertThat(source.sizeHint(side)).isEqualTo(1);
      }
    }
    try (PgSettlementReader rules = new PgSettlementReader(named.database(), "TxnId")) {
      assertThat(rules.columns()).contains("row_type");
      assertThat(rules.sales(List.of("TXN-1"))).containsOnlyKeys("TXN-1");
    }
  }

  /**
   * PostgreSQL cuts names to 63 bytes: the longest processor table the settings take
   * (POSTGRES_PROCESSOR_TABLE_MAX) gets, whole, the same derived tables and indexes as the default
   * name, none of them longer than that limit allows, and a second import finds each by its name.
   */
  @Test
  void theLongestProcessorTableTheSettingsTakeKeepsEveryNameDerivedFromItWhole() throws Exception {
    String[] first = {PipeFormat.payment("ch_1", "TXN-1", "1.00"), "not|a|row"};
    String second = PipeFormat.payment("ch_2", "TXN-2", "2.00");
    importLines("a.csv", first);
    importLines("b.csv", second);
    List<String> suffixes = derivedNames(TABLE);

    String longest = "p".repeat(Settings.Database.POSTGRES_PROCESSOR_TABLE_MAX);
    Map<String, String> env = new java.util.HashMap<>();
    env.put("RECONCILER_DATABASE_URL", pg.url(database));
    env.put("RECONCILER_DATABASE_USER", "postgres");
    env.put("RECONCILER_DATABASE_PROCESSOR_TABLE", longest);
    ProcessorImporter longer =
        new ProcessorImporter(SettingsLoader.load(null, env), format -> new PipeFormat());
    for (String[] lines : List.of(first, new String[] {second})) {
      Path file = dir.resolve("long.csv");
      Files.writeString(file, PipeFormat.HEADER + "\n" + String.join("\n", lines) + "\n");
      longer.importFile(ImportFormat.CSV, file, db());
    }

    assertThat(derivedNames(longest)).isEqualTo(suffixes);
    assertThat(suffixes)
        .contains("_import_rejects_file", "_imports_task", "_import_key")
        .allSatisfy(
            suffix ->
                assertThat(longest.length() + suffix.length()).as(suffix).isLessThanOrEqualTo(63));
    assertThat(query("SELECT count(*) FROM " + longest)).containsExactly("2");
  }

  /** The names of the relations named {@code table} + "_…", less the table's name, sorted. */
  private List<String> derivedNames(String table) throws Exception {
    return query(
        "SELECT substr(relname, "
            + (table.length() + 1)
            + ") FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
            + " AND starts_with(relname, '"
            + table
            + "_') ORDER BY 1");
  }

  /** The plan of {@code sql} with scans of whole tables off: whether the indexes can serve it. */
  private List<String> planWithoutScans(String sql) throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      // On a table of three rows a scan is cheapest: only whether the indexes can serve counts.
      st.execute("SET enable_seqscan = off");
      return rows(c, "EXPLAIN " + sql);
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(pg.url(database), "postgres", "");
  }
}
