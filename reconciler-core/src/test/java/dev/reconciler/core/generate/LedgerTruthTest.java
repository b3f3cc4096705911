package dev.reconciler.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.generate.GenerationSpec.Days;
import dev.reconciler.core.generate.GenerationSpec.LateRates;
import dev.reconciler.core.generate.GroundTruth.Finding;
import dev.reconciler.core.generate.MultiDayTruth.Cleared;
import dev.reconciler.core.generate.MultiDayTruth.Item;
import dev.reconciler.core.match.DiscrepancyKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger's rules applied to hand-made plans, one rule per test. */
class LedgerTruthTest {
  private static final LocalDate D0 = LocalDate.of(2026, 11, 24);
  private static final String ID = "TXN-20261124-00000001";

  @Test
  void itemWhoseOtherHalfArrivesOnTheDayItsAgeReachesTheWindowIsClearedNotMissing() {
    List<MultiDayTruth.Day> days = new Ledger(4, 2).add(0, late(Source.PROCESSOR, 2)).run();

    assertThat(days.get(0).inTransit()).containsExactly(sales(D0, 0, null));
    assertThat(days.get(1).inTransit()).containsExactly(sales(D0, 1, null));
    assertThat(days.get(2).cleared()).containsExactly(new Cleared("sales", ID, D0, 2, null));
    assertThat(days.get(2).open()).isEmpty();
    assertThat(days).allSatisfy(day -> assertThat(day.run().discrepancies()).isEmpty());
  }

  @Test
  void itemGoesMissingOnceWhenItsAgeReachesTheWindowAndClearsLater() {
    List<MultiDayTruth.Day> days = new Ledger(5, 2).add(0, late(Source.PROCESSOR, 3)).run();

    assertThat(days.get(1).inTransit()).containsExactly(sales(D0, 1, null));
    assertThat(days.get(2).inTransit()).isEmpty();
    assertThat(days.get(2).open()).containsExactly(sales(D0, 2, D0.plusDays(2)));
    assertThat(days.get(2).run().discrepancies())
        .containsExactly(new Finding("missing_in_processor", ID, null, "10.00", null, "USD"));
    assertThat(days.get(3).run().discrepancies()).isEmpty();
    assertThat(days.get(3).cleared()).containsExactly(new Cleared("sales", ID, D0, 3, null));
    assertThat(days.get(4).open()).isEmpty();
  }

  @Test
  void windowZeroSendsItemsMissingOnTheirOwnDayAndTheyStillClear() {
    List<MultiDayTruth.Day> days = new Ledger(2, 0).add(0, late(Source.PROCESSOR, 1)).run();

    assertThat(days.get(0).inTransit()).isEmpty();
    assertThat(days.get(0).open()).containsExactly(sales(D0, 0, D0));
    assertThat(days.get(0).run().count(DiscrepancyKind.MISSING_IN_PROCESSOR)).isEqualTo(1);
    assertThat(days.get(1).cleared()).containsExactly(new Cleared("sales", ID, D0, 1, null));
    assertThat(days.get(1).run().discrepancies()).isEmpty();
  }

  @Test
  void unpaidSaleNeverOpensAndIsCountedUnsettled() {
    Plan unpaid = plan(Category.UNSETTLED_SALE);
    unpaid.saleStatus = "pending";

    List<MultiDayTruth.Day> days = new Ledger(3, 0).add(0, unpaid).run();

    assertThat(days).allSatisfy(day -> assertThat(day.open()).isEmpty());
    assertThat(days.get(0).run().unsettledSales()).isEqualTo(1);
    assertThat(days.get(0).run().discrepancies()).isEmpty();
  }

  /**
   * Authorised one day, captured another: the pending sale opens nothing and counts unsettled on
   * its day; its processor row, days later, clears it instead of opening an item.
   */
  @Test
  void pendingSaleIsKeptAndItsLaterProcessorRowClearsIt() {
    Plan capture = late(Source.PROCESSOR, 2);
    capture.category = Category.LATE_CAPTURE;
    capture.saleStatus = "pending";

    List<MultiDayTruth.Day> days = new Ledger(4, 1).add(0, capture).run();

    assertThat(days).allSatisfy(day -> assertThat(day.open()).isEmpty());
    assertThat(days.get(0).run().unsettledSales()).isEqualTo(1);
    assertThat(days.get(2).cleared()).containsExactly(new Cleared("sales", ID, D0, 2, null));
    assertThat(days).allSatisfy(day -> assertThat(day.run().discrepancies()).isEmpty());
  }

  @Test
  void processorRowThatComesFirstOpensAProcessorItemTheSaleClears() {
    List<MultiDayTruth.Day> days = new Ledger(4, 3).add(0, late(Source.SALES, 2)).run();

    assertThat(days.get(0).inTransit()).containsExactly(new Item("processor", ID, D0, 0, null));
    assertThat(days.get(2).cleared()).containsExactly(new Cleared("processor", ID, D0, 2, null));
    assertThat(days).allSatisfy(day -> assertThat(day.run().discrepancies()).isEmpty());
  }

