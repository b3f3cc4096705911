package dev.reconciler.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.load.LoadedSide;
import dev.reconciler.core.load.TestSides;
import dev.reconciler.core.store.RawRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {
  @ParameterizedTest(name = "sale {0} vs processor {1} with tolerance {2}: {3}")
  @CsvSource(
      nullValues = "MATCH",
      value = {
        "100.00, 100.01, 0.01, MATCH",
        "100.00, 99.99, 0.01, MATCH",
        "100.00, 100.015, 0.01, AMOUNT_MISMATCH",
        "100.00, 99.985, 0.01, AMOUNT_MISMATCH",
        "100.00, 100.005, 0.01, MATCH",
        "100.00, 100.0051, 0.005, AMOUNT_MISMATCH",
        "100.00, 100.005, 0.005, MATCH",
        "100.00, 100.00, 0, MATCH",
        "100.00, 100.0001, 0, AMOUNT_MISMATCH",
        // The widest difference the input allows still fits the matcher's long subtraction.
        "-99999999999999.9999, 99999999999999.9999, 0.01, AMOUNT_MISMATCH",
        "99999999999999.9999, -99999999999999.9999, 0.01, AMOUNT_MISMATCH",
        "99999999999999.9999, 99999999999999.9999, 0, MATCH",
      })
  void flagsAmountsOnlyBeyondTheTolerance(
      String sale, String processor, String tolerance, DiscrepancyKind expected) {
    var sides = TestSides.pair("T1", sale, "USD", "completed", processor, "USD", "settled");
    MatchOutcome outcome = new Matcher(new BigDecimal(tolerance)).match(sides[0], sides[1]);
    assertThat(outcome.findings().stream().map(Finding::kind).findFirst().orElse(null))
        .isEqualTo(expected);
    assertThat(outcome.matched()).isEqualTo(expected == null ? 1 : 0);
  }

  @ParameterizedTest(name = "{0}/{1} sale {2} processor {3}: {4}")
  @CsvSource(
      nullValues = "MATCH",
      value = {
        "USD, EUR, completed, settled, CURRENCY_MISMATCH",
        "USD, EUR, completed, failed, CURRENCY_MISMATCH",
        "USD, USD, completed, failed, FAILED_PAYMENT",
        "USD, USD, completed, declined, FAILED_PAYMENT",
        "USD, USD, pending, failed, MATCH",
        "USD, USD, completed, pending, MATCH",
      })
  void classifiesAPairByCurrencyThenFailureThenAmount(
      String saleCcy,
      String procCcy,
      String saleStatus,
      String procStatus,
      DiscrepancyKind expected) {
    var sides = TestSides.pair("T1", "10.00", saleCcy, saleStatus, "10.00", procCcy, procStatus);
    MatchOutcome outcome = new Matcher(new BigDecimal("0.01")).match(sides[0], sides[1]);
    assertThat(outcome.findings().stream().map(Finding::kind).findFirst().orElse(null))
        .isEqualTo(expected);
  }

  @Test
  void pairsEveryIdAcrossBatchesAndBothHalves() {
    // 1,001 sales over batches of 64 and the two threads' halves: every third is unknown to the
    // processor, every seventh paired one differs in amount, and 50 payments have no sale.
    List<RawRow> sales = new ArrayList<>();
    List<RawRow> payments = new ArrayList<>();
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 1001; i++) {
      String id = "TXN-" + i;
      sales.add(row(Source.SALES, sales.size() + 1, id, "10.00"));
      if (i % 3 == 0) {
        expected.add("MISSING_IN_PROCESSOR " + id);
      } else {
        payments.add(
            row(Source.PROCESSOR, payments.size() + 1, id, i % 7 == 0 ? "11.00" : "10.00"));
        if (i % 7 == 0) {
          expected.add("AMOUNT_MISMATCH " + id);
        }
      }
    }
    for (int i = 0; i < 50; i++) {
      payments.add(row(Source.PROCESSOR, payments.size() + 1, "PAY-" + i, "1.00"));
      expected.add("MISSING_IN_SALES PAY-" + i);
    }
    LoadedSide s = TestSides.side(Source.SALES, sales.toArray(RawRow[]::new));
    LoadedSide p = TestSides.side(Source.PROCESSOR, payments.toArray(RawRow[]::new));
    MatchOutcome outcome = new Matcher(new BigDecimal("0.01")).match(s, p);
    Set<String> found = new TreeSet<>();
    for (Finding f : outcome.findings()) {
      found.add(
          f.kind()
              + " "
              + (f.salePosition() >= 0 ? s.id(f.salePosition()) : p.id(f.processorPosition())));
    }
    assertThat(found).isEqualTo(expected);
    long mismatched = expected.stream().filter(e -> e.startsWith("AMOUNT")).count();
    assertThat(outcome.matched()).isEqualTo(p.size() - 50 - mismatched);
  }

  private static RawRow row(Source source, long line, String id, String amount) {
    return new RawRow(
        source,
        line,
        id,
        amount,
        "USD",
        source == Source.SALES ? "completed" : "settled",
        "2026-11-24T10:00:00Z",
        "R",
        null,
        null);
  }
}
