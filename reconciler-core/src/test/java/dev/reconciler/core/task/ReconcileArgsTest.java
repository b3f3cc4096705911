package dev.reconciler.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.fuzz.HostileStrings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileArgsTest {
  private static List<Object> args(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  @Test
  void readsDateDatabaseAndReportDir() {
    ReconcileArgs a = ReconcileArgs.from(args("2026-11-24", "/data/in.db", "/data/reports"));

    assertThat(a)
        .isEqualTo(new ReconcileArgs(LocalDate.of(2026, 11, 24), "/data/in.db", "/data/reports"));
    assertThat(ReconcileArgs.from(a.toList())).isEqualTo(a);
    assertThat(ReconcileArgs.from(args("2026-11-24")).database()).isNull();
  }

  @Test
  void readsAChainLinkAndWritesItBackTheSame() {
    ReconcileArgs a = ReconcileArgs.from(args("2026-11-24", null, null, "abc-1", "2026-11-26"));

    assertThat(a.chain()).isEqualTo(new ReconcileArgs.Chain("abc-1", LocalDate.of(2026, 11, 26)));
    assertThat(ReconcileArgs.from(a.toList())).isEqualTo(a);
    assertThat(a.forDate(LocalDate.of(2026, 11, 25)).chain()).isEqualTo(a.chain());
    assertThat(new ReconcileArgs(LocalDate.of(2026, 11, 24), null, null).toList()).hasSize(3);
  }

  @Test
  void refusesAChainIdWithoutItsLastDateAndIdsOrDatesOfTheWrongShape() {
    for (List<Object> bad :
        List.of(
            args("2026-11-24", null, null, "abc", null),
            args("2026-11-24", null, null, null, "2026-11-26"),
            args("2026-11-24", null, null, "a:b", "2026-11-26"),
            args("2026-11-24", null, null, "abc", "2026-11-31"),
            args("2026-11-24", null, null, "abc", 20261126L),
            args("2026-11-24", null, null, "abc", "2026-11-26", "extra"))) {
      assertThatThrownBy(() -> ReconcileArgs.from(bad))
          .as(bad.toString())
          .isInstanceOf(BadArguments.class);
    }
  }

  @Test
  void rejectsParentSegmentsAndControlCharactersInPaths() {
    for (String bad : List.of("../in.db", "/data/reports/..", "/data/\r\nreports", "a\u0000")) {
      assertThatThrownBy(() -> ReconcileArgs.from(args("2026-11-24", null, bad)))
          .as(HostileStrings.escape(bad))
          .isInstanceOf(BadArguments.class)
          .hasMessageContaining("report dir")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "\u0000"));
    }
  }

  @Test
  void hostileStringsInEveryPositionGiveAValueOrBadArguments() {
    List<Object> base = args("2026-11-24", "/data/in.db", "/data/reports", "chain-1", "2026-11-30");
    for (int position = 0; position < base.size(); position++) {
      int at = position;
      HostileStrings.forEach(
          9_000L + at,
          3_000,
          List.of(String.valueOf(base.get(at))),
          s -> {
            List<Object> candidate = new ArrayList<>(base);
            candidate.set(at, s);
            ReconcileArgs a;
            try {
              a = ReconcileArgs.from(candidate);
            } catch (BadArguments expected) {
              assertThat(expected.getMessage()).doesNotContain("\r", "\n");
              return;
            }
            assertThat(a.businessDate().toString()).matches("\\d{4}-\\d{2}-\\d{2}");
            for (String path : Arrays.asList(a.database(), a.reportDir())) {
              assertThat(path).doesNotContainPattern("\\p{Cntrl}");
            }
          });
    }
  }
}