  @Test
  void processorRowWithoutSaleGoesMissingInSales() {
    List<MultiDayTruth.Day> days = new Ledger(3, 1).add(0, plan(Category.MISSING_IN_SALES)).run();

    assertThat(days.get(0).run().discrepancies()).isEmpty();
    assertThat(days.get(1).run().discrepancies())
        .containsExactly(new Finding("missing_in_sales", ID, null, null, "10.00", "USD"));
    assertThat(days.get(2).open())
        .containsExactly(new Item("processor", ID, D0, 2, D0.plusDays(1)));
  }

  @Test
  void latePairWithWrongAmountIsClearedAndAnAmountMismatchOnItsClearingDay() {
    Plan wrong = late(Source.PROCESSOR, 1);
    wrong.category = Category.LATE_AMOUNT_MISMATCH;
    wrong.processorMinor = 1_250;

    List<MultiDayTruth.Day> days = new Ledger(2, 3).add(0, wrong).run();

    assertThat(days.get(1).cleared())
        .containsExactly(new Cleared("sales", ID, D0, 1, "amount_mismatch"));
    assertThat(days.get(1).run().discrepancies())
        .containsExactly(new Finding("amount_mismatch", ID, null, "10.00", "12.50", "USD"));
    assertThat(days.get(0).run().discrepancies()).isEmpty();
  }

  @Test
  void lateRowAfterTheLastDayLeavesItsItemOpen() {
    List<MultiDayTruth.Day> days = new Ledger(2, 3).add(1, late(Source.PROCESSOR, 5)).run();

    assertThat(days.get(0).open()).isEmpty();
    assertThat(days.get(1).open())
        .containsExactly(new Item("sales", "TXN-20261125-00000001", D0.plusDays(1), 0, null));
  }

  @Test
  void findingsOfADayAreInIdOrderWhicheverDayTheirRowsBelongTo() {
    Plan late = late(Source.PROCESSOR, 1);
    late.category = Category.LATE_AMOUNT_MISMATCH;
    late.processorMinor = 2_000;
    Plan sameDay = plan(Category.AMOUNT_MISMATCH);
    sameDay.processorMinor = 3_000;

    List<MultiDayTruth.Day> days = new Ledger(2, 3).add(1, sameDay).add(0, late).run();

    assertThat(days.get(1).run().discrepancies())
        .extracting(Finding::transactionId, Finding::processorAmount)
        .containsExactly(tuple(ID, "20.00"), tuple("TXN-20261125-00000001", "30.00"));
  }

  private static Item sales(LocalDate openedOn, long age, LocalDate missingSince) {
    return new Item("sales", ID, openedOn, age, missingSince);
  }

  /** A clean USD 10.00 pair of the given category, transaction index 0 of its day. */
  private static Plan plan(Category category) {
    Plan p = new Plan(0);
    p.category = category;
    p.saleCurrency = CurrencyMix.USD;
    p.processorCurrency = CurrencyMix.USD;
    p.saleMinor = 1_000;
    p.processorMinor = 1_000;
    p.saleStatus = "completed";
    p.processorStatus = "settled";
    return p;
  }

  /** A pair whose row of side lands lag days late. */
  private static Plan late(Source side, int lag) {
    Plan p = plan(side == Source.SALES ? Category.PROCESSOR_FIRST : Category.LATE_SETTLEMENT);
    p.lateSide = side;
    p.lagDays = lag;
    return p;
  }

  /** Runs the ledger truth over days from D0, as the generator does. */
  private static final class Ledger {
    private final GenerationSpec spec;
    private final List<List<Plan>> plans = new ArrayList<>();

    Ledger(int days, int window) {
      this.spec =
          GenerationSpec.of(D0, 1, 1).withDays(new Days(days, window, LateRates.defaults()));
      for (int d = 0; d < days; d++) {
        plans.add(new ArrayList<>());
      }
    }

    Ledger add(int day, Plan p) {
      plans.get(day).add(p);
      return this;
    }

    List<MultiDayTruth.Day> run() {
      LedgerTruth ledger = new LedgerTruth(spec);
      List<MultiDayTruth.Day> days = new ArrayList<>();
      for (int d = 0; d < plans.size(); d++) {
        LocalDate date = D0.plusDays(d);
        Ids ids = new Ids(date);
        TruthCollector truth = new TruthCollector(ids, null);
        for (Plan p : plans.get(d)) {
          ledger.take(d, ids.transaction(p.index), p, truth);
        }
        days.add(ledger.run(d, date, truth).with(truth.build(spec, 0, 0)));
      }
      return days;
    }
  }
}
