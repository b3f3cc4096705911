package dev.reconciler.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroundTruthTest {
  private static GroundTruth.Finding finding(String kind, String id, String source) {
    return new GroundTruth.Finding(kind, id, source, "1.00", "1.00", "USD");
  }

  private static GroundTruth truth(List<GroundTruth.Finding> findings, ExportTruth export) {
    return new GroundTruth(
        LocalDate.of(2026, 11, 24),
        1,
        "UTC",
        10,
        10,
        10,
        5,
        0,
        new GroundTruth.PerSource(0, 0),
        new GroundTruth.PerSource(0, 0),
        findings,
        List.of(),
        export);
  }

  @Test
  void aDatabasesKindsAreTheMatchersWithDistinctIdsCountedAndNoneAsZero() {
    GroundTruth t =
        truth(
            List.of(
                finding("missing_in_sales", "T1", null),
                finding("duplicate_id", "T2", "sales"),
                finding("duplicate_id", "T2", "processor"),
                finding("duplicate_id", "T3", "sales")),
            null);
    assertThat(t.idsPerKind())
        .containsExactly(
            Map.entry("missing_in_processor", 0),
            Map.entry("missing_in_sales", 1),
            Map.entry("amount_mismatch", 0),
            Map.entry("failed_payment", 0),
            Map.entry("currency_mismatch", 0),
            Map.entry("duplicate_id", 2));
  }

  @Test
  void anExportsKindsAreItsSheetsLessThoseItCannotCarry() {
    Map<String, List<String>> sheets = new LinkedHashMap<>();
    sheets.put("missing_in_processor", List.of("T1", "T2"));
    sheets.put("failed_payment", List.of());
    sheets.put("refund", List.of("T3"));
    sheets.put("payout", List.of("po_1"));
    ExportTruth export =
        new ExportTruth(
            "stripe",
            "stripe-export.csv",
            "",
            List.of("failed_payment"),
            Map.of(),
            List.of(),
            List.of(),
            sheets);
    assertThat(truth(List.of(finding("refund", "T3", null)), export).idsPerKind())
        .containsExactly(
            Map.entry("missing_in_processor", 2),
            Map.entry("missing_in_sales", 0),
            Map.entry("amount_mismatch", 0),
            Map.entry("currency_mismatch", 0),
            Map.entry("duplicate_id", 0),
            Map.entry("refund", 1),
            Map.entry("chargeback", 0),
            Map.entry("fee", 0),
            Map.entry("payout", 1));
  }
}
