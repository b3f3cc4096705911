package dev.reconciler.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.fuzz.HostileStrings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorTextTest {
  @Test
  void keepsLinesAndTabsAndDropsOtherControls() {
    assertThat(ErrorText.forBody("a\r\nb\rc\u2028d\te\u0007\u0085f\u001b[2J"))
        .isEqualTo("a\nb\nc\nd\te\nf[2J");
    assertThat(ErrorText.forBody(null)).isNull();
  }

  @Test
  void aLongTextIsCutWithinTheLimitWithItsFullLength() {
    String cut = ErrorText.forBody("x".repeat(20_000));

    assertThat(cut).hasSize(ErrorText.MAX_CHARS).endsWith("… (truncated from 20000 characters)");
  }

  @Test
  void staysWithinTheLimitAndIsStableWhenAppliedAgain() {
    HostileStrings.forEach(
        77,
        2_000,
        List.of("line\r\n".repeat(2_000), "😀".repeat(5_000)),
        s -> {
          String once = ErrorText.forBody(s);
          assertThat(once.length()).isLessThanOrEqualTo(ErrorText.MAX_CHARS);
          assertThat(once).doesNotContain("\r", "\u0000", "\u001b");
          assertThat(ErrorText.forBody(once)).isEqualTo(once);
        });
  }
}
