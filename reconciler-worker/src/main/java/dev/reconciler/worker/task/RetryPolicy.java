package dev.reconciler.worker.task;

import dev.reconciler.core.config.Settings.TaskSettings;
import dev.reconciler.core.domain.UserError;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When and whether to retry: exponential backoff {@code min(max, base * 2^attempt)} scaled by a
 * random factor in [0.5, 1.0) so that tasks failing together do not retry in lockstep.
 */
public final class RetryPolicy {
  private final int maxRetries;
  private final Duration base;
  private final Duration max;
  private final DoubleSupplier random;

  public RetryPolicy(TaskSettings settings, DoubleSupplier random) {
    this(settings.maxRetries(), settings.backoffBase(), settings.backoffMax(), random);
  }

  public RetryPolicy(int maxRetries, Duration base, Duration max, DoubleSupplier random) {
    this.maxRetries = maxRetries;
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /**
   * Whether a task that failed on {@code attempt} (0 = first run) with {@code error} runs again.
   */
  public boolean shouldRetry(int attempt, Throwable error) {
    return isRetryable(error) && attemptsRemain(attempt);
  }

  private boolean attemptsRemain(int attempt) {
    return attempt < maxRetries;
  }

  /** Bad arguments, bad config and bad payloads fail the same way every time. */
  static boolean isRetryable(Throwable error) {
    return !(error instanceof UserError);
  }

  /** The wait before attempt {@code attempt + 1}. */
  public Duration delayAfter(int attempt) {
    double exponential = base.toMillis() * Math.pow(2, Math.min(attempt, 30));
    double capped = Math.min(max.toMillis(), exponential);
    return Duration.ofMillis((long) (capped * (0.5 + random.getAsDouble() / 2)));
  }

  public int maxRetries() {
    return maxRetries;
  }
}
