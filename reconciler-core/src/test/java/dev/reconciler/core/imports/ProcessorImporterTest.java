package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.store.DaySpan;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.ProcessorImportWriter;
import dev.reconciler.core.store.SettlementReader;
import dev.reconciler.core.store.SqlitePartIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The import contract on SQLite, and what is SQLite's own: its indexes, plans and affinities. */
class ProcessorImporterTest extends ProcessorImportContract {
  /** The zone the summaries' days are told in. */
  private static final ZoneId UTC = ZoneId.of("UTC");

  private Path db;
  private final Settings settings = SettingsLoader.load(null, Map.of());

  @BeforeEach
  void setUp() throws Exception {
    db = dir.resolve("in.db");
    sql(db, "CREATE TABLE sales(transaction_id TEXT, amount)");
  }

  @Override
  Settings settings() {
    return settings;
  }

  @Override
  Path db() {
    return db;
  }

  @Override
  void sql(String... statements) throws Exception {
    sql(db, statements);
  }

  @Override
  String line() {
    return "rowid";
  }

  @Override
  String todaysContract(String amount) {
    return "CREATE TABLE "
        + TABLE
        + "(processor_ref TEXT, transaction_id TEXT, amount "
        + amount
        + ", currency TEXT, fee, status TEXT, processed_at TEXT)";
  }

  @Override
  String insertTodays(String values) {
    return "INSERT INTO " + TABLE + " VALUES (" + values + ")";
  }

  @Override
  List<String> schema() throws Exception {
    return query("SELECT ifnull(sql, name) FROM sqlite_schema ORDER BY name");
  }

  @Override
  boolean uniqueIndex(String name) throws Exception {
    return query(
            "SELECT \"unique\" FROM pragma_index_list('" + TABLE + "') WHERE name = '" + name + "'")
        .equals(List.of("1"));
  }

  @Test
  void createsTheTableAndStoresMoneyAsPlainTextAndTimeAsUtc() throws Exception {
    ImportSummary s =
        importLines(
            "export.csv",
            PipeFormat.payment("ch_1", "TXN-1", "100.00"),
            PipeFormat.line("re_1", RowType.REFUND, "TXN-1", "-20.00", "0.00", "-20.00", null));

    assertThat(s.added())
        .containsExactlyInAnyOrderEntriesOf(Map.of(RowType.PAYMENT, 1L, RowType.REFUND, 1L));
    assertThat(s.alreadyPresentTotal()).isZero();
    assertThat(
            query(
                "SELECT row_key, row_type, transaction_id, typeof(amount), amount, fee, net, currency,"
                    + " status, processed_at, source_format, source_file, source_line, processor_ref"
                    + " FROM "
                    + TABLE
                    + " ORDER BY rowid"))
        .containsExactly(
            "ch_1|payment|TXN-1|text|100.00|1.00|99.00|USD|settled|2026-11-24T10:15:30Z|csv|export.csv|2|ref-ch_1",
            "re_1|refund|TXN-1|text|-20.00|0.00|-20.00|USD|settled|2026-11-24T10:15:30Z|csv|export.csv|3|ref-re_1");
    assertThat(query("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name"))
        .containsExactly(
            TABLE + "_import_key",
            TABLE + "_import_rejects_file",
            TABLE + "_imports_task",
            TABLE + "_linked_ref",
            TABLE + "_match_key",
            TABLE + "_processor_ref",
            "sales_match_key");
    // The rules' lookup of linked rows: each of its three terms searches its own index, the
    // original_ref one the partial index (which a differently spelt term could not use).
    assertThat(
            query(
                "EXPLAIN QUERY PLAN SELECT rowid FROM "
                    + TABLE
                    + " WHERE "
                    + SettlementReader.linkedKeys("transaction_id")))
        .as("plan")
        .anySatisfy(line -> assertThat(line).contains("MULTI-INDEX OR"))
        .anySatisfy(line -> assertThat(line).contains("USING INDEX " + TABLE + "_match_key"))
        .anySatisfy(line -> assertThat(line).contains("USING INDEX " + TABLE + "_linked_ref"))
        .anySatisfy(line -> assertThat(line).contains("USING INDEX " + TABLE + "_processor_ref"))
        .noneSatisfy(line -> assertThat(line).contains("SCAN " + TABLE));
    assertThat(query("SELECT count(*) FROM sales")).containsExactly("0");
    // The settlement rules look ids up by the expression the matcher compares with: the index
    // must be on that very spelling, or SQLite scans the table (a review fix changed the
    // spelling once and left the index on the old one).
    assertThat(
            query(
                "EXPLAIN QUERY PLAN SELECT rowid FROM "
                    + TABLE
                    + " WHERE "
                    + SettlementReader.normalKey("transaction_id")
                    + " IN (SELECT value FROM json_each('[\"TXN-1\"]'))"))
        .as("plan")
        .anySatisfy(
            line ->
                assertThat(line)
                    .containsPattern("USING (COVERING )?INDEX " + TABLE + "_match_key"));
    // The Refunds rule's lookup of the refunded sales, of any date, likewise.
    assertThat(
            query(
                "EXPLAIN QUERY PLAN SELECT rowid FROM sales WHERE "
                    + SettlementReader.normalKey("transaction_id")
                    + " IN (SELECT value FROM json_each('[\"TXN-1\"]')) ORDER BY rowid"))
        .as("plan")
        .anySatisfy(
            line -> assertThat(line).containsPattern("USING (COVERING )?INDEX sales_match_key"));
  }

