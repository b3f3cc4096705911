package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.generate.ExportTruth;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.match.DiscrepancyKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a report of a generated export, imported and reconciled, against the generator's ground
 * truth: every sheet's id set, each chargeback's status and each payout's amounts. Public so the
 * CLI's tests can hold a report made through the command line to the same truth.
 */
public final class ExportTruthAssert {
  private ExportTruthAssert() {}

  /** Every sheet of {@code report} lists exactly the ids {@code truth} says, and nothing else. */
  public static void assertReportMatches(GroundTruth truth, Path report) throws IOException {
    ExportTruth export = truth.export();
    WorkbookRows workbook = new WorkbookRows(report);
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      assertThat(new TreeSet<>(workbook.ids(kind.label())))
          .as("%s sheet of %s", kind.label(), export.format())
          .containsExactlyElementsOf(export.sheetIds().getOrDefault(kind.id(), List.of()));
      if (kind.fromSettlement()) {
        assertThat(workbook.ids(kind.label()))
            .as("one row per id on %s", kind.label())
            .doesNotHaveDuplicates();
      }
    }
    assertThat(workbook.rejectedRows())
        .as("Rejected Rows of %s", export.format())
        .containsExactlyInAnyOrderElementsOf(
            truth.rejected().stream().map(r -> r.source() + "|" + r.line()).toList());
    assertChargebacks(export, byId(workbook.rows("Chargebacks"), "Transaction ID"));
    assertPayouts(export, byId(workbook.rows("Payouts"), "Payout ID"));
  }

  private static void assertChargebacks(
      ExportTruth export, Map<String, Map<String, String>> sheet) {
    assertThat(sheet.keySet())
        .containsExactlyInAnyOrderElementsOf(
            export.chargebacks().stream().map(ExportTruth.Chargeback::transactionId).toList());
    for (ExportTruth.Chargeback c : export.chargebacks()) {
      Map<String, String> row = sheet.get(c.transactionId());
      assertThat(row.get("Status")).as("status of %s", c.transactionId()).isEqualTo(c.status());
      assertThat(row.get("Currency")).isEqualTo(c.currency());
      // A lost dispute was charged back twice, around its reversal.
      String disputed =
          c.status().equals("lost")
              ? new BigDecimal(c.amount()).multiply(BigDecimal.valueOf(2)).toPlainString()
              : c.amount();
      assertAmount(row.get("Disputed"), disputed, "disputed of " + c.transactionId());
      assertAmount(
          row.get("Reversed"), c.reversed() ? c.amount() : "0", "reversed of " + c.transactionId());
      assertAmount(row.get("Chargeback fee"), c.fee(), "fee of " + c.transactionId());
      assertAmount(row.get("Net"), c.net(), "net of " + c.transactionId());
    }
  }

  private static void assertPayouts(ExportTruth export, Map<String, Map<String, String>> sheet) {
    for (ExportTruth.Payout p : export.payouts()) {
      Map<String, String> row = sheet.get(p.payoutId());
      if (p.status().equals("ok")) {
        assertThat(row).as("payout %s adds up", p.payoutId()).isNull();
        continue;
      }
      assertThat(row).as("payout %s (%s)", p.payoutId(), p.status()).isNotNull();
      assertThat(row.get("Currency")).isEqualTo(p.currency());
      assertThat(row.get("Rows")).isEqualTo(Long.toString(p.rows()));
      assertAmount(row.get("Expected"), p.expected(), "expected of " + p.payoutId());
      if (p.status().equals("not_in_file")) {
        assertThat(row.get("Reported")).as("reported of %s", p.payoutId()).isEmpty();
        assertThat(row.get("Note")).isEqualTo("amount not in file");
      } else {
        assertAmount(row.get("Reported"), p.reported(), "reported of " + p.payoutId());
        assertThat(row.get("Note")).isEqualTo("mismatch");
      }
    }
  }

  private static void assertAmount(String cell, String expected, String what) {
    assertThat(new BigDecimal(cell)).as(what).isEqualByComparingTo(new BigDecimal(expected));
  }

  private static Map<String, Map<String, String>> byId(
      List<Map<String, String>> rows, String column) {
    return rows.stream().collect(Collectors.toMap(r -> r.get(column), Function.identity()));
  }
}
