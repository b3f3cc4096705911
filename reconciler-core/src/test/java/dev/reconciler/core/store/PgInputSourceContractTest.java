package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.imports.ProcessorTable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on a real PostgreSQL: text columns and a line column numbering the rows in the order
 * given; a processor table holding typed rows gets the columns an import adds.
 */
class PgInputSourceContractTest extends InputSourceContract {
  private static final InputSchema SCHEMA =
      new InputSchema("sales", "processor_transactions", "transaction_id");

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();
  private static int databases;

  @TempDir Path dir;

  /**
   * Three generated days, dirty values included, in a zone whose day is not UTC's: every day's read
   * and every row fetched whole give the same lines and the same text from either database.
   */
  @Test
  void readsExactlyWhatSqliteReadsForTheSameGeneratedDays() throws Exception {
    GenerationSpec spec =
        new GenerationSpec(
                LocalDate.parse("2026-11-23"),
                2_000,
                5,
                ZoneId.of("America/New_York"),
                new BigDecimal("0.01"),
                GenerationSpec.Rates.defaults())
            .withDays(GenerationSpec.Days.of(3, 2));
    Path db = dir.resolve("same.db");
    new DataGenerator(Progress.NONE).generateDays(spec, db, dir.resolve("sqlite-truth.json"));
    pg.newDatabase("same");
    Settings.Database database = pg.settings("same");
    new DataGenerator(Progress.NONE, file -> PgInputWriter.create(database))
        .generateDays(spec, db, dir.resolve("pg-truth.json"));
    assertThat(Files.readString(dir.resolve("pg-truth.json")))
        .isEqualTo(Files.readString(dir.resolve("sqlite-truth.json")));
    try (InputSource sqlite = new SqliteInputSource(db, SCHEMA, 1000);
        InputSource postgres = new PgInputSource(database, SCHEMA)) {
      postgres.checkSchema();
      int compared = 0;
      for (int d = 0; d < 3; d++) {
        Instant start = spec.businessDate().plusDays(d).atStartOfDay(spec.zone()).toInstant();
        Instant end = spec.businessDate().plusDays(d + 1).atStartOfDay(spec.zone()).toInstant();
        for (Source side : Source.values()) {
          List<RawRow> expected = day(sqlite, side, start, end);
          assertThat(day(postgres, side, start, end)).isEqualTo(expected);
          long[] lines = expected.stream().mapToLong(RawRow::line).toArray();
          assertThat(postgres.fetchRows(side, lines)).isEqualTo(sqlite.fetchRows(side, lines));
          assertThat(postgres.sizeHint(side)).isEqualTo(sqlite.sizeHint(side));
          compared += expected.size();
        }
      }
      assertThat(compared).isGreaterThan(3 * 2 * 2_000);
    }
  }

  /**
   * The part rule's cheap spelling gives every id the number of the full one (the whole id trimmed
   * and upper-cased, as the first PostgreSQL parts read it), odd ids included.
   */
  @Test
  void theCheapBucketOfAnIdIsTheBucketOfItsNormalisedForm() throws Exception {
    String url = pg.newDatabase("buckets");
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t(id text)");
      try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?)")) {
        for (String id : OddIds.TEXT) {
          insert.setString(1, id);
          insert.executeUpdate();
        }
      }
      // The whole id normalised as the matcher compares it (and as the first parts read it).
      String id = PgSettlementReader.normalKey("(id)::text");
      String full =
          "(coalesce(ascii(right("
              + id
              + ", 1)), 0) * 31 + CASE WHEN length("
              + id
              + ") >= 2 THEN ascii(substr("
              + id
              + ", length("
              + id
              + ") - 1, 1)) ELSE 0 END)";
      try (java.sql.ResultSet rs =
          st.executeQuery(
              "SELECT count(*), count(*) FILTER (WHERE "
                  + PgInputSource.bucket("id")
                  + " IS DISTINCT FROM "
                  + full
                  + "), count(DISTINCT "
                  + full
                  + ") FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(OddIds.TEXT.size());
        assertThat(rs.getInt(2)).as("ids whose two numbers differ").isZero();
        assertThat(rs.getInt(3))
            .as("numbers, so that the ids do tell spellings apart")
            .isGreaterThan(15);
      }
    }
  }

  @Test
  void aTableWithoutALineColumnIsRefusedNamingIt() throws Exception {
    String url = pg.newDatabase("noline");
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE sales(transaction_id text, order_id text, customer_id text, amount text,"
              + " currency text, status text, created_at text)");
    }
    try (InputSource source = new PgInputSource(pg.settings("noline"), SCHEMA)) {
      assertThatThrownBy(source::checkSchema)
          .isInstanceOf(UserError.class)
          .hasMessageContaining("table 'sales'")
          .hasMessageContaining("has no column 'line'");
    }
  }

  private static List<RawRow> day(InputSource source, Source side, Instant start, Instant end) {
    List<RawRow> rows = new ArrayList<>();
    source.readDay(side, start, end, fields -> rows.add(fields.toRawRow()));
    return rows;
  }

  @Override
  protected InputSource sourceOf(List<Row> sales, List<Row> processor) throws Exception {
    String name = "contract" + ++databases;
    String url = pg.newDatabase(name);
    boolean typed = processor.stream().anyMatch(row -> row.rowType() != null);
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE sales(line bigint PRIMARY KEY, transaction_id text, order_id text,"
              + " customer_id text, amount text, currency text, status text, created_at text)");
      st.execute(
          "CREATE TABLE processor_transactions(line bigint PRIMARY KEY, processor_ref text,"
              + " transaction_id text, amount text, currency text, fee text, status text,"
              + " processed_at text)");
      if (typed) {
        for (String column : ProcessorTable.ADDED_COLUMNS) {
          st.execute("ALTER TABLE processor_transactions ADD COLUMN " + column + " text");
        }
      }
      // Lines with gaps, far from 1: nothing may assume a rowid-like numbering.
      insert(c, SCHEMA, Source.SALES, sales, false, PgInputSource.LINE, i -> 1_000_007L + 7 * i);
      insert(
          c,
          SCHEMA,
          Source.PROCESSOR,
          processor,
          typed,
          PgInputSource.LINE,
          i -> 1_000_007L + 7 * i);
    }
    return new PgInputSource(pg.settings(name), SCHEMA);
  }
}
