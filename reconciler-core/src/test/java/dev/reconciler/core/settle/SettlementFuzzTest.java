package dev.reconciler.core.settle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.fuzz.HostileStrings;
import dev.reconciler.core.imports.RowType;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.match.SourceStats;
import dev.reconciler.core.report.ExcelReportWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor table whose rows hold hostile text in any column: the rules and the report still
 * finish, every finding's amounts are real numbers, and nothing throws.
 */
class SettlementFuzzTest {
  private static final String AT = "2026-11-24T10:00:00Z";
  private static final String[] COLUMNS = {
    "transaction_id",
    "amount",
    "fee",
    "net",
    "currency",
    "processed_at",
    "payout_id",
    "original_ref",
    "processor_ref",
    "raw_type",
    "row_type",
    "account"
  };
  private static final RowType[] TYPES = {
    RowType.PAYMENT,
    RowType.REFUND,
    RowType.CHARGEBACK,
    RowType.CHARGEBACK_REVERSAL,
    RowType.FEE,
    RowType.PAYOUT
  };

  @TempDir Path dir;

  @Test
  void hostileValuesInAnyColumnNeverBreakTheRulesOrTheReport() throws Exception {
    ImportedDatabase db = new ImportedDatabase(dir.resolve("hostile.db"));
    SplittableRandom random = new SplittableRandom(11);
    List<String> hostile =
        HostileStrings.generate(11, 600, List.of("T-1", "-20.00", "USD", AT, "po_1", "ch_1"));
    db.exec("BEGIN");
    db.sale("T-1", "100.00", "USD", "completed").sale("T-2", "abc", "usd", "refunded");
    for (String value : hostile) {
      RowType type = TYPES[random.nextInt(TYPES.length)];
      String id = random.nextBoolean() ? "T-1" : "T-2";
      db.row(type, type.id(), id, "-20.00", "1.00", "-21.00", "USD", AT, "po_1", "r", "ch_1")
          .set(COLUMNS[random.nextInt(COLUMNS.length)], value);
    }
    db.exec("COMMIT");
    Settings settings =
        SettingsLoader.load(null, Map.of("RECONCILER_FEES_RATE_CARD", "USD:2.9%+0.30"));

    Settlement found =
        new SettlementRules(settings).check(db.file(), LocalDate.parse("2026-11-24"));

    assertThat(found.size()).isPositive();
    found.refunds().forEach(f -> assertThat(f.atStake().signum()).isNotNegative());
    found.chargebacks().forEach(f -> assertThat(f.atStake().signum()).isNotNegative());
    found.fees().forEach(f -> assertThat(f.atStake().signum()).isNotNegative());
    found.payouts().forEach(f -> assertThat(f.atStake().signum()).isNotNegative());
    ReconciliationResult result =
        new ReconciliationResult(
            "run-fuzz",
            LocalDate.parse("2026-11-24"),
            db.file().toString(),
            new SourceStats(Source.SALES, "sales", 0, 0, 0, 0, 0),
            new SourceStats(Source.PROCESSOR, "processor_transactions", 0, 0, 0, 0, 0),
            0,
            0,
            List.of(),
            List.of(),
            List.of(),
            found,
            LedgerOutcome.none(LocalDate.parse("2026-11-24")));
    assertThat(result.amounts().values())
        .allSatisfy(byCurrency -> assertThat(byCurrency.values()).allMatch(a -> a.signum() >= 0));
    Path report =
        new ExcelReportWriter(SettingsLoader.defaults().report())
            .write(result, dir.resolve("out").resolve("r.xlsx"));
    assertThat(report).isRegularFile();
  }
}
