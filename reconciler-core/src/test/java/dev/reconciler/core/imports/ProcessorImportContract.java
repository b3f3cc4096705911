package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.store.ImportLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an import promises on every database: one transaction, idempotent by (format, row key),
 * overlapping files adding only their new rows, provisional payout ids resolved alike, a table of
 * today's contract migrated in place. SQLite's {@link ProcessorImporterTest} and PostgreSQL's
 * {@link PgProcessorImporterTest} pass it; their own database's details stay in them.
 */
abstract class ProcessorImportContract {
  static final String TABLE = "processor_transactions";

  @TempDir Path dir;

  /** Reads every format as {@link PipeFormat}: these tests are about what is around a parser. */
  ProcessorImporter importer;

  /** The settings reaching this test's database. */
  abstract Settings settings() throws Exception;

  /** The input path an import is given (where SQLite's file is). */
  abstract Path db();

  /** Runs statements on the test's database. */
  abstract void sql(String... statements) throws Exception;

  /** Every row of a query, its cells joined by '|', NULL as "null". */
  abstract List<String> query(String sql) throws Exception;

  /** The column numbering a table's rows in insertion order: rowid, or line. */
  abstract String line();

  /** A table of today's contract, with {@code amount}'s declaration. */
  abstract String todaysContract(String amount);

  /** An INSERT into it of the contract's seven values, in order. */
  abstract String insertTodays(String values);

  /** The DDL of the tables and indexes, to compare before and after. */
  abstract List<String> schema() throws Exception;

  /** Whether the index of this name is unique. */
  abstract boolean uniqueIndex(String name) throws Exception;

  /** Every row of {@code sql} on {@code c}, as {@link #query} returns them. */
  static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
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

  @BeforeEach
  void makeImporter() throws Exception {
    importer = new ProcessorImporter(settings(), format -> new PipeFormat());
  }

