package dev.reconciler.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LedgerFiguresTest {
  private static final LocalDate RUN = LocalDate.of(2026, 11, 24);

  @Test
  void oneCountsWhatTheOutcomesOwnListsAndAFreshSumSay() {
    Random random = new Random(5);
    String[] currencies = {"USD", "EUR", "JPY", "KWD"};
    List<OpenItem> open = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      LocalDate opened = RUN.minusDays(random.nextInt(50));
      long age = OpenItem.age(opened, RUN);
      // Some went missing today, some earlier, the rest in transit; in no particular order.
      LocalDate missing =
          age < 3 ? null : random.nextBoolean() ? RUN : opened.plusDays(3 + random.nextInt(2));
      Txn row =
          new Txn(
              i % 2 == 0 ? Source.SALES : Source.PROCESSOR,
              0,
              "T" + i,
              BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, random.nextInt(4)),
              currencies[random.nextInt(currencies.length)],
              null,
              null,
              null,
              null,
              null);
      open.add(
          new OpenItem(
              row, Status.PAID, opened, missing == null || missing.isAfter(RUN) ? null : missing));
    }
    LedgerOutcome outcome = new LedgerOutcome(RUN, 3, null, open, List.of(), List.of());

    LedgerFigures figures = LedgerFigures.of(outcome);

    assertThat(figures.inTransit()).isEqualTo(outcome.inTransit().size()).isPositive();
    assertThat(figures.wentMissing()).isEqualTo(outcome.wentMissing().size()).isPositive();
    assertThat(figures.oldestAge())
        .isEqualTo(open.stream().mapToLong(i -> i.age(RUN)).max().orElseThrow())
        .isEqualTo(49);
    Map<AgeBucket, Long> counts = new EnumMap<>(AgeBucket.class);
    Map<AgeBucket, Map<String, BigDecimal>> amounts = new EnumMap<>(AgeBucket.class);
    for (AgeBucket b : AgeBucket.values()) {
      counts.put(b, 0L);
      amounts.put(b, new HashMap<>());
    }
    for (OpenItem item : open) {
      AgeBucket b = item.bucket(RUN);
      counts.merge(b, 1L, Long::sum);
      amounts.get(b).merge(item.row().currency(), item.row().amount(), BigDecimal::add);
    }
    assertThat(figures.counts()).isEqualTo(counts);
    assertThat(figures.amounts()).isEqualTo(amounts);
    assertThat(figures.currencies()).containsExactlyElementsOf(new TreeSet<>(List.of(currencies)));
  }

  @Test
  void nothingOpenIsNoAgeAndEveryBucketEmpty() {
    LedgerFigures figures = LedgerFigures.of(LedgerOutcome.none(RUN));
    assertThat(figures.oldestAge()).isEqualTo(-1);
    assertThat(figures.inTransit()).isZero();
    assertThat(figures.counts()).hasSize(AgeBucket.values().length).containsValue(0L);
    assertThat(figures.amounts().values()).allMatch(Map::isEmpty);
    assertThat(figures.currencies()).isEmpty();
  }
}