  /**
   * A later file large beside the table (here any file: the table is tiny) is imported with the
   * read indexes dropped and built anew at its end: the same indexes after, the rows present before
   * skipped, and a rolled-back import keeps them.
   */
  @Test
  void aLargeLaterFileLeavesTheSameIndexesAndSkipsWhatIsPresent() throws Exception {
    // A sales table with its day's column gets the day indexes too.
    sql(db, "ALTER TABLE sales ADD COLUMN created_at TEXT");
    importLines("day1.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00"));
    // A sharded deployment's part indexes are dropped and made again too, as they were.
    SqlitePartIndex.make(db, new InputSchema("sales", TABLE, "transaction_id"), 4, 1000);
    List<String> firstDay =
        query("SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'index' ORDER BY name");
    secondDayAddsOnlyItsNewRow();
    List<String> indexes =
        query("SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'index' ORDER BY name");
    // The second file makes the indexes that find a day's rows and a payout's (DaySpan), which a
    // table's first import is spared.
    assertThat(indexes)
        .containsAll(firstDay)
        .hasSize(firstDay.size() + 5)
        .anySatisfy(i -> assertThat(i).startsWith(TABLE + "_match_key: "))
        .anySatisfy(i -> assertThat(i).startsWith(TABLE + "_processor_ref: "))
        .anySatisfy(i -> assertThat(i).startsWith(TABLE + "_linked_ref: "))
        .anySatisfy(i -> assertThat(i).startsWith(TABLE + "_part_of_4: CREATE INDEX"))
        .anySatisfy(i -> assertThat(i).startsWith(TABLE + "_day: CREATE INDEX"))
        .anySatisfy(i -> assertThat(i).startsWith(TABLE + "_undated: CREATE INDEX"))
        .anySatisfy(i -> assertThat(i).startsWith(TABLE + "_payout_rows: CREATE INDEX"))
        .anySatisfy(i -> assertThat(i).startsWith("sales_day: CREATE INDEX"))
        .anySatisfy(i -> assertThat(i).startsWith("sales_undated: CREATE INDEX"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThat(DaySpan.of(c, TABLE, "processed_at", "2026-11-24", "2026-11-26", true))
          .isNotEqualTo(DaySpan.WHOLE);
      assertThat(DaySpan.of(c, "sales", "created_at", "2026-11-24", "2026-11-26", true))
          .isNotEqualTo(DaySpan.WHOLE);
    }
    // A parser that fails mid-file: the import rolls back, the dropped indexes with it.
    assertThatThrownBy(
            () -> importLines("bad.csv", PipeFormat.payment("ch_3", "TXN-3", "3.00"), "!crash"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(
            query(
                "SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'index' ORDER BY name"))
        .isEqualTo(indexes);
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("2");
  }

  /**
   * A later file under a tenth of the table's rows adds its rows to the read indexes where they
   * stand: the same entries of the schema (an index dropped and built anew is a new entry), its
   * rows found through them. Its rows are counted, not guessed from its bytes: three rows of a
   * kilobyte each beside forty-one are few, however many bytes they take.
   */
  @Test
  void aSmallLaterFileAddsToTheReadIndexesWhereTheyStand() throws Exception {
    List<String> before = readIndexesAfterTwoDays();

    importLines("day3.csv", longPayment(41), longPayment(42), longPayment(43));

    assertThat(readIndexes()).isEqualTo(before);
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("44");
    assertThat(
            query(
                "SELECT processor_ref FROM "
                    + TABLE
                    + " INDEXED BY "
                    + TABLE
                    + "_match_key WHERE "
                    + SettlementReader.normalKey("transaction_id")
                    + " = 'TXN-42'"))
        .containsExactly("ref-ch_42");
  }

  /** A later file of a tenth of the table's rows or more has the read indexes built anew. */
  @Test
  void aLaterFileOfATenthOfTheTableHasTheReadIndexesBuiltAnew() throws Exception {
    List<String> before = readIndexesAfterTwoDays();

    importLines(
        "day3.csv",
        PipeFormat.payment("ch_41", "TXN-41", "1.00"),
        PipeFormat.payment("ch_42", "TXN-42", "1.00"),
        PipeFormat.payment("ch_43", "TXN-43", "1.00"),
        PipeFormat.payment("ch_44", "TXN-44", "1.00"),
        PipeFormat.payment("ch_45", "TXN-45", "1.00"));

    List<String> after = readIndexes();
    assertThat(after).hasSameSizeAs(before).doesNotContainAnyElementsOf(before);
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("46");
  }

  /**
   * The schema's entries (rowid and name) of the three read indexes, after a first day of forty
   * rows and a second of one: the second import makes the day indexes a table's first is spared.
   */
  private List<String> readIndexesAfterTwoDays() throws Exception {
    String[] day1 = new String[40];
    for (int i = 0; i < day1.length; i++) {
      day1[i] = PipeFormat.payment("ch_" + i, "TXN-" + i, "1.00");
    }
    importLines("day1.csv", day1);
    importLines("day2.csv", PipeFormat.payment("ch_40", "TXN-40", "1.00"));
    List<String> indexes = readIndexes();
    assertThat(indexes).hasSize(3);
    return indexes;
  }

  private List<String> readIndexes() throws Exception {
    return query(
        "SELECT rowid || ' ' || name FROM sqlite_schema WHERE name IN ('"
            + TABLE
            + "_match_key', '"
            + TABLE
            + "_processor_ref', '"
            + TABLE
            + "_linked_ref') ORDER BY name");
  }

  /** A payment whose status takes a kilobyte. */
  private static String longPayment(int i) {
    return PipeFormat.payment("ch_" + i, "TXN-" + i, "1.00") + "x".repeat(1000);
  }

  /**
   * Where upstream's table has a unique index of its own, a later file's repeated row is skipped by
   * the import key before that index could refuse it: a repeat must not fail the import.
   */
  @Test
  void aLargeLaterFileIntoATableWithItsOwnUniqueIndexSkipsWhatIsPresent() throws Exception {
    sql(
        db,
        "CREATE TABLE "
            + TABLE
            + "(processor_ref TEXT, transaction_id TEXT UNIQUE, amount, currency TEXT, fee,"
            + " status TEXT, processed_at TEXT)");
    importLines("day1.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00"));

    secondDayAddsOnlyItsNewRow();
    assertThat(query("SELECT transaction_id FROM " + TABLE + " ORDER BY rowid"))
        .containsExactly("TXN-1", "TXN-2");
  }

  /** Day 2's file repeats day 1's payment and adds one: only the new one is added. */
  private void secondDayAddsOnlyItsNewRow() throws Exception {
    ImportSummary s =
        importLines(
            "day2.csv",
            PipeFormat.payment("ch_1", "TXN-1", "1.00"),
            PipeFormat.payment("ch_2", "TXN-2", "2.00"));
    assertThat(s.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(s.alreadyPresentTotal()).isEqualTo(1);
  }

  @Test
  void aFileIsLargeBesideATableWhenItAddsATenthOfItsRows() {
    // A day of 250,000 rows beside a table of one day, of ten, and of sixteen.
    assertThat(ProcessorImportWriter.largeBeside(250_000, 250_000)).isTrue();
    assertThat(ProcessorImportWriter.largeBeside(250_000, 2_500_000)).isTrue();
    assertThat(ProcessorImportWriter.largeBeside(250_000, 2_500_001)).isFalse();
    assertThat(ProcessorImportWriter.largeBeside(250_000, 4_000_000)).isFalse();
  }

  @Test
  void aSalesViewIsLeftUnindexedAndTheImportGoesOn() throws Exception {
    sql(
        db,
        "DROP TABLE sales",
        "CREATE TABLE sales_rows(transaction_id TEXT, amount)",
        "CREATE VIEW sales AS SELECT * FROM sales_rows");
    ImportSummary s = importLines("export.csv", PipeFormat.payment("ch_1", "TXN-1", "100.00"));
    assertThat(s.alreadyPresentTotal()).isZero();
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("1");
    assertThat(query("SELECT count(*) FROM sqlite_schema WHERE name = 'sales_match_key'"))
        .containsExactly("0");
  }

  @Test
  void aRowTheTablesOwnConstraintsRefuseFailsTheImportInsteadOfCountingAsAlreadyPresent()
      throws Exception {
    // Upstream tables of today's contract often have a unique or NOT NULL transaction id; refunds
    // share their sale's id and payouts have none, so such rows cannot be stored. Counting them as
    // "already present" (INSERT OR IGNORE skips any constraint) would hide them from every rule.
    sql(
        db,
        "CREATE TABLE "
            + TABLE
            + "(processor_ref TEXT, transaction_id TEXT NOT NULL UNIQUE, amount, currency TEXT,"
            + " fee, status TEXT, processed_at TEXT)");
    Path file = dir.resolve("e.csv");
    Files.writeString(
        file,
        String.join(
            "\n",
            PipeFormat.HEADER,
            PipeFormat.payment("ch_1", "TXN-1", "5.00"),
            PipeFormat.line("re_1", RowType.REFUND, "TXN-1", "-2.00", "0.00", "-2.00", null),
            PipeFormat.line("po_1", RowType.PAYOUT, null, "-3.00", "0.00", "-3.00", "po_1"),
            ""));

    assertThatThrownBy(() -> importer.importFile(ImportFormat.CSV, file, db))
        .hasMessageContaining("constraint failed");
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("0");
  }

  @Test
  void anAmountAColumnDeclaredRealWouldRoundIsRejectedNotStoredRounded() throws Exception {
    // Today's contract lets upstream declare amount and fee REAL (or NUMERIC): SQLite then stores
    // the exact text as a double, and spells 9999999999999.99 back as 9999999999999.9902.
    sql(
        db,
        "CREATE TABLE "
            + TABLE
            + "(processor_ref TEXT, transaction_id TEXT, amount REAL, currency TEXT, fee NUMERIC,"
            + " status TEXT, processed_at TEXT)");

    ImportSummary s =
        importLines(
            "e.csv",
            PipeFormat.payment("ch_1", "TXN-1", "99999999999.99"),
            PipeFormat.payment("ch_2", "TXN-2", "99999999999999.99"),
            PipeFormat.line("ch_4", RowType.PAYMENT, "TXN-4", "5.00", "1.2345", "3.7655", null));

    assertThat(s.rejected()).extracting(ImportSummary.Rejection::line).containsExactly(3L);
    assertThat(s.rejected().get(0).reason()).contains("amount", "REAL");
    assertThat(query("SELECT row_key || ' ' || amount || ' ' || fee FROM " + TABLE))
        .containsExactly("ch_1 99999999999.99 1", "ch_4 5.0 1.2345");
  }

  /**
   * A column declared REAL or NUMERIC gives back 5.0 for 5.00 and 1 for 1.00: a re-import compares
   * them as numbers, so the same file is already present and a changed amount is still refused.
   */
  @Test
  void aTableDeclaringMoneyRealComparesARowsAmountsAsNumbers() throws Exception {
    sql(
        db,
        "CREATE TABLE "
            + TABLE
            + "(processor_ref TEXT, transaction_id TEXT, amount REAL, currency TEXT, fee NUMERIC,"
            + " status TEXT, processed_at TEXT)");
    String[] lines = {
      PipeFormat.payment("ch_1", "TXN-1", "5.00"), PipeFormat.payment("ch_2", "TXN-2", "7.50")
    };
    importLines("a.csv", lines);

    ImportSummary again = importLines("a.csv", lines);
    ImportSummary changed =
        importLines(
            "b.csv",
            PipeFormat.payment("ch_1", "TXN-1", "5.00"),
            PipeFormat.payment("ch_2", "TXN-2", "7.05"));

    assertThat(again.alreadyPresentTotal()).isEqualTo(2);
    assertThat(again.rejected()).isEmpty();
    assertThat(changed.alreadyPresentTotal()).isEqualTo(1);
    assertThat(changed.rejected())
        .extracting(ImportSummary.Rejection::line, ImportSummary.Rejection::reason)
        .containsExactly(
            tuple(
                3L,
                "row id ch_2 is in the table already, from a.csv line 3, with gross 7.5;"
                    + " this row has 7.05: not imported (a row id must name one row)"));
  }

  /**
   * Upstream may audit its table with an UPDATE trigger: an import touches no row it holds, so a
   * row it skips, same or refused, fires nothing, and the refusal is still found.
   */
  @Test
  void aRowSkippedOrRefusedFiresNoUpdateTriggerOfTheTable() throws Exception {
    sql(
        db,
        "CREATE TABLE "
            + TABLE
            + "(processor_ref TEXT, transaction_id TEXT, amount TEXT, currency TEXT, fee TEXT,"
            + " status TEXT, processed_at TEXT)",
        "CREATE TABLE audit(what TEXT)",
        "CREATE TRIGGER audited AFTER UPDATE ON "
            + TABLE
            + " BEGIN INSERT INTO audit VALUES ('updated ' || old.rowid); END");
    String[] lines = {
      PipeFormat.payment("ch_1", "TXN-1", "5.00"), PipeFormat.payment("ch_2", "TXN-2", "7.50")
    };
    importLines("a.csv", lines);

    ImportSummary again = importLines("a.csv", lines);
    ImportSummary changed =
        importLines(
            "b.csv",
            PipeFormat.payment("ch_1", "TXN-1", "5.00"),
            PipeFormat.payment("ch_2", "TXN-2", "7.05"),
            PipeFormat.payment("ch_3", "TXN-3", "1.00"));

    assertThat(query("SELECT count(*) FROM audit")).containsExactly("0");
    assertThat(again.alreadyPresentTotal()).isEqualTo(2);
    assertThat(again.rejected()).isEmpty();
    assertThat(changed.alreadyPresentTotal()).isEqualTo(1);
    assertThat(changed.rejected()).extracting(ImportSummary.Rejection::line).containsExactly(3L);
    assertThat(query("SELECT row_key || ' ' || amount FROM " + TABLE + " ORDER BY rowid"))
        .containsExactly("ch_1 5.00", "ch_2 7.50", "ch_3 1.00");
  }

  /**
   * A first import keeps a small page cache, so a large file's pages reach the database file before
   * the commit: a failure after that still leaves the database as it was.
   */
  @Test
  void aFailureAfterPagesWereWrittenOutLeavesTheDatabaseAsItWas() throws Exception {
    long sizeBefore = Files.size(db);
    List<String> lines = new ArrayList<>();
    // About 20 MB of table: more than the 16 MiB cache.
    for (int i = 0; i < 80_000; i++) {
      lines.add(PipeFormat.payment("ch_" + i + "_" + "k".repeat(60), "TXN-" + i, "1.00"));
    }
    lines.add("!crash");

    assertThatThrownBy(() -> importLines("big.csv", lines.toArray(String[]::new)))
        .hasMessageContaining("parser bug at line 80002");

    assertThat(Files.size(db)).isEqualTo(sizeBefore);
    assertThat(query("SELECT count(*) FROM sqlite_schema WHERE name LIKE '" + TABLE + "%'"))
        .containsExactly("0");
    assertThat(dir.resolve("in.db-journal")).doesNotExist();
  }

  @Test
  void rejectedRowsAreCountedWithLineAndReasonAndListedUpToABound() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(PipeFormat.payment("ch_1", "TXN-1", "1.00"));
    for (int i = 0; i < 250; i++) {
      lines.add("bad\u0007row|" + i);
    }

    ImportSummary s = importLines("r.csv", lines.toArray(String[]::new));

    assertThat(s.addedTotal()).isEqualTo(1);
    assertThat(s.rejectedTotal()).isEqualTo(250);
    assertThat(s.rejected()).hasSize(ProcessorImporter.REJECTS_KEPT);
    assertThat(s.rejected().get(0))
        .isEqualTo(new ImportSummary.Rejection(3, "expected 11 fields, got 2"));
    assertThat(s.rejected().get(99).line()).isEqualTo(102);
    assertThat(s.lines(UTC))
        .contains(
            "csv file r.csv: 1 rows imported, 0 already present, 250 rejected",
            "imported payment: 1",
            "rejected line 3: expected 11 fields, got 2",
            "rejected: 150 more rows not listed (the first 100 are)");
  }

  /**
   * A row whose id is far longer than any processor's is rejected with its line; the rest go in.
   */
  @Test
  void aRowWithAnOverLongIdIsRejectedWithItsLineAndTheOthersImported() throws Exception {
    String row = "txn_%d,2026-01-10 10:00:00,usd,20.00,0.88,19.12,charge,ch_%d,%s";
    Path file =
        Parsed.write(
            dir,
            "stripe.csv",
            List.of(
                "balance_transaction_id,created_utc,currency,gross,fee,net,reporting_category,"
                    + "source_id,payment_metadata[transaction_id]",
                row.formatted(1, 1, "T1"),
                row.formatted(2, 2, "t".repeat(1_000_000)),
                row.formatted(3, 3, "T3")),
            false,
            false);

    ImportSummary s = new ProcessorImporter(settings).importFile(ImportFormat.STRIPE, file, db);

    assertThat(s.addedTotal()).isEqualTo(2);
    assertThat(s.rejected())
        .containsExactly(
            new ImportSummary.Rejection(
                3,
                3,
                "payment_metadata[transaction_id] is 1,000,000 characters long, more than 1,000:"
                    + " not imported",
                // Kept cut, as the reason is: its first 100 characters and its length.
                SafeText.line("t".repeat(1_000_000), 100),
                // Its other cells are short: its time is read, and places it on its day.
                java.time.Instant.parse("2026-01-10T10:00:00Z")));
    assertThat(query("SELECT row_key FROM " + TABLE + " ORDER BY rowid"))
        .containsExactly("txn_1", "txn_3");
  }

  /**
   * The rows a quote never closed took into one record are lost to the import: each of its lines
   * counts as a rejected row, so the summary's count says how many.
   */
  @Test
  void aQuoteNeverClosedCountsEveryLineItTookAsRejected() throws Exception {
    Path file = Parsed.write(dir, "stripe.csv", StripeParserTest.UNCLOSED_QUOTE, false, false);

    ImportSummary s = new ProcessorImporter(settings).importFile(ImportFormat.STRIPE, file, db);

    assertThat(s.addedTotal()).isEqualTo(1);
    assertThat(s.rejectedTotal()).isEqualTo(3);
    assertThat(s.lines(UTC))
        .containsExactly(
            "stripe file stripe.csv: 1 rows imported, 0 already present, 3 rejected",
            "imported payment: 1",
            // The one row read; the record of several lines has no time of its own.
            "rows dated 2026-11-28T10:15:30Z (day 2026-11-28 in UTC)",
            "rejected line 3: unclosed quote? cell runs from line 3 to line 5: the row has 10"
                + " fields where the header (line 1) has 14; its 3 lines count as rejected rows",
            "the other rows were imported; fix the rejected rows and import the file again"
                + " (until then the Rejected Rows sheet of each rejected row's day lists it, or of each"
                + " day the file reaches when its time could not be read)");
  }

  /**
   * The summary says when the file's rows were dated, the rejected ones whose time reads included,
   * and on which days of the reconciliation's zone: an operator sees at once a file of the wrong
   * day.
   */
  @Test
  void theSummarySaysWhenTheFilesRowsWereDated() throws Exception {
    ImportSummary s =
        importLines(
            "span.csv",
            PipeFormat.line("ch_1", RowType.PAYMENT, "T-1", "1.00", "0.00", "1.00", null)
                .replace("2026-11-24T10:15:30Z", "2026-11-23T22:00:00Z"),
            PipeFormat.line("ch_2", RowType.PAYMENT, "T-2", "2.00", "0.00", "2.00", null)
                .replace("|payment|", "|bogus|")
                .replace("2026-11-24T10:15:30Z", "2026-11-24T09:30:00Z"));

    assertThat(s.firstRow()).isEqualTo(java.time.Instant.parse("2026-11-23T22:00:00Z"));
    assertThat(s.lastRow()).isEqualTo(java.time.Instant.parse("2026-11-24T09:30:00Z"));
    assertThat(s.lines(UTC))
        .containsSubsequence(
            "imported payment: 1",
            "rows dated 2026-11-23T22:00:00Z to 2026-11-24T09:30:00Z"
                + " (days 2026-11-23 to 2026-11-24 in UTC)",
            "rejected line 3 (transaction id T-2): unknown row type 'bogus'");
    // Nine hours ahead both are of the 24th.
    assertThat(s.lines(ZoneId.of("Asia/Tokyo")))
        .contains(
            "rows dated 2026-11-23T22:00:00Z to 2026-11-24T09:30:00Z"
                + " (day 2026-11-24 in Asia/Tokyo)");
  }

  @Test
  void hostileReasonsAndFileNamesAreShownOnOneLineAndBounded() throws Exception {
    Path file = dir.resolve("evil\nname.csv");
    Files.writeString(file, "anything");
    String hostile = "bad\r\nFORGED line\u0000" + "x".repeat(1_000);
    ImportRefused refused =
        catchThrowableOfType(
            () ->
                new ProcessorImporter(
                        settings, format -> (in, name, sink) -> sink.reject(7, hostile))
                    .importFile(ImportFormat.STRIPE, file, db),
            ImportRefused.class);
    ImportSummary s = refused.summary();

    assertThat(refused.getMessage()).doesNotContain("\n", "\r", "\u0000").hasSizeLessThan(500);
    assertThat(s.lines(UTC)).allSatisfy(l -> assertThat(l).doesNotContain("\n", "\r", "\u0000"));
    assertThat(s.lines(UTC).get(0)).startsWith("stripe file evil\\nname.csv: 0 rows imported");
    assertThat(s.rejected().get(0).reason())
        .startsWith("bad\\r\\nFORGED line")
        .hasSizeLessThan(300);
  }

  /** A file still being written (a download not finished) is refused whole, not half imported. */
  @Test
  void aFileThatChangesWhileItIsImportedImportsNothing() throws Exception {
    Path file = dir.resolve("growing.csv");
    Files.writeString(file, PipeFormat.HEADER + "\n" + PipeFormat.payment("ch_1", "TXN-1", "1.00"));
    ExportParser growing =
        (in, name, sink) -> {
          new PipeFormat().parse(in, name, sink);
          try {
            Files.writeString(
                file,
                "\n" + PipeFormat.payment("ch_2", "TXN-2", "2.00"),
                StandardOpenOption.APPEND);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };

    assertThatThrownBy(
            () ->
                new ProcessorImporter(settings, f -> growing)
                    .importFile(ImportFormat.CSV, file, db))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("growing.csv changed while it was imported: nothing was imported");
    assertThat(query("SELECT count(*) FROM sqlite_schema WHERE name = '" + TABLE + "'"))
        .containsExactly("0");
  }

  @Test
  void aRowWithoutAKeyIsRejectedNotStoredWithoutOne() throws Exception {
    ImportSummary s =
        importLines(
            "k.csv", PipeFormat.payment("", "TXN-1", "1.00"), PipeFormat.payment("ch_2", "T", "2"));

    assertThat(s.rejected())
        .containsExactly(
            new ImportSummary.Rejection(
                2,
                2,
                "row has no row key",
                "TXN-1",
                java.time.Instant.parse("2026-11-24T10:15:30Z")));
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("1");
  }

  @Test
  void aMissingFileOrDatabaseIsAUserError() throws Exception {
    assertThatThrownBy(() -> importer.importFile(ImportFormat.CSV, dir.resolve("nope.csv"), db))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("import file not found");
    Path file = dir.resolve("ok.csv");
    Files.writeString(file, PipeFormat.HEADER + "\n");
    assertThatThrownBy(() -> importer.importFile(ImportFormat.CSV, file, dir.resolve("none.db")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("database not found");
    assertThat(dir.resolve("none.db")).doesNotExist();
  }

  @Test
  void aMissingOrOddFileIsNamedOnOneEscapedLine() throws Exception {
    // A queued task's path comes from Redis; the message reaches the terminal and task states.
    Path missing = dir.resolve("no\u001b[2J\u202ene\nFAKE.csv");
    Path directory = Files.createDirectory(dir.resolve("d\u001b[1mir"));
    for (Path file : List.of(missing, directory)) {
      assertThatThrownBy(() -> importer.importFile(ImportFormat.CSV, file, db))
          .isInstanceOf(UserError.class)
          .message()
          .doesNotContain("\u001b", "\n", "\u202e");
    }
  }

  @Test
  void aFileThatIsNotUtf8IsRefused() throws Exception {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, (PipeFormat.HEADER + "\nch_\u00e9|x\n").getBytes("ISO-8859-1"));

    assertThatThrownBy(() -> importer.importFile(ImportFormat.CSV, file, db))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("not UTF-8");
  }

  /**
   * A spreadsheet's plain "CSV" is often windows-1252, which was refused as not UTF-8 whatever the
   * setting: read in [import.csv] encoding, its text arrives as written. A UTF-8 file read so is
   * refused by its byte-order mark (it would be mojibake), and a byte that set does not define
   * refuses the file naming the key.
   */
  @Test
  void aGenericFileIsReadInItsConfiguredEncoding() throws Exception {
    ProcessorImporter cp1252 =
        new ProcessorImporter(
            SettingsLoader.load(null, Map.of("RECONCILER_IMPORT_CSV_ENCODING", "windows-1252")),
            format -> new PipeFormat());
    Path file = dir.resolve("cp1252.csv");
    byte[] text =
        (PipeFormat.HEADER
                + "\n"
                + PipeFormat.payment("ch_\u00fc", "M\u00fcller-7", "12.00")
                + "\n")
            .getBytes("windows-1252");
    Files.write(file, text);

    assertThatThrownBy(() -> importer.importFile(ImportFormat.CSV, file, db))
        .isInstanceOf(ImportFormatException.class)
        .hasMessage(
            "cp1252.csv is not UTF-8 text: an export is read as UTF-8 (save it as UTF-8; a generic"
                + " csv file may name its own in [import.csv] encoding, such as windows-1252)");
    assertThat(cp1252.importFile(ImportFormat.CSV, file, db).addedTotal()).isEqualTo(1);
    assertThat(query("SELECT row_key, transaction_id FROM " + TABLE))
        .containsExactly("ch_\u00fc|M\u00fcller-7");

    Path bom = dir.resolve("bom.csv");
    Files.write(
        bom,
        ("\ufeff" + PipeFormat.HEADER + "\n" + PipeFormat.payment("ch_2", "T-2", "1.00") + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> cp1252.importFile(ImportFormat.CSV, bom, db))
        .isInstanceOf(ImportFormatException.class)
        .hasMessage(
            "bom.csv starts with a UTF-8 byte-order mark: it is UTF-8 text, not windows-1252 as"
                + " [import.csv] encoding says");
    Path undefined = dir.resolve("undefined.csv");
    byte[] bad = java.util.Arrays.copyOf(text, text.length + 1);
    bad[text.length] = (byte) 0x81; // one of the five bytes windows-1252 leaves undefined
    Files.write(undefined, bad);
    assertThatThrownBy(() -> cp1252.importFile(ImportFormat.CSV, undefined, db))
        .isInstanceOf(ImportFormatException.class)
        .hasMessage(
            "undefined.csv is not windows-1252 text: [import.csv] encoding = windows-1252 says it"
                + " should be");
  }

  @Override
  List<String> query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return rows(c, sql);
    }
  }

  private static void sql(Path db, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
