package dev.reconciler.core.settle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.store.EmbeddedPg;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every case of {@link SettlementRulesTest} on a real PostgreSQL, a database of its own per case:
 * the rules read it through PgSettlementReader and must find what they find in SQLite.
 */
class PgSettlementRulesTest extends SettlementRulesTest {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /** Numbered, as PgSchema migrates each URL once per JVM. */
  private static final AtomicInteger MADE = new AtomicInteger();

  private String url;

  @Override
  ImportedDatabase db(String name, boolean imported) throws Exception {
    url = pg.newMigratedDatabase(name + MADE.incrementAndGet());
    return ImportedDatabase.postgres(url, dir.resolve(name + ".db"), imported);
  }

  /**
   * Tables keyed by a number, as upstream's may be (the sales, or both sides of today's contract):
   * the refund still finds its sale, as on SQLite, where a column's declared type never changes how
   * it compares.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sales", "sales processor_transactions"})
  void aRefundFindsItsSaleInTablesWhoseIdsAreNumbers(String numeric) throws Exception {
    ImportedDatabase db =
        db("numeric_ids_" + numeric.split(" ").length, true)
            .sale("1002", "100.00", "USD", "completed")
            .refund("1002", "re_2", "ch_2", "-20.00", "USD", "2026-11-24T10:00:00Z");
    for (String table : numeric.split(" ")) {
      db.exec(
          "ALTER TABLE "
              + table
              + " ALTER COLUMN transaction_id TYPE bigint USING transaction_id::bigint");
    }

    Settlement found =
        new SettlementRules(settings(Map.of())).check(db.file(), LocalDate.parse("2026-11-24"));

    assertThat(found.refunds())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.transactionId()).isEqualTo("1002");
              assertThat(f.reason()).isEqualTo(RefundRule.STILL_PAID);
              assertThat(f.saleAmount()).isEqualByComparingTo("100.00");
            });
  }

  @Override
  Settings settings(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("RECONCILER_DATABASE_URL", url);
    all.put("RECONCILER_DATABASE_USER", "postgres");
    return SettingsLoader.load(null, all);
  }
}
