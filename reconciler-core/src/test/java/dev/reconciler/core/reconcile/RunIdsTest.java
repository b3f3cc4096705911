package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunIdsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @Test
  void everyRunIdMadeHereIsAcceptedBackWithItsDate() {
    for (int i = 0; i < 100; i++) {
      assertThat(RunIds.dateOf(RunIds.newRunId(DAY))).isEqualTo("2026-11-24");
      String task = UUID.randomUUID().toString();
      assertThat(RunIds.dateOf(RunIds.forTask(DAY, task))).isEqualTo("2026-11-24");
      assertThat(RunIds.taskIdOf(RunIds.forTask(DAY, task))).isEqualTo(task);
    }
  }

  @Test
  void acceptsNothingElse() {
    for (String bad :
        new String[] {
          "run-2026-11-24-",
          "run-2026-11-24-a\r\nBcc: x@y",
          "run-2026-11-24-a b",
          "run-2026-11-24-a/b",
          "run-2026-11-24-a@b",
          "run-2026-11-24-a:b",
          "run-2026-11-24-ü",
          "RUN-2026-11-24-a",
          "run-26-11-24-a",
          "run-2026-11-24-" + "a".repeat(129),
          "x run-2026-11-24-a",
        }) {
      assertThat(RunIds.dateOf(bad)).as(bad).isNull();
      assertThat(RunIds.taskIdOf(bad)).as(bad).isNull();
    }
  }

  @Test
  void refusesToMakeARunIdFromSomethingThatIsNoTaskId() {
    assertThatThrownBy(() -> RunIds.forTask(DAY, "t\nforged"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a task id: 't\\nforged'");
    assertThat(RunIds.isTaskId("bad-args")).isTrue();
    assertThat(RunIds.isTaskId("host.1.2_x-" + "a".repeat(117))).isTrue();
    assertThat(RunIds.isTaskId("a".repeat(129))).isFalse();
    assertThat(RunIds.isTaskId(null)).isFalse();
  }

  @Test
  void aColonIsNoTaskIdCharacterSinceMessageIdsAndFileNamesCannotKeepOne() {
    assertThat(RunIds.isTaskId("a:b")).isFalse();
    assertThat(RunIds.isTaskId(":")).isFalse();
    assertThatThrownBy(() -> RunIds.forTask(DAY, "a:b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
