package dev.reconciler.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.fuzz.HostileStrings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SendAlertArgsTest {
  private static final String RUN_ID = "run-2026-11-24-0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final String TASK_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]");

  private static List<Object> args(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  private static List<Object> valid() {
    return args(RUN_ID, "failure", "2026-11-24", "/data/reconciler.db", "boom", TASK_ID);
  }

  @Test
  void readsEveryArgumentOfAValidFailureAlert() {
    SendAlertArgs a = SendAlertArgs.from(valid());

    assertThat(a.runId()).isEqualTo(RUN_ID);
    assertThat(a.kind().id()).isEqualTo("failure");
    assertThat(a.businessDate()).isEqualTo(LocalDate.of(2026, 11, 24));
    assertThat(a.database()).isEqualTo("/data/reconciler.db");
    assertThat(a.error()).isEqualTo("boom");
    assertThat(a.failedTaskId()).isEqualTo(TASK_ID);
    assertThat(SendAlertArgs.from(a.toList())).isEqualTo(a);
  }

  @Test
  void aGroupFailureAlertNamesItsGroupAsATaskIdAndAnAlertOfNoGroupHasSixArguments() {
    List<Object> ofGroup = valid();
    ofGroup.add("g-1");
    SendAlertArgs a = SendAlertArgs.from(ofGroup);
    assertThat(a.groupId()).isEqualTo("g-1");
    assertThat(a.toList()).hasSize(7);
    assertThat(SendAlertArgs.from(a.toList())).isEqualTo(a);
    assertThat(SendAlertArgs.from(valid()).toList()).hasSize(6);

    for (Object bad : Arrays.asList("g 1", "g\nBcc: x", "", 7L)) {
      List<Object> hostile = valid();
      hostile.add(bad);
      assertThatThrownBy(() -> SendAlertArgs.from(hostile))
          .isInstanceOf(BadArguments.class)
          .hasMessageContaining("group id")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void rejectsARunIdCarryingAHeaderLineWithoutEchoingTheLineBreak() {
    List<Object> hostile = valid();
    hostile.set(0, "run-y\r\nBcc: evil@attacker.example");

    assertThatThrownBy(() -> SendAlertArgs.from(hostile))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("run id")
        .hasMessageContaining("run-y\\r\\nBcc: evil@attacker.example")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n"));
  }

  @Test
  void rejectsARunIdWithATrailingLineBreakOrSpace() {
    for (String bad : List.of(RUN_ID + "\n", RUN_ID + " ", " " + RUN_ID, RUN_ID + "\u0000")) {
      List<Object> hostile = valid();
      hostile.set(0, bad);
      assertThatThrownBy(() -> SendAlertArgs.from(hostile))
          .as(HostileStrings.escape(bad))
          .isInstanceOf(BadArguments.class);
    }
  }

  @Test
  void acceptsTheRunIdsRunIdsMakes() {
    List<Object> fresh = valid();
    fresh.set(0, "run-2026-11-24-1a2b3c4d");
    fresh.set(5, null);

    assertThat(SendAlertArgs.from(fresh).runId()).isEqualTo("run-2026-11-24-1a2b3c4d");
  }

  @Test
  void rejectsARunIdOfAnotherBusinessDate() {
    List<Object> other = valid();
    other.set(2, "2026-11-25");

    assertThatThrownBy(() -> SendAlertArgs.from(other))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("2026-11-25");
  }

  @Test
  void rejectsAnUnknownAlertKindNamingTheKnownOnes() {
    List<Object> other = valid();
    other.set(1, "failure\r\nX-Evil: 1");

    assertThatThrownBy(() -> SendAlertArgs.from(other))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("discrepancies, failure")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n"));
  }

  @Test
  void rejectsDatesOutsideTheStrictFormatOrASaneYear() {
    for (String bad :
        List.of(
            "+10000-01-01", "2026-2-3", "2026-02-30", "1999-12-31", "2200-01-01", "٢٠٢٦-١١-٢٤")) {
      List<Object> other = valid();
      other.set(2, bad);
      assertThatThrownBy(() -> SendAlertArgs.from(other))
          .as(bad)
          .isInstanceOf(BadArguments.class)
          .hasMessageContaining("yyyy-MM-dd");
    }
  }

  @Test
  void rejectsAFailedTaskIdThatIsNoTaskId() {
    List<Object> other = valid();
    other.set(5, "t\nINFO forged log line");

    assertThatThrownBy(() -> SendAlertArgs.from(other))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("failed task id");
  }

  @Test
  void keepsLineBreaksAndTabsOfTheErrorButDropsOtherControlsAndBoundsItsLength() {
    List<Object> other = valid();
    other.set(4, "line 1\r\n\tline 2\u0000\u001b[31m\rline 3" + "x".repeat(20_000));

    String error = SendAlertArgs.from(other).error();

    assertThat(error).startsWith("line 1\n\tline 2[31m\nline 3xxx").doesNotContain("\r");
    assertThat(error.length()).isLessThan(dev.reconciler.core.alert.ErrorText.MAX_CHARS + 100);
    assertThat(error).endsWith("(truncated from 20028 characters)");
  }

  @Test
  void refusesADatabasePathWithControlCharactersOrParentSegments() {
    for (String bad : List.of("/data/x.db\n", "/data/../etc/passwd", "a\u0000b")) {
      List<Object> other = valid();
      other.set(3, bad);
      assertThatThrownBy(() -> SendAlertArgs.from(other))
          .as(HostileStrings.escape(bad))
          .isInstanceOf(BadArguments.class)
          .hasMessageContaining("database");
    }
  }

  @Test
  void hostileStringsInEveryPositionGiveAValueOrBadArgumentsAndNeverAControlCharacterInAnId() {
    List<Object> base = valid();
    for (int position = 0; position < base.size(); position++) {
      int at = position;
      HostileStrings.forEach(
          8_000L + at,
          3_000,
          List.of(String.valueOf(base.get(at)), RUN_ID, "discrepancies", "2026-11-24", TASK_ID),
          s -> {
            List<Object> candidate = valid();
            candidate.set(at, s);
            SendAlertArgs a;
            try {
              a = SendAlertArgs.from(candidate);
            } catch (BadArguments expected) {
              assertThat(expected.getMessage()).doesNotContain("\r", "\n");
              return;
            }
            assertThat(a.runId()).doesNotContainPattern(CONTROL).matches("run-[A-Za-z0-9._-]+");
            assertThat(a.failedTaskId()).doesNotContainPattern(CONTROL);
            assertThat(a.kind().id()).isIn("discrepancies", "failure");
            if (a.error() != null) {
              assertThat(a.error()).doesNotContain("\r").doesNotContain("\u0000");
            }
          });
    }
  }

  @Test
  void nonStringValuesAreBadArguments() {
    for (Object odd : List.of(42, 1.5, true, List.of("x"), java.util.Map.of("a", "b"))) {
      for (int position = 0; position < 6; position++) {
        List<Object> candidate = valid();
        candidate.set(position, odd);
        assertThatThrownBy(() -> SendAlertArgs.from(candidate))
            .as("position " + position + ": " + odd)
            .isInstanceOf(BadArguments.class);
      }
    }
  }
}
