package dev.reconciler.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.RawRow;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadedSideTest {
  private static RawRow row(long line, String id, String amount, String status) {
    return new RawRow(
        Source.SALES, line, id, amount, "USD", status, "2026-11-24T10:00:00Z", "ORD", "CUST", null);
  }

  @Test
  void totalsEachCurrencyOverRowsSpelledDifferently() {
    String[] codes = {"USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK"};
    RawRow[] rows = new RawRow[codes.length * 3];
    for (int i = 0; i < rows.length; i++) {
      String code = codes[i % codes.length];
      // Raw spellings that clean to one code, so equal codes arrive as different instances.
      String raw = i < codes.length ? code : i < 2 * codes.length ? " " + code.toLowerCase() : code;
      rows[i] =
          new RawRow(
              Source.SALES,
              i + 1,
              "T" + i,
              (i + 1) + ".25",
              raw,
              "paid",
              "2026-11-24T10:00:00Z",
              "O",
              "C",
              null);
    }
    Map<String, BigDecimal> totals = TestSides.side(Source.SALES, rows).totals();
    assertThat(totals.keySet())
        .containsExactly(Arrays.stream(codes).sorted().toArray(String[]::new));
    for (int k = 0; k < codes.length; k++) {
      long expected = 0;
      for (int i = k; i < rows.length; i += codes.length) {
        expected += Money.fromDecimal(new BigDecimal((i + 1) + ".25"));
      }
      assertThat(totals).containsEntry(codes[k], Money.toDecimal(expected));
    }
  }

  @Test
  void totalsTheLargestAmountsExactlyPastWhatALongHolds() {
    // Ten of the largest amounts the parser accepts: ten times past Long.MAX_VALUE in 1/10,000.
    RawRow[] rows = new RawRow[21];
    for (int i = 0; i < 10; i++) {
      rows[i] = row(i + 1, "UP" + i, "99999999999999.9999", "paid");
      rows[10 + i] = row(11 + i, "DOWN" + i, "-99999999999999.9999", "paid");
    }
    rows[20] = row(21, "CENT", "0.01", "paid");
    assertThat(TestSides.side(Source.SALES, Arrays.copyOf(rows, 10)).totals())
        .containsExactly(entry("USD", new BigDecimal("999999999999999.999")));
    // Up past the limit and back down again: exact both ways.
    assertThat(TestSides.side(Source.SALES, rows).totals())
        .containsExactly(entry("USD", new BigDecimal("0.01")));
  }

  @Test
  void keepsTheFirstRowOfAnIdWhereverItsRepeatsFallAmongTheIndexedBatches() {
    RawRow[] rows = new RawRow[100];
    for (int i = 0; i < rows.length; i++) {
      // Row 17 repeats row 16 in the same batch, row 40 repeats row 3 across batches, and the
      // last row (indexed only when the load ends) repeats row 50.
      int of = i == 17 ? 16 : i == 40 ? 3 : i == 99 ? 50 : i;
      rows[i] = row(i + 1, "T" + of, i == of ? "5.00" : "6.00", "paid");
    }
    LoadedSide side = TestSides.side(Source.SALES, rows);
    assertThat(side.size()).isEqualTo(97);
    assertThat(side.conflictCount()).isEqualTo(3);
    for (int of : new int[] {16, 3, 50}) {
      int position = side.find("T" + of);
      assertThat(side.line(position)).isEqualTo(of + 1);
      assertThat(side.amount(position)).isEqualTo(50_000);
    }
    assertThat(side.id(side.size() - 1)).isEqualTo("T98");
  }

  @Test
  void countsAnExactCopyAsDuplicateAndKeepsTheFirst() {
    LoadedSide side =
        TestSides.side(Source.SALES, row(1, "T1", "5.00", "paid"), row(2, "T1", "5.00", "paid"));
    assertThat(side.size()).isEqualTo(1);
    assertThat(side.exactDuplicates()).isEqualTo(1);
    assertThat(side.conflictCount()).isZero();
    assertThat(side.line(side.find("T1"))).isEqualTo(1);
  }

  @Test
  void treatsCopiesThatDifferOnlyInCleaningAsExact() {
    LoadedSide side =
        TestSides.side(
            Source.SALES,
            row(1, "T1", "1234.50", "completed"),
            row(2, " t1 ", "1,234.50", " Completed "));
    assertThat(side.exactDuplicates()).isEqualTo(1);
  }

  @Test
  void recordsASameIdWithOtherContentAsConflictingDuplicate() {
    LoadedSide side =
        TestSides.side(
            Source.SALES,
            row(1, "T1", "5.00", "paid"),
            row(2, "T1", "6.00", "paid"),
            row(3, "T2", "1.00", "paid"));
    assertThat(side.size()).isEqualTo(2);
    assertThat(side.conflictCount()).isEqualTo(1);
    assertThat(side.conflictLine(0)).isEqualTo(2);
    assertThat(side.line(side.conflictCanonical(0))).isEqualTo(1);
    assertThat(side.amount(side.find("T1"))).isEqualTo(50_000);
  }

  @Test
  void growsPastItsInitialCapacityAndFindsEveryId() {
    RawRow[] rows = new RawRow[5000];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row(i + 1, "ID-" + i, "1.00", "paid");
    }
    LoadedSide side = TestSides.side(Source.SALES, rows);
    assertThat(side.size()).isEqualTo(5000);
    for (int i = 0; i < rows.length; i++) {
      assertThat(side.find("ID-" + i)).isEqualTo(i);
    }
    assertThat(side.find("ID-5000")).isEqualTo(-1);
  }

  @Test
  void everyRowReadEndsUpSomewhere() {
    LoadedSide side =
        TestSides.side(
            Source.SALES,
            row(1, "T1", "5.00", "paid"),
            row(2, "T1", "5.00", "paid"),
            row(3, "T1", "7.00", "paid"),
            row(4, "T2", "abc", "paid"),
            row(5, "T3", "1", "paid"));
    assertThat(side.rowsRead())
        .isEqualTo(
            side.size() + side.exactDuplicates() + side.conflictCount() + side.rejected().size());
  }
}
