package dev.reconciler.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.task.BadArguments;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static RetryPolicy policy(double random) {
    return new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(60), () -> random);
  }

  @Test
  void doublesTheDelayFromTheBaseUpToTheCap() {
    RetryPolicy top = policy(0.999_999);
    assertThat(top.delayAfter(0)).isBetween(Duration.ofMillis(9_999), Duration.ofSeconds(10));
    assertThat(top.delayAfter(1)).isBetween(Duration.ofMillis(19_999), Duration.ofSeconds(20));
    assertThat(top.delayAfter(2)).isBetween(Duration.ofMillis(39_999), Duration.ofSeconds(40));
    assertThat(top.delayAfter(3)).isBetween(Duration.ofMillis(59_999), Duration.ofSeconds(60));
    assertThat(top.delayAfter(40)).isBetween(Duration.ofMillis(59_999), Duration.ofSeconds(60));
  }

  @Test
  void jitterScalesTheDelayDownToHalf() {
    assertThat(policy(0.0).delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy(0.5).delayAfter(1)).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void retriesOnlyRetryableErrorsWhileAttemptsRemain() {
    RetryPolicy p = policy(0.5);
    assertThat(p.shouldRetry(0, new IOException("smtp down"))).isTrue();
    assertThat(p.shouldRetry(2, new IOException("smtp down"))).isTrue();
    assertThat(p.shouldRetry(3, new IOException("smtp down"))).isFalse();
    assertThat(p.shouldRetry(0, new BadArguments("bad date"))).isFalse();
  }
}
