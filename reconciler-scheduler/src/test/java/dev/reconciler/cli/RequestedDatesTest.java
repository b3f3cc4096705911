package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.UserError;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestedDatesTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC);

  private static RequestedDates of(String date, String from, String to) {
    RunOptions run = new RunOptions();
    run.date = date;
    run.from = from;
    run.to = to;
    return RequestedDates.of(run, ZoneId.of("UTC"), NOW);
  }

  @Test
  void oneDateIsARangeOfOneAndYesterdayByDefault() {
    assertThat(of(null, null, null))
        .isEqualTo(new RequestedDates(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24)));
    assertThat(of("2026-11-20", null, null).to()).isEqualTo(LocalDate.of(2026, 11, 20));
  }

  @Test
  void aRangeMayHoldAYearWithItsLeapDayButNotADayMore() {
    assertThat(of(null, "2028-01-01", "2028-12-31").to()).isEqualTo(LocalDate.of(2028, 12, 31));
    assertThat(of(null, "2026-11-24", "2026-11-24").from()).isEqualTo(LocalDate.of(2026, 11, 24));
    assertThatThrownBy(() -> of(null, "2028-01-01", "2029-01-01"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("367 dates");
  }

  /** A blank value is what a script's unset variable gives: refused, not taken for yesterday. */
  @Test
  void aBlankDateIsRefusedNamingItsOption() {
    assertThatThrownBy(() -> of(null, "2026-11-01", ""))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("--to is blank");
    assertThatThrownBy(() -> of(" ", null, null))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("--date is blank");
  }
}
