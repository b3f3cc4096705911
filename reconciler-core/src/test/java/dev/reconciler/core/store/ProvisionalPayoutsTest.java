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

/** The statement that resolves provisional payout ids (PayPal), its result and its query plan. */
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
        "CREATE UNIQUE INDEX k ON " + TABLE + "(source_format, row_key)");
  }

  @AfterEach
  void tearDown() throws Exception {
    connection.close();
  }

  @Test
  void membersTakeTheFirstPayoutRowsReferenceAndPayoutRowsTheirOwn() throws Exception {
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

    execute(ProcessorImportWriter.resolveProvisionalPayoutsSql(TABLE, "paypal"));

    assertThat(
            query(
                "SELECT row_key || '=' || ifnull(payout_id, 'NULL') FROM "
                    + TABLE
                    + " ORDER BY rowid"))
        .containsExactly(
            "T1=W1",
            "W1=W1",
            "W2=W2",
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
    List<String[]> plan = plan(ProcessorImportWriter.resolveProvisionalPayoutsSql(TABLE, "paypal"));

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