  ImportSummary importLines(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, PipeFormat.HEADER + "\n" + String.join("\n", lines) + "\n");
    return importer.importFile(ImportFormat.CSV, file, db());
  }

  /** {@link #importLines} of a file whose every row is rejected: refused, with its summary. */
  ImportSummary refusedLines(String name, String... lines) {
    ImportRefused refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> importLines(name, lines), ImportRefused.class);
    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.getMessage()).isEqualTo(refused.summary().refusal());
    return refused.summary();
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
   * A row repeated in a table's first file is kept once, its first occurrence, as a later import
   * skips a row the table holds; a repeat that says otherwise is refused with its line and why.
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
            PipeFormat.payment("ch_1", "TXN-1", "8.00"),
            PipeFormat.payment("ch_2", "TXN-2", "2.0"));

    assertThat(s.added())
        .containsExactlyInAnyOrderEntriesOf(Map.of(RowType.PAYMENT, 2L, RowType.REFUND, 1L));
    // 2.0 is 2.00: the same row.
    assertThat(s.alreadyPresent())
        .containsExactlyInAnyOrderEntriesOf(Map.of(RowType.PAYMENT, 1L, RowType.REFUND, 1L));
    assertThat(s.rejectedTotal()).isEqualTo(2);
    assertThat(s.rejected())
        .extracting(ImportSummary.Rejection::line, ImportSummary.Rejection::reason)
        .containsExactly(
            tuple(
                4L,
                "row id ch_1 is in the table already, from twice.csv line 2, with gross 1.00;"
                    + " this row has 9.00: not imported (a row id must name one row)"),
            tuple(
                7L,
                "row id ch_1 is in the table already, from twice.csv line 2, with gross 1.00;"
                    + " this row has 8.00: not imported (a row id must name one row)"));
    // Each with its transaction id and time, as a row the parser rejected: found and placed by
    // them.
    assertThat(s.rejected())
        .extracting(ImportSummary.Rejection::rawId, ImportSummary.Rejection::at)
        .containsOnly(tuple("TXN-1", Instant.parse("2026-11-24T10:15:30Z")));
    assertThat(
            query(
                "SELECT row_key || '=' || amount || '@' || source_line FROM "
                    + TABLE
                    + " ORDER BY "
                    + line()))
        .containsExactly("ch_1=1.00@2", "ch_2=2.00@3", "re_1=-1.00@5");
    assertThat(uniqueIndex(TABLE + "_import_key")).isTrue();

    // The key serves the next import.
    ImportSummary again =
        importLines(
            "more.csv",
            PipeFormat.payment("ch_2", "TXN-2", "2.00"),
            PipeFormat.payment("ch_3", "TXN-3", "3.00"));
    assertThat(again.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("4");
  }

  /** Rows already in the table when its key is built again are kept, the file's repeats are not. */
  @Test
  void aFirstImportIntoAFilledTableKeepsTheOlderRowOfARepeatedKey() throws Exception {
    importLines("a.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00"));
    // As if the key had been dropped by hand: the next import builds it again.
    sql("DROP INDEX " + TABLE + "_import_key");

    ImportSummary s =
        importLines(
            "b.csv",
            PipeFormat.payment("ch_2", "TXN-2", "2.00"),
            PipeFormat.payment("ch_1", "TXN-1", "7.00"));

    assertThat(s.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(s.alreadyPresent()).isEmpty();
    assertThat(s.rejected())
        .extracting(ImportSummary.Rejection::line, ImportSummary.Rejection::reason)
        .containsExactly(
            tuple(
                3L,
                "row id ch_1 is in the table already, from a.csv line 2, with gross 1.00;"
                    + " this row has 7.00: not imported (a row id must name one row)"));
    assertThat(
            query(
                "SELECT row_key || '=' || amount || '@' || source_file FROM "
                    + TABLE
                    + " ORDER BY "
                    + line()))
        .containsExactly("ch_1=1.00@a.csv", "ch_2=2.00@b.csv");
  }

  /**
   * A file whose row says otherwise than the row of its key already imported (an edited export, or
   * a csv mapping whose row id column repeats) is not lost as "already present": each such row is
   * refused with its line and the first value that differs, and the table keeps what it had.
   */
  @Test
  void aLaterRowWhoseKeyNamesARowThatSaysOtherwiseIsRefusedWithWhy() throws Exception {
    importLines(
        "mon.csv",
        PipeFormat.payment("ch_1", "TXN-1", "1.00"),
        PipeFormat.payment("ch_2", "TXN-2", "2.00"),
        PipeFormat.payment("ch_3", "TXN-3", "3.00"));

    ImportSummary s =
        importLines(
            "tue.csv",
            PipeFormat.payment("ch_1", "TXN-1", "1.00"),
            // A refund keyed by its payment's id, as a csv whose row id column is the charge's.
            PipeFormat.line("ch_2", RowType.REFUND, "TXN-2", "-2.00", "0.00", "-2.00", null),
            PipeFormat.payment("ch_3", "TXN-9", "3.00"),
            PipeFormat.payment("ch_4", "TXN-4", "4.00"),
            // Repeats within the file, against a row this import adds.
            PipeFormat.payment("ch_4", "TXN-4", "4.000"),
            PipeFormat.line("ch_4", RowType.PAYMENT, "TXN-4", "4.00", "0.50", "3.50", null));

    assertThat(s.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(s.alreadyPresent()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 2L));
    assertThat(s.rejectedTotal()).isEqualTo(3);
    assertThat(s.rejected())
        .extracting(ImportSummary.Rejection::line, ImportSummary.Rejection::reason)
        .containsExactly(
            tuple(
                3L,
                "row id ch_2 is in the table already, from mon.csv line 3, with type payment;"
                    + " this row has refund: not imported (a row id must name one row)"),
            tuple(
                4L,
                "row id ch_3 is in the table already, from mon.csv line 4, with transaction id"
                    + " TXN-3; this row has TXN-9: not imported (a row id must name one row)"),
            tuple(
                7L,
                "row id ch_4 is in the table already, from tue.csv line 5, with fee 1.00;"
                    + " this row has 0.50: not imported (a row id must name one row)"));
    assertThat(s.rejected())
        .extracting(ImportSummary.Rejection::rawId, ImportSummary.Rejection::at)
        .containsExactly(
            tuple("TXN-2", Instant.parse("2026-11-24T10:15:30Z")),
            tuple("TXN-9", Instant.parse("2026-11-24T10:15:30Z")),
            tuple("TXN-4", Instant.parse("2026-11-24T10:15:30Z")));
    assertThat(
            query(
                "SELECT row_key || '=' || row_type || ' ' || amount || '@' || source_file FROM "
                    + TABLE
                    + " ORDER BY "
                    + line()))
        .containsExactly(
            "ch_1=payment 1.00@mon.csv",
            "ch_2=payment 2.00@mon.csv",
            "ch_3=payment 3.00@mon.csv",
            "ch_4=payment 4.00@tue.csv");
  }

  /**
   * Each import is logged with the task that ran it, in its own transaction: a redelivered task
   * finds its own committed import, and no other task's, and a failed import left no entry.
   */
  @Test
  void anImportIsLoggedWithItsTaskInItsOwnTransaction() throws Exception {
    Path file = dir.resolve("day.csv");
    Files.writeString(
        file,
        PipeFormat.HEADER
            + "\n"
            + PipeFormat.payment("ch_1", "TXN-1", "1.00")
            + "\n"
            + PipeFormat.payment("ch_2", "TXN-2", "2.00")
            + "\n");
    Path crash = dir.resolve("crash.csv");
    Files.writeString(
        crash,
        PipeFormat.HEADER + "\n" + PipeFormat.payment("ch_3", "TXN-3", "3.00") + "\n!crash\n");

    importer.importFile(ImportFormat.CSV, file, db(), "task-1");
    importer.importFile(ImportFormat.CSV, file, db(), "task-2");
    assertThatThrownBy(() -> importer.importFile(ImportFormat.CSV, crash, db(), "task-3"))
        .hasMessageContaining("parser bug");

    assertThat(importer.importedBy("task-1", db()))
        .hasValueSatisfying(
            e -> {
              assertThat(e.format()).isEqualTo("csv");
              assertThat(e.file()).isEqualTo("day.csv");
              assertThat(e.rowsAdded()).isEqualTo(2);
            });
    assertThat(importer.importedBy("task-2", db()))
        .hasValueSatisfying(e -> assertThat(e.rowsAdded()).isZero());
    assertThat(importer.importedBy("task-3", db())).isEmpty();
    assertThat(importer.importedBy("task-9", db())).isEmpty();
  }

  /**
   * Imports are ordered by the text of their commit times, written at one width: an import a
   * fraction of a second after one at a whole second is the later (as Instant.toString writes them,
   * "…:01.000000500Z" sorts before "…:01Z").
   */
  @Test
  void importsOfOneSecondAreOrderedByTheirTime() throws Exception {
    Instant whole = Instant.parse("2026-12-03T10:00:01Z");
    for (Instant at : List.of(whole, whole.plusNanos(500))) {
      importer =
          new ProcessorImporter(
              settings(), format -> new PipeFormat(), Clock.fixed(at, ZoneOffset.UTC));
      String file = at.equals(whole) ? "first.csv" : "second.csv";
      importLines(file, PipeFormat.payment("ch_" + file, "TXN-1", "1.00"), "ch_x|bogus");
    }

    assertThat(ImportLog.recent(settings().database(), db(), 10, 1))
        .extracting(l -> l.entry().file() + " " + l.entry().at())
        .containsExactly(
            "second.csv 2026-12-03T10:00:01.000000500Z", "first.csv 2026-12-03T10:00:01Z");
    assertThat(ImportLog.byFormat(settings().database(), db()).get("csv").latest().file())
        .isEqualTo("second.csv");
    // The kept rejections are found by the same text.
    assertThat(ImportLog.recent(settings().database(), db(), 10, 1))
        .allSatisfy(l -> assertThat(l.rejections()).hasSize(1));
  }

  /** As many rows refused as there are rows new: each counted as what it is. */
  @Test
  void aNewRowBesideARefusedOneIsTheOneAdded() throws Exception {
    importLines("a.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00"));

    ImportSummary s =
        importLines(
            "b.csv",
            PipeFormat.payment("ch_1", "TXN-1", "1.50"),
            PipeFormat.payment("ch_2", "TXN-2", "2.00"));

    assertThat(s.added()).containsExactlyEntriesOf(Map.of(RowType.PAYMENT, 1L));
    assertThat(s.alreadyPresent()).isEmpty();
    assertThat(s.rejected()).extracting(ImportSummary.Rejection::line).containsExactly(2L);
    assertThat(query("SELECT row_key || '=' || amount FROM " + TABLE + " ORDER BY " + line()))
        .containsExactly("ch_1=1.00", "ch_2=2.00");
  }

  /** The parser's rejections and the refused rows are listed together, in file order. */
  @Test
  void refusedAndMalformedRowsAreListedInFileOrder() throws Exception {
    importLines("a.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00"));

    ImportSummary s =
        importLines(
            "b.csv",
            PipeFormat.payment("ch_1", "TXN-1", "1.10"),
            "not|a|row",
            PipeFormat.payment("ch_2", "TXN-2", "2.00"));

    assertThat(s.rejected()).extracting(ImportSummary.Rejection::line).containsExactly(2L, 3L);
    assertThat(s.rejectedTotal()).isEqualTo(2);
  }

  /**
   * The listed rejections are those with the lowest lines, wherever found: a clash with the table
   * on line 2 is listed though the parser rejected more rows than the list holds after it.
   */
  @Test
  void aRefusedRowIsListedBeforeTheParsersLaterRejections() throws Exception {
    importLines("first.csv", PipeFormat.payment("txn_1", "TXN-1", "10.00"));
    List<String> second = new ArrayList<>();
    second.add(PipeFormat.payment("txn_1", "TXN-1", "99.00"));
    for (int i = 0; i < ProcessorImporter.REJECTS_KEPT + 50; i++) {
      second.add(PipeFormat.payment("bad_" + i, "TXN-B" + i, "1.00").replace("|1.00|", "|bad|"));
    }

    ImportSummary s = refusedLines("second.csv", second.toArray(String[]::new));

    // Refused before its commit: no import log entry says the file was imported.
    assertThat(query("SELECT source_file FROM " + TABLE + "_imports")).containsExactly("first.csv");
    assertThat(query("SELECT count(*) FROM " + TABLE + "_import_rejects")).containsExactly("0");
    assertThat(s.rejectedTotal()).isEqualTo(ProcessorImporter.REJECTS_KEPT + 51);
    assertThat(s.rejected()).hasSize(ProcessorImporter.REJECTS_KEPT);
    assertThat(s.rejected().get(0).line()).isEqualTo(2);
    assertThat(s.rejected().get(0).reason()).startsWith("row id txn_1 is in the table already");
    assertThat(s.rejected())
        .extracting(ImportSummary.Rejection::line)
        .isSorted()
        .last()
        .isEqualTo((long) ProcessorImporter.REJECTS_KEPT + 1);
  }

  /**
   * A row id a file repeats is compared where its first row is, on SQLite; the refusals listed are
   * still the lowest lines, not the repeat ahead of the rows between.
   */
  @Test
  void refusedRowsListedAreTheLowestLinesWhenTheFileRepeatsARowId() throws Exception {
    List<String> first = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    first.add(PipeFormat.payment("ch_a", "TXN-A", "1.00"));
    changed.add(PipeFormat.payment("ch_a", "TXN-A", "1.01"));
    for (int i = 0; i < ProcessorImporter.REJECTS_KEPT; i++) {
      first.add(PipeFormat.payment("ch_" + i, "TXN-" + i, "1.00"));
      changed.add(PipeFormat.payment("ch_" + i, "TXN-" + i, "1.01"));
    }
    changed.add(PipeFormat.payment("ch_a", "TXN-A", "1.02"));
    importLines("a.csv", first.toArray(String[]::new));

    ImportSummary s = refusedLines("b.csv", changed.toArray(String[]::new));

    assertThat(s.rejectedTotal()).isEqualTo(ProcessorImporter.REJECTS_KEPT + 2);
    assertThat(s.rejected())
        .extracting(ImportSummary.Rejection::line)
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(2, ProcessorImporter.REJECTS_KEPT + 1)
                .boxed()
                .toList());
  }

  /** Every refused row is counted, beyond the ones listed with their reasons. */
  /**
   * A file whose every row the parser rejects is refused before anything is committed: no rows, no
   * import log entry (which would tell a redelivered task that its file had been imported).
   */
  @Test
  void aFileOfRejectedRowsIsRefusedWithoutACommit() throws Exception {
    importLines("good.csv", PipeFormat.payment("ch_g", "TXN-G", "1.00"));

    ImportSummary s = refusedLines("bad.csv", "ch_1|bogus", "ch_2|bogus");

    assertThat(s.rejectedTotal()).isEqualTo(2);
    assertThat(s.oneLine())
        .isEqualTo("csv file bad.csv: 0 rows imported, 0 already present, 2 rejected");
    assertThat(query("SELECT count(*) FROM " + TABLE + "_imports")).containsExactly("1");
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("1");
  }

  @Test
  void refusedRowsBeyondTheListedOnesAreCounted() throws Exception {
    int rows = 2 * (ProcessorImporter.REJECTS_KEPT + 50);
    List<String> first = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      first.add(PipeFormat.payment("ch_" + i, "TXN-" + i, "1.00"));
      changed.add(PipeFormat.payment("ch_" + i, "TXN-" + i, i % 2 == 0 ? "1.00" : "1.01"));
    }
    importLines("a.csv", first.toArray(String[]::new));

    ImportSummary s = importLines("b.csv", changed.toArray(String[]::new));

    assertThat(s.addedTotal()).isZero();
    assertThat(s.alreadyPresentTotal()).isEqualTo(rows / 2);
    assertThat(s.rejectedTotal()).isEqualTo(rows / 2);
    assertThat(s.rejected())
        .hasSize(ProcessorImporter.REJECTS_KEPT)
        .allSatisfy(r -> assertThat(r.line() % 2).isOne());
    assertThat(query("SELECT count(*) FROM " + TABLE + " WHERE amount = '1.01'"))
        .containsExactly("0");
  }

  /**
   * The rejections the import log keeps for the days of {@code day} (UTC), as {@code
   * file:line-lastLine:reason} per row, and each file's total.
   */
  List<String> rejectedOn(String day) throws Exception {
    java.time.Instant from =
        java.time.LocalDate.parse(day).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    List<String> found = new ArrayList<>();
    for (ImportLog.FileRejections f :
        ImportLog.rejectedIn(
            settings().database(), db(), from, from.plus(java.time.Duration.ofDays(1)))) {
      found.add(f.format() + ":" + f.file() + " rejected " + f.rejectedTotal());
      for (ImportSummary.Rejection r : f.listed()) {
        found.add(f.file() + ":" + r.line() + "-" + r.lastLine() + ":" + r.reason());
      }
    }
    return found;
  }

  /** A pipe-format payment at {@code at}. */
  static String paymentAt(String key, String txn, String at) {
    return PipeFormat.payment(key, txn, "1.00").replace("2026-11-24T10:15:30Z", at);
  }

  /**
   * An import keeps its rejected rows and the times its accepted rows span, in its transaction: the
   * days its rows reach list a rejected row whose time could not be read, other days do not.
   */
  @Test
  void anImportKeepsItsRejectedRowsForTheDaysItsRowsReach() throws Exception {
    importLines(
        "days.csv",
        paymentAt("ch_1", "TXN-1", "2026-11-24T23:59:59.999Z"),
        "ch_x|bogus",
        paymentAt("ch_2", "TXN-2", "2026-11-23T00:00:00Z"));

    List<String> expected =
        List.of("csv:days.csv rejected 1", "days.csv:3-3:expected 11 fields, got 2");
    assertThat(rejectedOn("2026-11-23")).isEqualTo(expected);
    assertThat(rejectedOn("2026-11-24")).isEqualTo(expected);
    assertThat(rejectedOn("2026-11-22")).isEmpty();
    assertThat(rejectedOn("2026-11-25")).isEmpty();
  }

  /**
   * A rejected row whose time reads is listed on its own day only, not on every day its file
   * reaches (a Stripe payout report spans several): the accountant of the other days has nothing to
   * find for it. One that does not read still goes on each of them.
   */
  @Test
  void aRejectedRowWhoseTimeReadsIsListedOnItsDayOnly() throws Exception {
    importLines(
        "payout.csv",
        paymentAt("ch_1", "TXN-1", "2026-11-23T08:00:00Z"),
        paymentAt("ch_2", "TXN-2", "2026-11-24T08:00:00Z"),
        paymentAt("ch_3", "TXN-3", "2026-11-23T23:59:59.999Z").replace("|payment|", "|bogus|"),
        paymentAt("ch_4", "TXN-4", "2026-11-24T00:00:00Z").replace("|1.00|", "|one|"),
        "ch_5|short");

    assertThat(rejectedOn("2026-11-23"))
        .containsExactly(
            "csv:payout.csv rejected 3",
            "payout.csv:4-4:unknown row type 'bogus'",
            "payout.csv:6-6:expected 11 fields, got 2");
    assertThat(rejectedOn("2026-11-24")).hasSize(3);
    assertThat(rejectedOn("2026-11-24").get(1)).startsWith("payout.csv:5-5:not a number or time");
    assertThat(rejectedOn("2026-11-24").get(2))
        .isEqualTo("payout.csv:6-6:expected 11 fields, got 2");
    assertThat(
            ImportLog.rejectedIn(
                    settings().database(),
                    db(),
                    java.time.Instant.parse("2026-11-23T00:00:00Z"),
                    java.time.Instant.parse("2026-11-24T00:00:00Z"))
                .get(0)
                .listed()
                .get(0))
        .isEqualTo(
            new ImportSummary.Rejection(
                4,
                4,
                "unknown row type 'bogus'",
                "TXN-3",
                java.time.Instant.parse("2026-11-23T23:59:59.999Z")));
  }

  /**
   * What the console's Imports page reads: the latest imports, newest first, each with its counts,
   * the span of its rows and the first of its kept rejections; none before any import.
   */
  @Test
  void theRecentImportsAreListedNewestFirstWithTheirRejections() throws Exception {
    assertThat(ImportLog.recent(settings().database(), db(), 10, 2)).isEmpty();
    assertThat(ImportLog.byFormat(settings().database(), db())).isEmpty();
    importLines(
        "mon.csv",
        paymentAt("ch_1", "TXN-1", "2026-11-23T08:00:00Z"),
        paymentAt("ch_2", "TXN-2", "2026-11-24T09:00:00Z").replace("|payment|", "|bogus|"),
        paymentAt("ch_3", "TXN-3", "2026-11-23T10:00:00Z").replace("|1.00|", "|one|"),
        "ch_4|short");
    Thread.sleep(5); // imports are ordered by their commit's time
    importLines(
        "tue.csv",
        paymentAt("ch_5", "TXN-5", "2026-11-25T08:00:00Z"),
        "!note first of the file",
        "!note second, <b>as written</b>");
    Thread.sleep(5);
    importLines("wed.csv", paymentAt("ch_6", "TXN-6", "2026-11-26T08:00:00Z"));

    List<ImportLog.Logged> recent = ImportLog.recent(settings().database(), db(), 2, 2);
    assertThat(recent)
        .extracting(l -> l.entry().file() + " +" + l.entry().rowsAdded())
        .containsExactly("wed.csv +1", "tue.csv +1");
    assertThat(recent.get(0).entry().rowsRejected()).isZero();
    assertThat(recent.get(0).rejections()).isEmpty();
    // What the parser told of the file, kept in its order; none where it told nothing.
    assertThat(recent.get(0).notes()).isEmpty();
    assertThat(recent.get(1).notes())
        .containsExactly("first of the file", "second, <b>as written</b>");

    ImportLog.Logged mon = ImportLog.recent(settings().database(), db(), 3, 2).get(2);
    assertThat(mon.entry().file()).isEqualTo("mon.csv");
    assertThat(mon.entry().format()).isEqualTo("csv");
    assertThat(mon.entry().rowsRejected()).isEqualTo(3);
    // The rejected row of the 24th widens the span; the two of the lowest lines are listed.
    assertThat(mon.firstRow()).isEqualTo(java.time.Instant.parse("2026-11-23T08:00:00Z"));
    assertThat(mon.lastRow()).isEqualTo(java.time.Instant.parse("2026-11-24T09:00:00Z"));
    assertThat(mon.rejections())
        .extracting(ImportSummary.Rejection::line, ImportSummary.Rejection::rawId)
        .containsExactly(tuple(3L, "TXN-2"), tuple(4L, "TXN-3"));
    // The metrics' view: the latest import of each format, whichever came last.
    Path thu = dir.resolve("thu.csv");
    Files.writeString(
        thu, PipeFormat.HEADER + "\n" + paymentAt("ch_7", "TXN-7", "2026-11-27T08:00:00Z") + "\n");
    importer.importFile(ImportFormat.STRIPE, thu, db());
    Map<String, ImportLog.FormatImports> latest = ImportLog.byFormat(settings().database(), db());
    assertThat(latest).containsOnlyKeys("csv", "stripe");
    assertThat(latest.get("csv").latest()).isEqualTo(recent.get(0).entry());
    assertThat(latest.get("stripe").latest().file()).isEqualTo("thu.csv");
    assertThat(latest.get("stripe").newestRow()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
    // An older file imported again is the latest import and adds nothing: the format's newest row
    // is still Wednesday's, what a stale download shows.
    Thread.sleep(5);
    importLines("tue.csv", paymentAt("ch_5", "TXN-5", "2026-11-25T08:00:00Z"));
    ImportLog.FormatImports csv = ImportLog.byFormat(settings().database(), db()).get("csv");
    assertThat(csv.latest().file()).isEqualTo("tue.csv");
    assertThat(csv.latest().rowsAdded()).isZero();
    assertThat(csv.newestRow()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
  }

  /**
   * A rejected row of a day none of its file's accepted rows reach is still listed on that day: the
   * import reaches it through the rejected row.
   */
  @Test
  void aRejectedRowOfADayNoAcceptedRowReachesIsListedOnIt() throws Exception {
    importLines(
        "late.csv",
        paymentAt("ch_1", "TXN-1", "2026-11-24T08:00:00Z"),
        paymentAt("ch_2", "TXN-2", "2026-11-25T00:30:00Z").replace("|payment|", "|bogus|"));

    assertThat(rejectedOn("2026-11-25"))
        .containsExactly("csv:late.csv rejected 1", "late.csv:3-3:unknown row type 'bogus'");
    assertThat(rejectedOn("2026-11-24")).isEmpty();
  }

  /**
   * The rows beyond those kept have no day the log can tell: each day the file reaches says how
   * many, counted against the kept rows of every day, not only the day's.
   */
  @Test
  void rowsBeyondTheKeptOnesAreCountedOnEachDayAgainstAllTheKeptOnes() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(paymentAt("ch_0", "TXN-0", "2026-11-24T08:00:00Z"));
    for (int i = 1; i <= ProcessorImporter.REJECTS_KEPT + 5; i++) {
      String day = i % 2 == 0 ? "2026-11-23" : "2026-11-24";
      lines.add(paymentAt("ch_" + i, "TXN-" + i, day + "T09:00:00Z").replace("|payment|", "|x|"));
    }
    importLines("many-days.csv", lines.toArray(String[]::new));

    for (String day : List.of("2026-11-23", "2026-11-24")) {
      List<ImportLog.FileRejections> files =
          ImportLog.rejectedIn(
              settings().database(),
              db(),
              java.time.LocalDate.parse(day).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
              java.time.LocalDate.parse(day)
                  .plusDays(1)
                  .atStartOfDay(java.time.ZoneOffset.UTC)
                  .toInstant());
      assertThat(files)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.rejectedTotal()).isEqualTo(ProcessorImporter.REJECTS_KEPT + 5);
                assertThat(f.keptRows()).isEqualTo(ProcessorImporter.REJECTS_KEPT);
                assertThat(f.notKept()).isEqualTo(5);
                assertThat(f.listed()).hasSize(ProcessorImporter.REJECTS_KEPT / 2);
              });
    }
  }

  /**
   * A file imported again, mended, replaces what its earlier import lost; another file's rejections
   * stay, and the rows a commit refuses are kept with the parser's, in line order.
   */
  @Test
  void theLatestImportOfAFileIsTheOneWhoseRejectionsCount() throws Exception {
    importLines("a.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00"));
    importLines(
        "b.csv",
        PipeFormat.payment("ch_2", "TXN-2", "2.00"),
        "ch_x|bogus",
        PipeFormat.payment("ch_1", "TXN-1", "1.50"));
    importLines("c.csv", PipeFormat.payment("ch_3", "TXN-3", "3.00"), "only|two");

    List<String> before = rejectedOn("2026-11-24");
    assertThat(before).hasSize(5);
    assertThat(before.subList(0, 2))
        .containsExactly("csv:b.csv rejected 2", "b.csv:3-3:expected 11 fields, got 2");
    assertThat(before.get(2)).startsWith("b.csv:4-4:row id ch_1 is in the table already");
    assertThat(before.subList(3, 5))
        .containsExactly("csv:c.csv rejected 1", "c.csv:3-3:expected 11 fields, got 2");

    importLines(
        "b.csv",
        PipeFormat.payment("ch_2", "TXN-2", "2.00"),
        PipeFormat.payment("ch_4", "TXN-4", "4.00"));

    assertThat(rejectedOn("2026-11-24"))
        .containsExactly("csv:c.csv rejected 1", "c.csv:3-3:expected 11 fields, got 2");
  }

  /** A rejected row's transaction id, as written, is kept with it: the report's Raw ID. */
  @Test
  void theTransactionIdOfARejectedRowIsKeptWithIt() throws Exception {
    importLines(
        "ids.csv",
        PipeFormat.payment("ch_1", "TXN-1", "1.00"),
        PipeFormat.payment("", "TXN-9", "2"));

    assertThat(
            ImportLog.rejectedIn(
                    settings().database(),
                    db(),
                    java.time.Instant.parse("2026-11-24T00:00:00Z"),
                    java.time.Instant.parse("2026-11-25T00:00:00Z"))
                .get(0)
                .listed())
        .containsExactly(
            new ImportSummary.Rejection(
                3,
                3,
                "row has no row key",
                "TXN-9",
                java.time.Instant.parse("2026-11-24T10:15:30Z")));
  }

  /** Beyond the rows listed, the total is kept: the report says how many more. */
  @Test
  void rejectionsBeyondTheListedOnesAreCountedInTheLog() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(PipeFormat.payment("ch_1", "TXN-1", "1.00"));
    for (int i = 0; i < ProcessorImporter.REJECTS_KEPT + 20; i++) {
      lines.add("bad|" + i);
    }

    importLines("many.csv", lines.toArray(String[]::new));

    List<String> kept = rejectedOn("2026-11-24");
    assertThat(kept.get(0))
        .isEqualTo("csv:many.csv rejected " + (ProcessorImporter.REJECTS_KEPT + 20));
    assertThat(kept).hasSize(1 + ProcessorImporter.REJECTS_KEPT);
    assertThat(kept.get(1)).startsWith("many.csv:3-3:");
  }

  /**
   * An import log of the earlier version (no rejections, no times) gains its columns at the next
   * import: its entries still tell a redelivered task what it imported, and add no rejections.
   */
  /**
   * Rejections kept by the earlier version (no times) are listed on every day their import reaches;
   * the table gains the time column at the next import, whose rejections go on their own days.
   */
  @Test
  void rejectionsKeptWithoutTimesByTheEarlierVersionListOnEveryDayTheirImportReaches()
      throws Exception {
    importLines(
        "old.csv",
        paymentAt("ch_1", "TXN-1", "2026-11-23T08:00:00Z"),
        paymentAt("ch_2", "TXN-2", "2026-11-24T08:00:00Z"));
    String at = query("SELECT imported_at FROM " + TABLE + "_imports").get(0);
    sql(
        "UPDATE " + TABLE + "_imports SET rows_rejected = 1",
        "DROP TABLE " + TABLE + "_import_rejects",
        "CREATE TABLE "
            + TABLE
            + "_import_rejects (source_format TEXT NOT NULL, source_file TEXT NOT NULL,"
            + " imported_at TEXT NOT NULL, line BIGINT NOT NULL, last_line BIGINT NOT NULL,"
            + " reason TEXT NOT NULL, raw_id TEXT)",
        "INSERT INTO "
            + TABLE
            + "_import_rejects VALUES ('csv', 'old.csv', '"
            + at
            + "', 4, 4, 'unknown row type ''x''', 'TXN-3')");

    assertThat(rejectedOn("2026-11-23")).contains("old.csv:4-4:unknown row type 'x'");
    assertThat(rejectedOn("2026-11-24")).contains("old.csv:4-4:unknown row type 'x'");

    importLines(
        "new.csv",
        paymentAt("ch_5", "TXN-5", "2026-11-23T08:00:00Z"),
        paymentAt("ch_6", "TXN-6", "2026-11-24T08:00:00Z").replace("|payment|", "|y|"));

    assertThat(rejectedOn("2026-11-23"))
        .containsExactly("csv:old.csv rejected 1", "old.csv:4-4:unknown row type 'x'");
    assertThat(rejectedOn("2026-11-24"))
        .containsExactly(
            "csv:new.csv rejected 1",
            "new.csv:3-3:unknown row type 'y'",
            "csv:old.csv rejected 1",
            "old.csv:4-4:unknown row type 'x'");
  }

  @Test
  void anImportLogOfTheEarlierVersionGainsItsColumnsAtTheNextImport() throws Exception {
    importLines("first.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00"));
    sql(
        "DROP TABLE " + TABLE + "_imports",
        "DROP TABLE " + TABLE + "_import_rejects",
        "CREATE TABLE "
            + TABLE
            + "_imports (task_id TEXT, source_format TEXT NOT NULL, source_file TEXT NOT NULL,"
            + " rows_added BIGINT NOT NULL, imported_at TEXT NOT NULL)",
        "INSERT INTO "
            + TABLE
            + "_imports VALUES ('old-task', 'csv', 'first.csv', 1, '2026-11-24T11:00:00Z')");
    assertThat(ImportLog.recent(settings().database(), db(), 10, 10))
        .singleElement()
        .satisfies(l -> assertThat(l.notes()).isEmpty());

    Path file = dir.resolve("second.csv");
    Files.writeString(
        file,
        PipeFormat.HEADER
            + "\n"
            + PipeFormat.payment("ch_2", "TXN-2", "2.00")
            + "\nno|good\n!note an account not named\n");
    importer.importFile(ImportFormat.CSV, file, db(), "new-task");

    assertThat(importer.importedBy("old-task", db()))
        .hasValueSatisfying(
            e -> {
              assertThat(e.file()).isEqualTo("first.csv");
              assertThat(e.rowsRejected()).isNull();
            });
    assertThat(importer.importedBy("new-task", db()))
        .hasValueSatisfying(
            e -> {
              assertThat(e.rowsAdded()).isEqualTo(1);
              assertThat(e.rowsRejected()).isEqualTo(1L);
            });
    assertThat(rejectedOn("2026-11-24"))
        .containsExactly("csv:second.csv rejected 1", "second.csv:3-3:expected 11 fields, got 2");
    assertThat(ImportLog.recent(settings().database(), db(), 10, 10))
        .extracting(l -> l.entry().file() + " " + l.notes())
        .containsExactly("second.csv [an account not named]", "first.csv []");
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
    assertThat(query("SELECT row_key || '@' || source_file FROM " + TABLE + " ORDER BY " + line()))
        .containsExactly(
            "ch_1@mon.csv", "ch_2@mon.csv", "ch_3@mon.csv", "ch_4@tue.csv", "ch_5@tue.csv");
  }

  /**
   * A dry run says what the import would do (rows to add, already present, rejected, refused by
   * key) and leaves the database as it was, its tables, rows and import log; the import then does
   * what it said.
   */
  @Test
  void aDryRunSaysWhatTheImportWouldDoAndKeepsNothing() throws Exception {
    List<String> emptySchema = schema();
    Path first = dir.resolve("first.csv");
    Files.writeString(
        first, PipeFormat.HEADER + "\n" + PipeFormat.payment("ch_1", "TXN-1", "1.00") + "\n");
    ImportSummary tried = importer.dryRun(ImportFormat.CSV, first, db());
    assertThat(tried.dryRun()).isTrue();
    assertThat(tried.addedTotal()).isOne();
    assertThat(schema()).as("no table made").isEqualTo(emptySchema);

    importer.importFile(ImportFormat.CSV, first, db());
    List<String> schemaBefore = schema();
    List<String> logBefore = query("SELECT * FROM " + TABLE + "_imports");
    Path second = dir.resolve("second.csv");
    Files.writeString(
        second,
        String.join(
            "\n",
            PipeFormat.HEADER,
            PipeFormat.payment("ch_1", "TXN-1", "1.00"),
            PipeFormat.payment("ch_2", "TXN-2", "2.00"),
            PipeFormat.payment("ch_3", "TXN-3", "3.00"),
            PipeFormat.payment("ch_1", "TXN-1", "1.50"),
            "ch_x|bogus",
            ""));

    ImportSummary dry = importer.dryRun(ImportFormat.CSV, second, db());

    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.addedTotal()).isEqualTo(2);
    assertThat(dry.alreadyPresentTotal()).isOne();
    assertThat(dry.rejected()).extracting(ImportSummary.Rejection::line).containsExactly(5L, 6L);
    assertThat(schema()).isEqualTo(schemaBefore);
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("1");
    assertThat(query("SELECT * FROM " + TABLE + "_imports")).isEqualTo(logBefore);

    ImportSummary done =
        importLines("second.csv", Files.readAllLines(second).subList(1, 6).toArray(String[]::new));
    assertThat(done.dryRun()).isFalse();
    assertThat(done.added()).isEqualTo(dry.added());
    assertThat(done.alreadyPresent()).isEqualTo(dry.alreadyPresent());
    assertThat(done.rejected()).isEqualTo(dry.rejected());
  }

  /**
   * A row dated more than a day after the import had its date read wrongly: the import tells of
   * such rows (and keeps the note in its log), still importing them; a row less than a day ahead (a
   * zone far east of the clock's) is not told of.
   */
  @Test
  void rowsDatedAfterTheImportAreToldOf() throws Exception {
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    importer =
        new ProcessorImporter(
            settings(), format -> new PipeFormat(), Clock.fixed(now, ZoneOffset.UTC));

    ImportSummary soon =
        importLines("soon.csv", paymentAt("ch_1", "TXN-1", "2026-11-25T09:59:59Z"));
    ImportSummary late =
        importLines(
            "late.csv",
            paymentAt("ch_2", "TXN-2", "2026-11-25T10:00:01Z"),
            paymentAt("ch_3", "TXN-3", "2026-12-03T08:00:00Z"),
            paymentAt("ch_4", "TXN-4", "2026-11-24T08:00:00Z"));

    assertThat(soon.notes()).isEmpty();
    assertThat(late.addedTotal()).isEqualTo(3);
    assertThat(late.notes())
        .containsExactly(
            "2 rows dated more than a day after this import (the latest 2026-12-03T08:00:00Z):"
                + " a date read wrongly (day and month swapped?) or a clock that is wrong? They"
                + " are imported on the days they say");
    assertThat(ImportLog.recent(settings().database(), db(), 10, 0))
        .filteredOn(l -> l.entry().file().equals("late.csv"))
        .singleElement()
        .satisfies(l -> assertThat(l.notes()).isEqualTo(late.notes()));
  }

  @Test
  void aParserFailingPartWayLeavesTheDatabaseAsItWas() throws Exception {
    sql(todaysContract("text"), insertTodays("'P-0','TXN-0','1','USD','0','settled','2026-11-24'"));
    List<String> schemaBefore = schema();
    // Enough rows that whole batches reached the database before the failure.
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      lines.add(PipeFormat.payment("ch_" + i, "TXN-" + i, "1.00"));
    }
    lines.add("!crash");

    assertThatThrownBy(() -> importLines("bad.csv", lines.toArray(String[]::new)))
        .hasMessageContaining("parser bug at line 1002");

    assertThat(schema()).isEqualTo(schemaBefore);
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("1");
  }

  @Test
  void aFileWithAWrongHeaderIsRefusedWholeAndCreatesNothing() throws Exception {
    List<String> schemaBefore = schema();
    Path file = dir.resolve("x.csv");
    Files.writeString(file, "id,amount\n1,2\n");

    assertThatThrownBy(() -> importer.importFile(ImportFormat.CSV, file, db()))
        .isInstanceOf(ImportFormatException.class)
        .hasMessageContaining("header must be");
    assertThat(schema()).isEqualTo(schemaBefore).noneMatch(ddl -> ddl.contains(TABLE));
  }

  @Test
  void migratesATableOfTodaysContractInPlaceAndItsRowsStillReadAsPayments() throws Exception {
    sql(
        todaysContract(""),
        insertTodays("'P-0','TXN-0','10.5','USD','0.3','settled','2026-11-24T09:00:00Z'"));

    importLines(
        "e.csv",
        PipeFormat.payment("ch_1", "TXN-1", "5.00"),
        PipeFormat.line("fee_1", RowType.FEE, null, "-2.00", "0.00", "-2.00", null));

    assertThat(
            query(
                "SELECT processor_ref || ':' || amount || ':' || coalesce(row_type, 'NULL')"
                    + " FROM "
                    + TABLE
                    + " WHERE "
                    + ProcessorTable.PAYMENTS
                    + " ORDER BY "
                    + line()))
        .containsExactly("P-0:10.5:NULL", "ref-ch_1:5.00:payment");
  }

  @Test
  void anIndexSquattingTheImportKeysNameIsRefusedNotLeftToDoubleARepeatedImport() throws Exception {
    // CREATE UNIQUE INDEX IF NOT EXISTS keeps an index of that name whatever its columns.
    sql(todaysContract(""), "CREATE INDEX " + TABLE + "_import_key ON " + TABLE + "(currency)");

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> importLines("a.csv", PipeFormat.payment("ch_1", "TXN-1", "1.00")))
          .hasMessageContaining("ON CONFLICT");
    }
    assertThat(query("SELECT count(*) FROM " + TABLE)).containsExactly("0");
  }

  @Test
  void aProvisionalPayoutIdWaitsThroughImportsWithoutOneForTheFileWithItsPayoutRow()
      throws Exception {
    String provisional = ProcessorTable.PROVISIONAL_PAYOUT_PREFIX + "acct:1:USD";
    importLines(
        "members.csv",
        PipeFormat.line("m_1", RowType.PAYMENT, "TXN-1", "5.00", "1.00", "4.00", provisional));
    importLines("other.csv", PipeFormat.payment("ch_2", "TXN-2", "7.00"));
    assertThat(query("SELECT payout_id FROM " + TABLE + " WHERE row_key = 'm_1'"))
        .containsExactly(provisional);
    importLines(
        "payout.csv",
        PipeFormat.line("po_1", RowType.PAYOUT, null, "-4.00", "0.00", "-4.00", provisional));
    assertThat(query("SELECT row_key, payout_id FROM " + TABLE + " ORDER BY " + line()))
        .containsExactly("m_1|ref-po_1", "ch_2|null", "po_1|ref-po_1");
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

    assertThat(query("SELECT row_key || '=' || payout_id FROM " + TABLE + " ORDER BY " + line()))
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

  /**
   * A report split over two files, imported in the other order: once its payout row's own id is
   * resolved, the section's id survives only in what the import kept, which the later file's rows
   * take their payout from.
   */
  @Test
  void rowsOfAFileImportedAfterTheirPayoutRowTakeItsReference() throws Exception {
    String section = ProcessorTable.PROVISIONAL_PAYOUT_PREFIX + "ACCT:2026-11-24:USD";
    importLines(
        "stl-2.csv",
        PipeFormat.line("W1", RowType.PAYOUT, null, "-7.00", "0.00", "-7.00", section));
    importLines(
        "stl-1.csv",
        PipeFormat.line("T1", RowType.PAYMENT, "TXN-1", "10.00", "1.00", "9.00", section),
        PipeFormat.line("T2", RowType.REFUND, "TXN-1", "-2.00", "0.00", "-2.00", section));

    assertThat(query("SELECT row_key || '=' || payout_id FROM " + TABLE + " ORDER BY " + line()))
        .containsExactly("W1=ref-W1", "T1=ref-W1", "T2=ref-W1");
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
    importer.importFile(ImportFormat.PAYPAL, stl, db());

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
}
