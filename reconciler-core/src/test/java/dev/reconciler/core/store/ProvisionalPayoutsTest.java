package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The statements that resolve provisional payout ids (PayPal), their result and query plans. */
class ProvisionalPayoutsTest {
  private static final String TABLE = "processor_transactions";

  private Connection connection;

  @BeforeEach
  void setUp() throws Exception {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    // The shape an import leaves before its read indexes: the unique key, no payout_id index.
    execute(
        "CREATE TABLE "
            + TABLE
            + "(processor_ref TEXT, row_type TEXT, payout_id TEXT, source_format TEXT,"
            + " row_key TEXT)",
        "CREATE UNIQUE INDEX k ON " + TABLE + "(source_format, row_key)",
        ProcessorImportWriter.payoutKeysSql(TABLE));
  }

  @AfterEach
  void tearDown() throws Exception {
    connection.close();
  }

  @Test
  void everyRowOfAnIdTakesTheFirstPayoutRowsReferenceASecondPayoutRowToo() throws Exception {
    execute(
        "INSERT INTO "
            + TABLE
            + "(row_key, processor_ref, row_type, payout_id) VALUES"
            + " ('T1', 'T1', 'payment', 'section:A:1:USD'),"
            + " ('W1', 'W1', 'payout', 'section:A:1:USD'),"
            + " ('W2', 'W2', 'payout', 'section:A:1:USD'),"
            + " ('T2', 'T2', 'refund', 'section:A:1:USD'),"
            + " ('T3', 'T3', 'payment', 'section:A:2:USD'),"
            + " ('T4', 'T4', 'payment', 'section:A:3:EUR'),"
            + " ('W4', NULL, 'payout', 'section:A:3:EUR'),"
            + " ('T5', 'T5', 'payment', 'po_1'),"
            + " ('T6', 'T6', 'payment', NULL),"
            + " ('T7', 'T7', 'payment', 'sectionless')");

    execute("UPDATE " + TABLE + " SET source_format = 'paypal'");

    resolve();

    assertThat(
            query(
                "SELECT row_key || '=' || ifnull(payout_id, 'NULL') FROM "
                    + TABLE
                    + " ORDER BY rowid"))
        .containsExactly(
            "T1=W1",
            "W1=W1",
            // A section's second withdrawal is part of the same payout.
            "W2=W1",
            "T2=W1",
            // No payout row yet: kept for a later file's payout row to resolve.
            "T3=section:A:2:USD",
            // A payout row without a reference has nothing to give: both keep the id.
            "T4=section:A:3:EUR",
            "W4=section:A:3:EUR",
            "T5=po_1",
            "T6=NULL",
            "T7=sectionless");
  }

  /**
   * A split download imported out of order: the file with a section's withdrawal first, the one
   * with the section's other rows after. The withdrawal's own id no longer shows what it paid out,
   * so the later rows take it from what the first import kept.
   */
  @Test
  void membersOfALaterFileTakeTheReferenceOfAPayoutRowAnEarlierImportResolved() throws Exception {
    execute(
        "INSERT INTO "
            + TABLE
            + "(row_key, processor_ref, row_type, payout_id, source_format) VALUES"
            + " ('W1', 'W1', 'payout', 'section:A:1:USD', 'paypal'),"
            + " ('X1', 'X1', 'payout', 'section:A:1:USD', 'csv')");
    resolve();

    execute(
        "INSERT INTO "
            + TABLE
            + "(row_key, processor_ref, row_type, payout_id, source_format) VALUES"
            + " ('T1', 'T1', 'payment', 'section:A:1:USD', 'paypal'),"
            + " ('T2', 'T2', 'refund', 'section:A:1:USD', 'paypal')");
    resolve();

    assertThat(
            query(
                "SELECT row_key || '=' || ifnull(payout_id, 'NULL') FROM "
                    + TABLE
                    + " WHERE source_format = 'paypal' ORDER BY rowid"))
        .containsExactly("W1=W1", "T1=W1", "T2=W1");
    assertThat(query("SELECT payout_id FROM " + TABLE + " WHERE row_key = 'X1'"))
        .as("another format's row with the same text: not this import's")
        .containsExactly("section:A:1:USD");
  }

  /** What an import of {@code paypal} rows runs: keep what payout rows say, then resolve. */
  private void resolve() throws Exception {
    execute(
        ProcessorImportWriter.rememberPayoutsSql(TABLE, "paypal"),
        ProcessorImportWriter.resolveProvisionalPayoutsSql(TABLE, "paypal"));
  }

  /**
   * The honest guard against the quadratic: in SQLite's plan no subquery runs per row, and of the
   * statement's nested loops only the outermost reads the whole table, every inner one is an index
   * search (a second full scan inside the first is rows x rows again).
   */
  @Test
  void thePlanVisitsEachRowOnceWithoutAnIndexOnPayoutId() throws Exception {
    List<String[]> plan = plan(ProcessorImportWriter.resolveProvisionalPayoutsSql(TABLE, "paypal"));

    assertThat(plan).extracting(step -> step[2]).noneMatch(d -> d.contains("CORRELATED"));
    List<String> topLoops = new ArrayList<>();
    for (String[] step : plan) {
      String detail = step[2];
      if (step[1].equals("0") && (detail.startsWith("SCAN") || detail.startsWith("SEARCH"))) {
        topLoops.add(detail);
      }
    }
    assertThat(topLoops).hasSizeGreaterThan(1);
    assertThat(topLoops.subList(1, topLoops.size())).allMatch(d -> d.startsWith("SEARCH"));
  }

  /** With the partial index of provisional ids, neither pass reads the whole table. */
  @Test
  void withTheProvisionalIndexNoPassScansTheTable() throws Exception {
    execute(ProcessorImportWriter.provisionalIndexSql(TABLE));
    List<String[]> plan = plan(ProcessorImportWriter.rememberPayoutsSql(TABLE, "paypal"));
    plan.addAll(plan(ProcessorImportWriter.resolveProvisionalPayoutsSql(TABLE, "paypal")));

    // Both the grouped pass (over the table) and the update's own loop (over it as t).
    assertThat(plan)
        .extracting(step -> step[2])
        .filteredOn(d -> d.matches("(SCAN|SEARCH) (t|" + TABLE + ")\\b.*"))
        .hasSize(2)
        .allSatisfy(d -> assertThat(d).contains("USING INDEX " + TABLE + "_provisional_payout"));
  }

  /** EXPLAIN QUERY PLAN rows as (id, parent, detail). */
  private List<String[]> plan(String sql) throws Exception {
    List<String[]> steps = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      while (rs.next()) {
        steps.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(4)});
      }
    }
    return steps;
  }

  private List<String> query(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private void execute(String... statements) throws Exception {
    try (Statement st = connection.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }
}
