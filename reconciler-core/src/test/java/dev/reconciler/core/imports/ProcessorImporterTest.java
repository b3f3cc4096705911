package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.store.ProcessorImportWriter;
import dev.reconciler.core.store.SettlementReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorImporterTest {
  private static final String TABLE = "processor_transactions";

  @TempDir Path dir;
  private Path db;
  private final Settings settings = SettingsLoader.load(null, Map.of());

  /** Reads every format as {@link PipeFormat}: these tests are about what is around a parser. */
  private final ProcessorImporter importer =
      new ProcessorImporter(settings, format -> new PipeFormat());

  @BeforeEach
  void setUp() throws Exception {
    db = dir.resolve("in.db");
    sql(db, "CREATE TABLE sales(transaction_id TEXT, amount)");
  }

  private ImportSummary importLines(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, PipeFormat.HEADER + "\n" + String.join("\n", lines) + "\n");
    return importer.importFile(ImportFormat.CSV, file, db);
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
    importLines("day1.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00"));
    List<String> indexes =
        query("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name");
    ImportSummary s =
        importLines(
            "day2.csv",
            PipeFormat.payment("ch_1", "TXN-1", "1.00"),
            PipeFormat.payment("ch_2", "TXN-2", "2.00"));

    assertThat(s.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(s.alreadyPresentTotal()).isEqualTo(1);
    assertThat(query("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name"))
        .isEqualTo(indexes)
        .contains(TABLE + "_match_key", TABLE + "_processor_ref", TABLE + "_linked_ref");
    // A parser that fails mid-file: the import rolls back, the dropped indexes with it.
    assertThatThrownBy(
            () -> importLines("bad.csv", PipeFormat.payment("ch_3", "TXN-3", "3.00"), "!crash"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(query("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name"))
        .isEqualTo(indexes);
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("2");
  }

  @Test
  void aFileIsLargeBesideATableWhenItMayAddATenthOfItsRows() {
    // A day's Stripe export (344 MB) beside a table of one day, and of thirty.
    assertThat(ProcessorImportWriter.largeBeside(344_000_000L, 1_000_000)).isTrue();
    assertThat(ProcessorImportWriter.largeBeside(344_000_000L, 30_000_000)).isFalse();
  }

  @Test
  void aProvisionalPayoutIdWaitsThroughImportsWithoutOneForTheFileWithItsPayoutRow()
      throws Exception {
    String provisional = ProcessorTable.PROVISIONAL_PAYOUT_PREFIX + "acct:1:USD";
    importLines(
        "members.csv",
        PipeFormat.line("m_1", RowType.PAYMENT, "TXN-1", "5.00", "1.00", "4.00", provisional));
    // A file with no provisional id skips the resolving passes: nothing it wrote could resolve.
    importLines("other.csv", PipeFormat.payment("ch_2", "TXN-2", "7.00"));
    assertThat(query("SELECT payout_id FROM " + TABLE + " WHERE row_key = 'm_1'"))
        .containsExactly(provisional);
    importLines(
        "payout.csv",
        PipeFormat.line("po_1", RowType.PAYOUT, null, "-4.00", "0.00", "-4.00", provisional));
    assertThat(query("SELECT row_key, payout_id FROM " + TABLE + " ORDER BY rowid"))
        .containsExactly("m_1|ref-po_1", "ch_2|null", "po_1|ref-po_1");
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
  void migratesATableOfTodaysContractInPlaceAndItsRowsStillReadAsPayments() throws Exception {
    sql(
        db,
        "CREATE TABLE "
            + TABLE
            + "(processor_ref TEXT, transaction_id TEXT, amount, currency TEXT, fee, status TEXT,"
            + " processed_at TEXT)",
        "INSERT INTO "
            + TABLE
            + " VALUES ('P-0','TXN-0',10.5,'USD',0.3,'settled','2026-11-24T09:00:00Z')");

    importLines(
        "e.csv",
        PipeFormat.payment("ch_1", "TXN-1", "5.00"),
        PipeFormat.line("fee_1", RowType.FEE, null, "-2.00", "0.00", "-2.00", null));

    assertThat(query("SELECT name FROM pragma_table_info('" + TABLE + "')"))
        .containsSequence(ProcessorTable.ADDED_COLUMNS);
    assertThat(
            query(
                "SELECT processor_ref || ':' || typeof(amount) || ':' || ifnull(row_type, 'NULL')"
                    + " FROM "
                    + TABLE
                    + " WHERE "
                    + ProcessorTable.PAYMENTS
                    + " ORDER BY rowid"))
        .containsExactly("P-0:real:NULL", "ref-ch_1:text:payment");
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

  @Test
  void anIndexSquattingTheImportKeysNameIsRefusedNotLeftToDoubleARepeatedImport() throws Exception {
    // CREATE UNIQUE INDEX IF NOT EXISTS keeps an index of that name whatever its columns.
    sql(
        db,
        "CREATE TABLE "
            + TABLE
            + "(processor_ref TEXT, transaction_id TEXT, amount, currency TEXT, fee, status TEXT,"
            + " processed_at TEXT)",
        "CREATE INDEX " + TABLE + "_import_key ON " + TABLE + "(currency)");

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> importLines("a.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00")))
          .hasMessageContaining("ON CONFLICT");
    }
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("0");
  }

  @Test
  void reimportingTheSameFileAddsNothing() throws Exception {
    String[] lines = {
      PipeFormat.payment("ch_1", "TXN-1", "1.00"),
      PipeFormat.payment("ch_2", "TXN-2", "2.00"),
      PipeFormat.line("po_1", RowType.PAYOUT, null, "-1.00", "0.00", "-1.00", "po_1")
    };
    importLines("a.csv", lines);

    ImportSummary again = importLines("a.csv", lines);

    assertThat(again.addedTotal()).isZero();
    assertThat(again.alreadyPresent())
        .containsExactlyInAnyOrderEntriesOf(Map.of(RowType.PAYMENT, 2L, RowType.PAYOUT, 1L));
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("3");
  }

  /**
   * A table's first import builds the unique key after the rows are in: a row repeated in that file
   * is still kept once, its first occurrence, as later imports' INSERT OR IGNORE does.
   */
  @Test
  void aRowRepeatedInTheFirstFileIsStoredOnceAsItsFirstOccurrence() throws Exception {
    ImportSummary s =
        importLines(
            "twice.csv",
            PipeFormat.payment("ch_1", "TXN-1", "1.00"),
            PipeFormat.payment("ch_2", "TXN-2", "2.00"),
            PipeFormat.payment("ch_1", "TXN-1", "9.00"),
            PipeFormat.line("re_1", RowType.REFUND, "TXN-1", "-1.00", "0.00", "-1.00", null),
            PipeFormat.line("re_1", RowType.REFUND, "TXN-1", "-1.00", "0.00", "-1.00", null),
            PipeFormat.payment("ch_1", "TXN-1", "8.00"));

    assertThat(s.added())
        .containsExactlyInAnyOrderEntriesOf(Map.of(RowType.PAYMENT, 2L, RowType.REFUND, 1L));
    assertThat(s.alreadyPresent())
        .containsExactlyInAnyOrderEntriesOf(Map.of(RowType.PAYMENT, 2L, RowType.REFUND, 1L));
    assertThat(
            query(
                "SELECT row_key || '=' || amount || '@' || source_line FROM "
                    + TABLE
                    + " ORDER BY rowid"))
        .containsExactly("ch_1=1.00@2", "ch_2=2.00@3", "re_1=-1.00@5");
    assertThat(
            query(
                "SELECT \"unique\" FROM pragma_index_list('"
                    + TABLE
                    + "') WHERE name = '"
                    + TABLE
                    + "_import_key'"))
        .containsExactly("1");

    // The key built at the end serves the next import like one kept row by row.
    ImportSummary again =
        importLines(
            "more.csv",
            PipeFormat.payment("ch_2", "TXN-2", "2.00"),
            PipeFormat.payment("ch_3", "TXN-3", "3.00"));
    assertThat(again.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("4");
  }

  /** Rows already in the table when its key is built later are kept, the file's repeats are not. */
  @Test
  void aFirstImportIntoAFilledTableKeepsTheOlderRowOfARepeatedKey() throws Exception {
    importLines("a.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00"));
    // As if the key had been dropped by hand: the next import builds it again at its end.
    sql(db, "DROP INDEX " + TABLE + "_import_key");

    ImportSummary s =
        importLines(
            "b.csv",
            PipeFormat.payment("ch_2", "TXN-2", "2.00"),
            PipeFormat.payment("ch_1", "TXN-1", "7.00"));

    assertThat(s.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(s.alreadyPresent()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(
            query(
                "SELECT row_key || '=' || amount || '@' || source_file FROM "
                    + TABLE
                    + " ORDER BY rowid"))
        .containsExactly("ch_1=1.00@a.csv", "ch_2=2.00@b.csv");
  }

  @Test
  void anOverlappingFileAddsOnlyItsNewRows() throws Exception {
    importLines(
        "mon.csv",
        PipeFormat.payment("ch_1", "TXN-1", "1.00"),
        PipeFormat.payment("ch_2", "TXN-2", "2.00"),
        PipeFormat.payment("ch_3", "TXN-3", "3.00"));

    ImportSummary s =
        importLines(
            "tue.csv",
            PipeFormat.payment("ch_2", "TXN-2", "2.00"),
            PipeFormat.payment("ch_3", "TXN-3", "3.00"),
            PipeFormat.payment("ch_4", "TXN-4", "4.00"),
            PipeFormat.payment("ch_5", "TXN-5", "5.00"));

    assertThat(s.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 2L));
    assertThat(s.alreadyPresent()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 2L));
    assertThat(query("SELECT row_key || '@' || source_file FROM " + TABLE + " ORDER BY rowid"))
        .containsExactly(
            "ch_1@mon.csv", "ch_2@mon.csv", "ch_3@mon.csv", "ch_4@tue.csv", "ch_5@tue.csv");
  }

  @Test
  void aParserFailingPartWayLeavesTheDatabaseAsItWas() throws Exception {
    sql(
        db,
        "CREATE TABLE "
            + TABLE
            + "(processor_ref TEXT, transaction_id TEXT, amount, currency TEXT, fee, status TEXT,"
            + " processed_at TEXT)",
        "INSERT INTO " + TABLE + " VALUES ('P-0','TXN-0','1','USD','0','settled','2026-11-24')");
    List<String> schemaBefore = query("SELECT sql FROM sqlite_schema ORDER BY name");
    // Enough rows that whole batches reached SQLite before the failure.
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      lines.add(PipeFormat.payment("ch_" + i, "TXN-" + i, "1.00"));
    }
    lines.add("!crash");

    assertThatThrownBy(() -> importLines("bad.csv", lines.toArray(String[]::new)))
        .hasMessageContaining("parser bug at line 1002");

    assertThat(query("SELECT sql FROM sqlite_schema ORDER BY name")).isEqualTo(schemaBefore);
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("1");
    assertThat(dir.resolve("in.db-journal")).doesNotExist();
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
  void aFileWithAWrongHeaderIsRefusedWholeAndCreatesNothing() throws Exception {
    Path file = dir.resolve("x.csv");
    Files.writeString(file, "id,amount\n1,2\n");

    assertThatThrownBy(() -> importer.importFile(ImportFormat.CSV, file, db))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("header must be");
    assertThat(query("SELECT count(*) FROM sqlite_schema WHERE name = '" + TABLE + "'"))
        .containsExactly("0");
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
    assertThat(s.lines())
        .contains(
            "csv file r.csv: 1 rows imported, 0 already present, 250 rejected",
            "imported payment: 1",
            "rejected line 3: expected 11 fields, got 2",
            "rejected: 150 more rows not listed (the first 100 are)");
  }

  @Test
  void hostileReasonsAndFileNamesAreShownOnOneLineAndBounded() throws Exception {
    Path file = dir.resolve("evil\nname.csv");
    Files.writeString(file, "anything");
    String hostile = "bad\r\nFORGED line\u0000" + "x".repeat(1_000);
    ImportSummary s =
        new ProcessorImporter(settings, format -> (in, name, sink) -> sink.reject(7, hostile))
            .importFile(ImportFormat.STRIPE, file, db);

    assertThat(s.lines()).allSatisfy(l -> assertThat(l).doesNotContain("\n", "\r", "\u0000"));
    assertThat(s.lines().get(0)).startsWith("stripe file evil\\nname.csv: 0 rows imported");
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

    assertThat(s.rejected()).containsExactly(new ImportSummary.Rejection(2, "row has no row key"));
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("1");
  }

  @Test
  void provisionalPayoutIdsBecomeThePayoutRowsReference() throws Exception {
    String section = ProcessorTable.PROVISIONAL_PAYOUT_PREFIX + "ACCT:2026-11-24:USD";
    String open = ProcessorTable.PROVISIONAL_PAYOUT_PREFIX + "ACCT:2026-11-25:USD";
    importLines(
        "stl.csv",
        PipeFormat.line("T1", RowType.PAYMENT, "TXN-1", "10.00", "1.00", "9.00", section),
        PipeFormat.line("T2", RowType.REFUND, "TXN-1", "-2.00", "0.00", "-2.00", section),
        PipeFormat.line("W1", RowType.PAYOUT, null, "-7.00", "0.00", "-7.00", section),
        PipeFormat.line("T3", RowType.PAYMENT, "TXN-3", "5.00", "1.00", "4.00", open),
        PipeFormat.line("S1", RowType.PAYMENT, "TXN-4", "5.00", "1.00", "4.00", "po_other"));

    assertThat(query("SELECT row_key || '=' || payout_id FROM " + TABLE + " ORDER BY rowid"))
        .containsExactly("T1=ref-W1", "T2=ref-W1", "W1=ref-W1", "T3=" + open, "S1=po_other");

    // The open section's payout arrives in the next file: the earlier row is resolved too.
    importLines(
        "stl2.csv", PipeFormat.line("W2", RowType.PAYOUT, null, "-4.00", "0.00", "-4.00", open));

    assertThat(
            query(
                "SELECT row_key || '=' || payout_id FROM "
                    + TABLE
                    + " WHERE row_key IN ('T3', 'W2')"))
        .containsExactlyInAnyOrder("T3=ref-W2", "W2=ref-W2");
  }

  @Test
  void aProvisionalPayoutIdIsResolvedOnlyByAPayoutRowOfItsOwnFormat() throws Exception {
    String section = ProcessorTable.PROVISIONAL_PAYOUT_PREFIX + "ACCT:2026-11-24:USD";
    Path stl = dir.resolve("stl.csv");
    Files.writeString(
        stl,
        PipeFormat.HEADER
            + "\n"
            + PipeFormat.line("T1", RowType.PAYMENT, "TXN-1", "10.00", "1.00", "9.00", section)
            + "\n");
    importer.importFile(ImportFormat.PAYPAL, stl, db);

    // Another processor's file whose payout id (free text in the generic format) spells the same.
    importLines(
        "other.csv",
        PipeFormat.line("W1", RowType.PAYOUT, null, "-9.00", "0.00", "-9.00", section));

    assertThat(
            query(
                "SELECT row_key || '=' || payout_id FROM "
                    + TABLE
                    + " WHERE source_format = 'paypal'"))
        .containsExactly("T1=" + section);
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

  private List<String> query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(String.valueOf(rs.getString(i)));
        }
        rows.add(String.join("|", cells));
      }
      return rows;
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
